"""Interview lessons: each under its own theme (not its interview's tags), once per theme, and
published alone, without a word of their interviews, only when the owner opts in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ScratchVault, html_pages, leaks, new_vault
from test_site import list_items

CONFIG = 'title = "Ada Career"\nowner = "Ada Lovelace"\nbase_url = "https://ada.example.com/"\n'
EVERYTHING = CONFIG + "[publish]\ninterviews = true\n"
LESSONS_ONLY = CONFIG + "[publish]\ninterview_lessons = true\n"

# What an interview says besides its lessons: none of it may reach a lessons-only site.
INTERVIEW_WORDS = [
    "Zqxglobex",  # company
    "Zqxjobrole",  # role
    "zqxstage",
    "Zqxtitle",
    "zqxbody",
    "zqxivtag",
    "zqxivskill",
    "zqxslug",
    "rejected",  # outcome
    "2026-10-13",  # date, as written and as the calendar writes it
    "20261013",
]


def write_interviews(vault: ScratchVault) -> ScratchVault:
    vault.write(
        "interviews/zqxslug.md",
        """
        ---
        title: Zqxtitle final round
        date: 2026-10-13
        company: Zqxglobex
        role: Zqxjobrole
        stage: zqxstage
        outcome: rejected
        tags: [system-design, zqxivtag]
        skills: [zqxivskill]
        lessons:
          - lesson: Ask for the salary band before naming a number
            theme: Negotiation
          - lesson: Draw the data flow before the boxes
            theme: System design
          - Sleep well the night before
        ---
        zqxbody
        """,
    )
    vault.write(
        "interviews/second.md",
        """
        ---
        title: Second final round
        date: 2026-06-01
        company: Zqxglobex
        outcome: rejected
        tags: [system-design]
        lessons:
          - {lesson: "ask for the salary band before naming a number.", theme: negotiation}
          - {lesson: Sleep well the night before, theme: Preparation}
        ---
        """,
    )
    vault.write(
        "interviews/private-one.md",
        """
        ---
        title: Private round
        date: 2026-02-01
        private: true
        lessons:
          - {lesson: Zqxprivatelesson, theme: Zqxprivatetheme}
        ---
        """,
    )
    return vault


def themes_on(html: str) -> dict[str, list[str]]:
    """Each theme's heading → the text of its lessons, as the page shows them."""
    themes = {}
    for part in html.split('<section class="theme"')[1:]:
        heading = part.split(">", 2)[2].split("<span", 1)[0].strip()
        themes[heading] = [text for text, _ in list_items(part, "lessons")]
    return themes


def test_each_lesson_sits_once_under_its_own_theme(tmp_path):
    vault = write_interviews(new_vault(tmp_path / "vault", EVERYTHING))
    vault.build(tmp_path / "site")
    html = (tmp_path / "site/interviews/index.html").read_text(encoding="utf-8")
    themes = themes_on(html)
    # the salary lesson is not under the interviews' #system-design tag
    assert list(themes) == ["Negotiation", "Preparation", "System design", "Untagged"]
    assert themes["Negotiation"] == [
        (
            "Ask for the salary band before naming a number came up 2 times — Zqxglobex, Oct 2026; "
            "Zqxglobex, Jun 2026"
        )
    ]
    assert [t.split(" —")[0] for t in themes["System design"]] == [
        "Draw the data flow before the boxes"
    ]
    assert [t.split(" —")[0] for t in themes["Untagged"]] == ["Sleep well the night before"]
    assert [t.split(" —")[0] for t in themes["Preparation"]] == ["Sleep well the night before"]
    assert sum(len(lessons) for lessons in themes.values()) == 4  # 5 written, 4 distinct


def test_a_lesson_shows_its_theme_on_its_interview_page(tmp_path):
    vault = write_interviews(new_vault(tmp_path / "vault", EVERYTHING))
    vault.build(tmp_path / "site")
    html = (tmp_path / "site/interviews/zqxslug/index.html").read_text(encoding="utf-8")
    items = [text for text, _ in list_items(html, "lessons")]
    assert items == [
        "Ask for the salary band before naming a number · Negotiation",
        "Draw the data flow before the boxes · System design",
        "Sleep well the night before",
    ]


@pytest.mark.parametrize(
    ("lessons", "line", "message"),
    [
        (
            "  - {theme: Negotiation}",
            5,
            "a lesson written as a mapping needs its text in 'lesson: ...'",
        ),
        (
            "  - {lesson: Ask, topic: x}",
            5,
            "unknown key 'topic' in a lesson (use lesson and theme)",
        ),
        ("  - {lesson: Ask, theme: [a, b]}", 5, "a lesson's theme must be text, not a list"),
        (
            "  - Fine\n  - [a, b]",
            6,
            "a lesson must be text, or 'lesson: ...' with an optional 'theme: ...', not a list",
        ),
    ],
)
def test_a_bad_lesson_is_a_located_error(scratch_vault, lessons, line, message):
    path = scratch_vault.write(
        "interviews/acme.md",
        f"---\ntitle: Acme\ndate: 2026-01-01\nlessons:\n{lessons}\n---\n",
    )
    found = [str(d) for d in scratch_vault.load().diagnostics]
    assert found == [f"{path}:{line}: error: {message}"]


def test_lessons_stay_off_the_public_site_by_default(tmp_path):
    vault = write_interviews(new_vault(tmp_path / "vault", CONFIG))
    vault.build(tmp_path / "site")
    assert leaks(tmp_path / "site", ["salary band", "data flow", "sleep well"]) == []
    assert not (tmp_path / "site/lessons").exists()


def test_lessons_published_alone_show_themes_and_words_and_nothing_of_their_interviews(
    tmp_path: Path,
):
    vault = write_interviews(new_vault(tmp_path / "vault", LESSONS_ONLY))
    site = tmp_path / "site"
    result = vault.build(site, search=True)
    assert result.diagnostics == []
    pages = html_pages(site)
    assert "interviews/index.html" not in pages
    assert not any(path.startswith("interviews/") for path in pages)
    themes = themes_on(pages["lessons/index.html"])
    assert themes == {
        "Negotiation": ["Ask for the salary band before naming a number came up 2 times"],
        "Preparation": ["Sleep well the night before"],
        "System design": ["Draw the data flow before the boxes"],
        "Untagged": ["Sleep well the night before"],
    }
    assert '<a href="lessons/">Lessons</a>' in pages["index.html"]  # in the navigation
    # pages, search index, index.json, feed, calendar, sitemap: no word of the interviews,
    # and nothing of the private one
    found = leaks(site, [*INTERVIEW_WORDS, "Zqxprivatelesson", "Zqxprivatetheme"])
    # the theme's stylesheet styles outcomes (`.outcome-rejected`): it is ours, not the vault's;
    # 404.html carries it inline, so the rest of that page is checked on its own
    ours = {"static/style.css: rejected", "404.html: rejected"}
    assert [leak for leak in found if leak not in ours] == []
    page_404 = re.sub(r"<style>.*?</style>", "", pages["404.html"], flags=re.DOTALL).lower()
    assert [word for word in INTERVIEW_WORDS if word.lower() in page_404] == []


def test_an_unclear_lessons_choice_is_a_located_error_and_they_stay_unpublished(tmp_path):
    vault = write_interviews(
        new_vault(tmp_path / "vault", CONFIG + '[publish]\ninterview_lessons = "yes"\n')
    )
    diagnostics = [str(d) for d in vault.load().diagnostics]
    assert diagnostics == [
        (
            f"{vault.root / 'careerlog.toml'}:5: error: 'interview_lessons' must be true or false, "
            "not 'yes'; they stay unpublished"
        )
    ]
