"""People, conversations and decisions (issue 9): last contact and follow-ups, feedback by
theme, mentoring per mentee, and a decision's weighted matrix."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from conftest import TODAY, ScratchVault, cli_build

from careerlog.career_decisions import decision_matrix
from careerlog.cli import main
from careerlog.kinds_people import follow_up_days
from careerlog.network import contacts, feedback_by_theme, follow_ups_due, mentoring_given


def write_network(vault: ScratchVault) -> ScratchVault:
    vault.write(
        "people/ana.md",
        "---\ntitle: Ana Mentor\nrelation: mentor\nfollow_up_every: 90d\nmet: 2024-01-10\n---\n",
    )
    vault.write(
        "people/ben.md",
        "---\ntitle: Ben Mentee\nrelation: mentee\nfollow_up_every: 2w\n---\n",
    )
    vault.write(
        "people/cy.md",
        "---\ntitle: Cy Peer\nrelation: peer\nmet: 2026-11-01 at a meetup\n---\n",
    )
    vault.write(
        "conversations/ana-1.md",
        """
        ---
        date: 2026-05-01
        with: ["[[ana]]"]
        feedback:
          - {theme: delegation, text: Hand over the interesting work}
          - {theme: Communication, text: Lead with the decision}
        ---
        """,
    )
    vault.write(
        "conversations/ana-2.md",
        """
        ---
        date: 2026-08-01
        with: [ana]
        tags: [delegation]
        feedback: [Stop taking tickets back]
        ---
        """,
    )
    for day in ("2025-03-01", "2025-09-01", "2026-10-20"):
        vault.write(
            f"conversations/ben-{day}.md",
            f"---\ndate: {day}\nwith: [ben]\nfeedback: [He asked good questions]\n---\n",
        )
    vault.write(  # a later note naming Ana is a contact too, and a future one is not yet
        "reflections/later.md", "---\ndate: 2026-09-15\npeople: [ana]\n---\n"
    )
    vault.write("reflections/future.md", "---\ndate: 2027-01-01\npeople: [ana]\n---\n")
    return vault


def test_last_contact_and_follow_ups(scratch_vault):
    index = write_network(scratch_vault).load().index
    found = {c.person.slug: c for c in contacts(index)}
    assert found["ana"].last == date(2026, 9, 15)
    assert found["ana"].next_due == date(2026, 12, 14)  # 90 days on
    assert found["ben"].last == date(2026, 10, 20)
    assert found["ben"].next_due == date(2026, 11, 3)  # due: TODAY is 2026-11-22
    assert found["cy"].last == date(2026, 11, 1) and found["cy"].next_due is None  # met only
    assert [c.person.slug for c in follow_ups_due(index)] == ["ben"]
    later = scratch_vault.load(today=date(2026, 12, 5)).index
    assert [c.person.slug for c in follow_ups_due(later)] == ["ben", "ana"]  # Ana within 14 days


def test_feedback_by_theme_and_mentoring_given(scratch_vault):
    index = write_network(scratch_vault).load().index
    themes = {theme: [r.feedback.text for r in items] for theme, items in feedback_by_theme(index)}
    assert themes == {  # the mentee's sessions are feedback given, not received
        "delegation": ["Stop taking tickets back", "Hand over the interesting work"],
        "communication": ["Lead with the decision"],
    }
    [ben] = mentoring_given(index)
    assert ben.mentee.slug == "ben" and len(ben.sessions) == 3
    assert ben.by_year == ((2025, 2), (2026, 1))


@pytest.mark.parametrize(
    "text, days",
    [("90d", 90), ("6w", 42), ("3m", 90), ("1y", 365), ("quarter", 91), ("2 weeks", 14)],
)
def test_follow_up_periods(text, days):
    assert follow_up_days(text) == days


def test_people_page_and_status_show_who_to_follow_up(scratch_vault, tmp_path):
    write_network(scratch_vault)
    out = tmp_path / "tracker"
    assert cli_build(scratch_vault.root, out, "--private").exit_code == 0
    page = (out / "people/index.html").read_text()
    follow = page[page.index('id="due-title"') : page.index("</section>", page.index("due-title"))]
    assert "Ben Mentee" in follow and "Ana Mentor" not in follow
    assert "Hand over the interesting work" in page
    assert "2025: 2" in page and "2026: 1" in page
    assert "Follow-up due" in (out / "people/ben/index.html").read_text()
    result = CliRunner().invoke(
        main, ["status", str(scratch_vault.root), "--today", TODAY.isoformat()]
    )
    assert "follow up  Ben Mentee: last contact 2026-10-20, due 2026-11-03" in result.output


def test_bad_people_fields_are_located_errors(scratch_vault, monkeypatch):
    scratch_vault.write(
        "people/x.md",
        "---\nrelation: friend\nfollow_up_every: sometimes\nmet: 2026-02-30\n---\n",
    )
    scratch_vault.write(
        "conversations/c.md",
        "---\ndate: 2026-01-01\nwith: [nobody]\nfeedback: [{text: 3}]\npeople: [x, c]\n---\n",
    )
    monkeypatch.chdir(scratch_vault.root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "conversations/c.md:3: warning: unknown person 'nobody'",
        "conversations/c.md:4: error: feedback items are text or {theme, text}, not a mapping",
        "conversations/c.md:5: warning: 'c' is a conversation, not a person",
        (
            "people/x.md:2: error: unknown relation 'friend' (expected one of: mentor, mentee, "
            "manager, peer, recruiter, contact)"
        ),
        (
            "people/x.md:3: error: 'follow_up_every' 'sometimes' is no period (use 30d, 6w, 3m, 1y, "
            "month, quarter or year)"
        ),
        "people/x.md:4: error: 'met' is not a valid date: '2026-02-30' (use YYYY-MM-DD)",
    ]


def write_decision(vault: ScratchVault, criteria: str = "") -> None:
    vault.write(
        "assessments/now.md",
        "---\ndate: 2026-06-01\nvalues: [Growth, Pay, Calm]\n---\n",
    )
    vault.write(
        "decisions/offer.md",
        f"""
        ---
        title: Which offer
        date: 2026-11-01
        {criteria}
        options:
          acme:
            scores: {{growth: 5, pay: 2, calm: 3}}
            terms: {{compensation: "£100,000", location: Leeds, deadline: 2026-12-01}}
          globex:
            scores: {{growth: 2, pay: 5}}
        deadline: 2026-12-01
        chosen: acme
        revisit: 2027-06-01
        ---
        Growth matters most this year.
        """,
    )


def test_weights_default_from_the_latest_values(scratch_vault):
    write_decision(scratch_vault)
    index = scratch_vault.load().index
    matrix = decision_matrix(index, index.by_slug["offer"])
    assert [(c.name, c.weight) for c in matrix.criteria] == [
        ("growth", 3),
        ("pay", 2),
        ("calm", 1),
    ]
    assert matrix.from_values.slug == "now"
    totals = {row.choice.name: row.total for row in matrix.rows}
    assert totals == {"acme": round((15 + 4 + 3) / 6, 2), "globex": round((6 + 10) / 6, 2)}
    assert [row.scores for row in matrix.rows] == [(5, 2, 3), (2, 5, None)]


def test_written_criteria_override_the_values(scratch_vault):
    write_decision(scratch_vault, "criteria: {pay: 1, growth: 1}")
    index = scratch_vault.load().index
    matrix = decision_matrix(index, index.by_slug["offer"])
    assert matrix.from_values is None
    assert {r.choice.name: r.total for r in matrix.rows} == {"acme": 3.5, "globex": 3.5}


def test_decision_errors_and_weights_that_do_not_add_up(scratch_vault, monkeypatch):
    scratch_vault.write(
        "decisions/d.md",
        """
        ---
        criteria: {growth: 0.5, pay: 0.3, calm: 0.3, fun: -1}
        options:
          a: {scores: {growth: 6, pay: 3, hobbies: 2}}
          b: 4
        chosen: c
        deadline: soon
        ---
        """,
    )
    monkeypatch.chdir(scratch_vault.root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "decisions/d.md:2: error: the weight of 'fun' must be a number above 0, not -1",
        (
            "decisions/d.md:2: warning: the weights add up to 1.1: as shares they should add up to "
            "1; they are used relative to each other (a weight twice another counts twice as much)"
        ),
        "decisions/d.md:4: error: the score of 'growth' must be a whole number from 1 to 5, not 6",
        "decisions/d.md:4: warning: 'hobbies' is not one of the criteria (calm, growth, pay)",
        "decisions/d.md:5: error: option 'b' must map 'scores' (and 'terms'), not 4",
        "decisions/d.md:6: error: chosen 'c' is none of the options (a)",
        "decisions/d.md:7: error: 'deadline' is not a valid date: 'soon' (use YYYY-MM-DD)",
    ]


def test_decision_page_and_its_privacy(scratch_vault, tmp_path):
    write_decision(scratch_vault)
    scratch_vault.write(
        "reflections/looking-back.md",
        "---\ndate: 2027-06-02\n---\nWas [[offer]] the right call? Yes.\n",
    )
    tracker = tmp_path / "tracker"
    assert cli_build(scratch_vault.root, tracker, "--private").exit_code == 0
    page = (tracker / "decisions/offer/index.html").read_text()
    assert "3.67" in page and "2.67" in page and "£100,000" in page
    assert "Looking back" in page and "looking-back" in page
    public = tmp_path / "site"
    assert cli_build(scratch_vault.root, public).exit_code == 0  # decisions unpublished
    assert not (public / "decisions").exists()
    assert "Which offer" not in (public / "index.json").read_text()
