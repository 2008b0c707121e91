"""The index of progress: goal progress and history, horizons, the goal tree, stale and overdue
goals, the review cadence, tags, skills, links and backlinks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import TODAY


def goal(slug: str, extra: str = "", body: str = "") -> tuple[str, str]:
    """A goal note: its path and text, with `extra` front matter lines."""
    lines = [f"title: {slug.replace('-', ' ').title()}", *filter(None, extra.strip().splitlines())]
    return f"goals/{slug}.md", "---\n" + "\n".join(x.strip() for x in lines) + "\n---\n" + body


def review(
    name: str, when: date | None, entries: dict, period: str | None = None
) -> tuple[str, str]:
    lines = [f"title: Review {name}"]
    if when:
        lines.append(f"date: {when.isoformat()}")
    if period:
        lines.append(f"period: {period}")
    if entries:
        lines.append("goals:")
        lines += [f"  {slug}: {value}" for slug, value in entries.items()]
    return f"reviews/{name}.md", "---\n" + "\n".join(lines) + "\n---\n"


def write(vault, *notes: tuple[str, str]):
    for path, text in notes:
        vault.write(path, text)
    loaded = vault.load()
    errors = [str(d) for d in loaded.diagnostics if d.severity == "error"]
    assert errors == []
    return loaded.index


# Progress: achieved → 100; else own progress; else latest review; else checked boxes.


def test_achieved_goal_is_100_whatever_else_says(scratch_vault):
    index = write(
        scratch_vault,
        goal("talk", "status: achieved\nprogress: 20", "- [ ] not done\n"),
        review("q1", date(2026, 4, 2), {"talk": 50}),
    )
    assert index.goals["talk"].progress == 100


def test_own_progress_beats_reviews_and_tasks(scratch_vault):
    index = write(
        scratch_vault,
        goal("rust", "progress: 15", "- [x] done\n- [x] done too\n"),
        review("q1", date(2026, 4, 2), {"rust": 80}),
    )
    assert index.goals["rust"].progress == 15


def test_latest_review_by_date_gives_progress_not_file_order(scratch_vault):
    index = write(
        scratch_vault,
        goal("rust", "", "- [ ] a\n- [ ] b\n"),
        # The file named "a-..." sorts first but is the newer review.
        review("a-newer", date(2026, 10, 1), {"rust": 70}),
        review("z-older", date(2026, 4, 1), {"rust": 30}),
    )
    assert index.goals["rust"].progress == 70


def test_review_that_names_a_goal_without_a_figure_does_not_reset_progress(scratch_vault):
    index = write(
        scratch_vault,
        goal("rust"),
        review("q2", date(2026, 7, 1), {"rust": 45}),
        ("reviews/q3.md", "---\ntitle: Q3\ndate: 2026-10-01\ngoals: [rust]\n---\n"),
    )
    assert index.goals["rust"].progress == 45


def test_review_entry_with_progress_and_note(scratch_vault):
    index = write(
        scratch_vault,
        goal("rust"),
        review("q3", date(2026, 10, 1), {"rust": "{progress: 55, note: halfway through the book}"}),
    )
    assert index.goals["rust"].progress == 55
    entry = index.note("q3").entries[0]
    assert (entry.goal, entry.progress, entry.note) == ("rust", 55, "halfway through the book")


@pytest.mark.parametrize(
    "tasks, expected",
    [
        ("- [x] a\n- [x] b\n- [ ] c\n- [ ] d\n", 50),
        ("- [x] a\n- [ ] b\n- [ ] c\n", 33),
        ("- [x] a\n", 100),
    ],
)
def test_without_progress_or_reviews_the_checked_box_share_counts(scratch_vault, tasks, expected):
    index = write(scratch_vault, goal("rust", "", tasks))
    assert index.goals["rust"].progress == expected


def test_goal_with_nothing_to_go_on_is_at_zero(scratch_vault):
    index = write(scratch_vault, goal("rust", "", "Just an idea.\n"))
    assert index.goals["rust"].progress == 0


def test_progress_precedence_in_the_career_fixture(career_index):
    goals = career_index.goals
    assert goals["give-a-talk"].progress == 100  # achieved
    assert goals["lead-engineering"].progress == 30  # its own progress
    assert goals["learn-rust"].progress == 60  # the Q3 review, not Q2's 25 nor 2 of 4 boxes
    assert goals["staff-engineer"].progress == 40  # Q2's {progress, note}, not 1 of 2 boxes


# History: one point a review, dated and sorted.


def test_history_is_review_dates_and_figures_oldest_first(scratch_vault):
    index = write(
        scratch_vault,
        goal("rust"),
        review("c", date(2026, 10, 1), {"rust": 60}),
        review("a", date(2026, 4, 1), {"rust": 20}),
        review("b", date(2026, 7, 1), {"rust": 35}),
        review("other", date(2026, 8, 1), {"talk": 10}),
        goal("talk"),
    )
    assert [(p.day, p.progress, p.review.slug) for p in index.goals["rust"].history] == [
        (date(2026, 4, 1), 20, "a"),
        (date(2026, 7, 1), 35, "b"),
        (date(2026, 10, 1), 60, "c"),
    ]
    assert [(p.day, p.progress) for p in index.goals["talk"].history] == [(date(2026, 8, 1), 10)]


def test_goal_never_reviewed_has_no_history(career_index):
    assert career_index.goals["lead-engineering"].history == ()


# Horizon: as given, else from started → target.


@pytest.mark.parametrize(
    "started, target, horizon",
    [
        ("2026-01-01", "2027-06-30", "short"),
        ("2026-01-01", "2028-01-01", "short"),  # exactly two years
        ("2026-01-01", "2028-03-01", "intermediate"),
        ("2026-01-01", "2046-01-01", "intermediate"),  # exactly twenty years
        ("2026-01-01", "2046-06-01", "long"),
        ("2026-01-01", "2060", "long"),  # a bare year means its last day
    ],
)
def test_horizon_derived_from_started_and_target(scratch_vault, started, target, horizon):
    index = write(scratch_vault, goal("g", f"started: {started}\ntarget: {target}"))
    assert index.goals["g"].horizon == horizon


def test_given_horizon_wins_over_dates(scratch_vault):
    index = write(
        scratch_vault, goal("g", "horizon: long\nstarted: 2026-01-01\ntarget: 2026-06-01")
    )
    assert index.goals["g"].horizon == "long"


def test_horizon_unknown_without_target(scratch_vault):
    index = write(scratch_vault, goal("g", "started: 2026-01-01"))
    assert index.goals["g"].horizon is None


# The goal tree.


def test_parent_and_children(career_index):
    assert career_index.note("learn-rust").parent == "staff-engineer"
    assert career_index.goals["staff-engineer"].children == ("learn-rust",)
    assert career_index.goals["lead-engineering"].children == ("staff-engineer",)
    assert career_index.goals["learn-rust"].children == ()


def test_children_sorted_by_slug(scratch_vault):
    index = write(
        scratch_vault,
        goal("root"),
        goal("zeta", "parent: root"),
        goal("alpha", "parent: root"),
    )
    assert index.goals["root"].children == ("alpha", "zeta")


# Stale: an active goal no review, reflection or achievement has named for stale_after_days.


def test_goal_never_mentioned_since_it_started_long_ago_is_stale(scratch_vault):
    index = write(scratch_vault, goal("old", "started: 2025-01-01"))
    assert index.goals["old"].stale


def test_new_goal_is_not_stale(scratch_vault):
    index = write(
        scratch_vault, goal("fresh", f"started: {(TODAY - timedelta(days=10)).isoformat()}")
    )
    assert not index.goals["fresh"].stale


def test_stale_counts_from_the_build_date(scratch_vault):
    scratch_vault.write(*goal("g", "started: 2026-08-01"))
    assert not scratch_vault.load(today=date(2026, 10, 30)).index.goals["g"].stale  # 90 days on
    assert scratch_vault.load(today=date(2026, 10, 31)).index.goals["g"].stale  # 91 days on


@pytest.mark.parametrize(
    "path, text",
    [
        ("reviews/q3.md", "---\ntitle: Q3\ndate: 2026-10-01\ngoals:\n  old: 40\n---\n"),
        ("reflections/thought.md", "---\ntitle: Thought\ndate: 2026-10-01\ngoals: [old]\n---\n"),
        ("reflections/linked.md", "---\ntitle: Linked\ndate: 2026-10-01\n---\nStill on [[old]].\n"),
        (
            "achievements/win.md",
            "---\ntitle: Win\ndate: 2026-10-01\n---\nA [step](../goals/old.md).\n",
        ),
    ],
    ids=["review-map", "reflection-goals-list", "reflection-wikilink", "achievement-md-link"],
)
def test_a_mention_resets_stale(scratch_vault, path, text):
    index = write(scratch_vault, goal("old", "started: 2025-01-01"), (path, text))
    state = index.goals["old"]
    assert not state.stale
    assert state.last_mentioned == date(2026, 10, 1)


def test_an_old_mention_does_not_reset_stale(scratch_vault):
    index = write(
        scratch_vault,
        goal("old", "started: 2025-01-01"),
        ("reflections/thought.md", "---\ntitle: Thought\ndate: 2026-03-01\ngoals: [old]\n---\n"),
    )
    assert index.goals["old"].stale
    assert index.goals["old"].last_mentioned == date(2026, 3, 1)


def test_interviews_and_learning_do_not_count_as_mentions(scratch_vault):
    index = write(
        scratch_vault,
        goal("old", "started: 2025-01-01"),
        ("interviews/acme.md", "---\ntitle: Acme\ndate: 2026-11-01\ngoals: [old]\n---\n"),
        ("learning/book.md", "---\ntitle: Book\ndate: 2026-11-01\n---\nFor [[old]].\n"),
    )
    assert index.goals["old"].stale


def test_a_mention_dated_after_the_build_date_does_not_count(scratch_vault):
    index = write(
        scratch_vault,
        goal("old", "started: 2025-01-01"),
        ("reflections/later.md", "---\ntitle: Later\ndate: 2027-01-01\ngoals: [old]\n---\n"),
    )
    assert index.goals["old"].stale


@pytest.mark.parametrize("status", ["achieved", "paused", "dropped"])
def test_only_active_goals_go_stale_or_overdue(scratch_vault, status):
    index = write(
        scratch_vault, goal("g", f"status: {status}\nstarted: 2020-01-01\ntarget: 2021-01-01")
    )
    assert not index.goals["g"].stale
    assert not index.goals["g"].overdue


class TestStaleAfterDaysSetting:
    @pytest.fixture
    def vault_config(self):
        return 'title = "Short memory"\nstale_after_days = 30\n'

    def test_stale_after_days_from_config(self, scratch_vault):
        scratch_vault.write(*goal("g", f"started: {(TODAY - timedelta(days=31)).isoformat()}"))
        scratch_vault.write(*goal("h", f"started: {(TODAY - timedelta(days=30)).isoformat()}"))
        goals = scratch_vault.load().index.goals
        assert goals["g"].stale
        assert not goals["h"].stale


# Overdue.


def test_overdue_is_an_active_goal_past_its_target(career_index):
    assert career_index.goals["learn-rust"].overdue  # target 2026-09-30
    assert career_index.goals["learn-rust"].days_overdue == (TODAY - date(2026, 9, 30)).days
    assert not career_index.goals["staff-engineer"].overdue
    assert not career_index.goals["give-a-talk"].overdue  # achieved


def test_target_today_is_not_yet_overdue(scratch_vault):
    index = write(scratch_vault, goal("g", f"started: 2026-01-01\ntarget: {TODAY.isoformat()}"))
    assert not index.goals["g"].overdue


def test_target_month_means_its_last_day(scratch_vault):
    index = write(scratch_vault, goal("g", "started: 2026-01-01\ntarget: 2026-11"))
    assert not index.goals["g"].overdue
    index = scratch_vault.load(today=date(2026, 12, 1)).index
    assert index.goals["g"].overdue


# Review cadence: the next review due and the periods missed.


def test_next_review_due_after_the_current_quarter(career_index):
    cadence = career_index.cadence
    assert cadence.every == "quarterly"
    assert cadence.last_review == date(2026, 10, 4)
    assert cadence.next_due == date(2027, 1, 1)  # the Q4 review, once Q4 has ended
    assert not cadence.overdue
    assert cadence.missed == ()


def test_missed_quarter_and_overdue_review(scratch_vault):
    index = write(
        scratch_vault,
        goal("g"),
        review("2026-q1", date(2026, 4, 3), {"g": 10}, "2026-Q1"),
        review("2025-q3", date(2025, 10, 3), {"g": 5}, "2025-Q3"),
    )
    cadence = index.cadence
    assert cadence.missed == (date(2025, 10, 1), date(2026, 4, 1))  # Q4 2025 and Q2 2026
    assert cadence.next_due == date(2026, 7, 1)  # the Q2 review
    assert cadence.overdue


def test_no_review_yet_is_due_now(scratch_vault):
    index = write(scratch_vault, goal("g"))
    assert index.cadence.next_due == TODAY
    assert index.cadence.overdue
    assert index.cadence.last_review is None


class TestMonthlyReviews:
    @pytest.fixture
    def vault_config(self):
        return 'title = "Monthly"\nreview_every = "monthly"\n'

    def test_monthly_cadence(self, scratch_vault):
        index = write(
            scratch_vault,
            goal("g"),
            review("aug", date(2026, 9, 1), {"g": 1}, "2026-08"),
            review("oct", date(2026, 11, 2), {"g": 2}, "2026-10"),
        )
        assert index.cadence.every == "monthly"
        assert index.cadence.missed == (date(2026, 9, 1),)
        assert index.cadence.next_due == date(2026, 12, 1)
        assert not index.cadence.overdue


class TestWeeklyReviews:
    @pytest.fixture
    def vault_config(self):
        return 'title = "Weekly"\nreview_every = "weekly"\n'

    def test_weekly_cadence_from_iso_week_periods(self, scratch_vault):
        # TODAY (a Sunday) is in ISO week 2026-W47.
        index = write(
            scratch_vault,
            goal("g"),
            review("w44", date(2026, 11, 1), {"g": 1}, "2026-W44"),
            review("w46", date(2026, 11, 15), {"g": 2}, "2026-W46"),
        )
        assert index.cadence.missed == (date.fromisocalendar(2026, 45, 1),)
        assert index.cadence.next_due == date.fromisocalendar(2026, 48, 1)


class TestYearlyReviews:
    @pytest.fixture
    def vault_config(self):
        return 'title = "Yearly"\nreview_every = "yearly"\n'

    def test_yearly_cadence(self, scratch_vault):
        index = write(
            scratch_vault,
            goal("g"),
            review("2023", date(2024, 1, 5), {"g": 1}, "2023"),
            review("2025", date(2026, 1, 5), {"g": 2}, "2025"),
        )
        assert index.cadence.missed == (date(2024, 1, 1),)
        assert index.cadence.next_due == date(2027, 1, 1)


def test_review_without_period_covers_the_period_of_its_date(scratch_vault):
    index = write(scratch_vault, goal("g"), review("r", date(2026, 10, 20), {"g": 1}))
    with_period = write(scratch_vault, review("r", date(2026, 10, 20), {"g": 1}, "2026-Q4"))
    assert index.cadence == with_period.cadence
    assert index.cadence.next_due == date(2027, 4, 1)  # Q4 is covered; Q1 2027 is due when it ends


# Tags, skills, links and backlinks.


def test_tags_and_skills_group_notes_newest_first(career_index):
    assert career_index.tags["leadership"] == ("staff-engineer", "lead-engineering")
    assert career_index.tags["rust"] == ("learn-rust",)
    assert career_index.skills["rust"] == ("rust-book", "learn-rust")
    assert career_index.skills["system-design"] == ("shipped-ledger", "staff-engineer")
    assert list(career_index.tags) == sorted(career_index.tags, key=str.lower)


def test_backlinks_from_every_link_form(scratch_vault):
    index = write(
        scratch_vault,
        goal("rust"),
        ("reflections/wiki.md", "---\ntitle: W\ndate: 2026-01-01\n---\nSee [[rust]].\n"),
        (
            "reflections/piped.md",
            "---\ntitle: P\ndate: 2026-01-02\n---\nSee [[rust|my Rust goal]].\n",
        ),
        (
            "reflections/md.md",
            "---\ntitle: M\ndate: 2026-01-03\n---\nSee [the goal](../goals/rust.md).\n",
        ),
        (
            "reflections/anchor.md",
            "---\ntitle: A\ndate: 2026-01-04\n---\nSee [it](../goals/rust.md#why).\n",
        ),
        ("reflections/listed.md", "---\ntitle: L\ndate: 2026-01-05\ngoals: [rust]\n---\n"),
        (
            "reflections/web.md",
            "---\ntitle: X\ndate: 2026-01-06\n---\n[web](https://example.com/rust.md)\n",
        ),
    )
    assert set(index.backlinks["rust"]) == {"wiki", "piped", "md", "anchor", "listed"}
    assert index.backlinks["rust"] == ("listed", "anchor", "md", "piped", "wiki")  # newest first


def test_links_keep_their_file_lines(scratch_vault):
    scratch_vault.write(*goal("rust"))
    scratch_vault.write(
        "reflections/r.md",
        """
        ---
        title: R
        ---
        First line.
        Second [[rust]] line,
        and [third](../goals/rust.md).

        Fourth [[rust|again]].
        """,
    )
    links = scratch_vault.load().index.note("r").links
    assert [(link.target, link.line) for link in links] == [("rust", 5), ("rust", 6), ("rust", 8)]


def test_backlinks_in_the_career_fixture(career_index):
    assert set(career_index.backlinks["learn-rust"]) == {"2026-q2", "2026-q3", "lead-engineering"}
    assert set(career_index.backlinks["staff-engineer"]) == {
        "lead-engineering",  # [[staff-engineer]]
        "learn-rust",  # its parent
        "2026-q2",  # review map
        "on-mentoring",  # [[staff-engineer]]
        "acme-staff",  # [text](../goals/staff-engineer.md)
        "shipped-ledger",  # goals: [staff-engineer]
    }
    assert "give-a-talk" not in career_index.backlinks


def test_notes_are_newest_first(career_index):
    dated = [n.date for n in career_index.notes if n.date]
    assert dated == sorted(dated, reverse=True)


def test_kind_from_type_overrides_folder(scratch_vault):
    index = write(
        scratch_vault,
        ("reflections/actually-a-goal.md", "---\ntitle: G\ntype: goal\nprogress: 40\n---\n"),
    )
    assert index.note("actually-a-goal").kind == "goal"
    assert index.goals["actually-a-goal"].progress == 40


def test_title_defaults_to_heading_then_file_name(scratch_vault):
    index = write(
        scratch_vault,
        ("reflections/with-heading.md", "---\ndate: 2026-01-01\n---\n# The real title\n\nText.\n"),
        ("reflections/bare-name.md", "---\ndate: 2026-01-01\n---\nText.\n"),
    )
    assert index.note("with-heading").title == "The real title"
    assert index.note("bare-name").title == "bare-name"


def test_privacy_flags_fail_closed(scratch_vault):
    scratch_vault.write("reflections/odd.md", '---\ntitle: Odd\nprivate: "no"\n---\n')
    scratch_vault.write("reflections/odd-draft.md", "---\ntitle: Odd draft\ndraft: 1\n---\n")
    scratch_vault.write("reflections/empty.md", "---\ntitle: Empty\nprivate:\n---\n")
    scratch_vault.write(
        "reflections/clear.md", "---\ntitle: Clear\nprivate: false\ndraft: false\n---\n"
    )
    loaded = scratch_vault.load()
    assert [d.severity for d in loaded.diagnostics] == ["error", "error", "error"]
    assert not loaded.index.note("odd").published
    assert not loaded.index.note("odd-draft").published
    assert not loaded.index.note("empty").published
    assert loaded.index.note("clear").published


def test_wikilink_text_may_wrap_onto_the_next_line(scratch_vault):
    """Editors wrap paragraphs inside `[[slug|long text]]`; it is still one link, and later
    links keep their lines."""
    scratch_vault.write(*goal("rust"))
    scratch_vault.write(
        "reflections/wrapped.md",
        """
        ---
        title: Wrapped
        ---
        I was in more than one process; [[rust|the
        other final round]] is elsewhere. And [[missing|a broken
        one]], then [[nowhere]].
        """,
    )
    loaded = scratch_vault.load()
    assert loaded.index.backlinks["rust"] == ("wrapped",)
    links = loaded.index.note("wrapped").links
    assert [(link.key, link.target, link.line) for link in links] == [
        ("rust", "rust", 4),
        ("missing", "", 5),
        ("nowhere", "", 6),
    ]
    assert [d.message for d in loaded.diagnostics] == [
        "broken link [[missing|a broken one]]: no note 'missing'",
        "broken link [[nowhere]]: no note 'nowhere'",
    ]


def test_undated_review_is_warned_about_and_does_not_count(scratch_vault):
    scratch_vault.write(*goal("g", "", "- [x] a\n- [ ] b\n"))
    scratch_vault.write("reviews/q3.md", "---\ntitle: Q3\nperiod: 2026-Q3\ngoals:\n  g: 90\n---\n")
    loaded = scratch_vault.load()
    assert [str(d) for d in loaded.diagnostics] == [
        (
            f"{scratch_vault / 'reviews/q3.md'}:4: warning: a review without a 'date' records no progress "
            "(its figures are not counted); add date: YYYY-MM-DD"
        )
    ]
    assert loaded.index.goals["g"].progress == 50  # from the tasks, as the warning says


def test_tags_and_skills_are_one_label_however_they_are_spelled(scratch_vault, tmp_path):
    index = write(
        scratch_vault,
        (
            "reflections/a.md",
            "---\ndate: 2026-01-01\ntags: [CI/CD, Career Growth]\nskills: [System Design]\n---\n",
        ),
        (
            "reflections/b.md",
            "---\ndate: 2026-02-01\ntags: [ci-cd, career  growth]\nskills: [system-design, C#]\n---\n",
        ),
    )
    assert index.tags == {"career-growth": ("b", "a"), "ci-cd": ("b", "a")}
    assert index.skills == {"c#": ("b",), "system-design": ("b", "a")}

    site = tmp_path / "site"
    scratch_vault.build(site)
    skill_page = (site / "skills/c#/index.html").read_text(encoding="utf-8")
    assert "Skill: C#" in skill_page  # as written, its slug only in the address
    note_page = (site / "reflections/b/index.html").read_text(encoding="utf-8")
    assert 'href="../../skills/c%23/"' in note_page  # "#" escaped, or the link would end at it
