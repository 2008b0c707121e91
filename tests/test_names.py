"""Names as Obsidian resolves them: one identity per note, even where two files share a name;
links by path, name, letter case and alias; ambiguity warned about, never guessed."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ScratchVault, html_pages


def links_in(html: str) -> dict[str, str]:
    """Link text → href of every link in a page's article."""
    article = html.split("<article", 1)[1]
    return {
        re.sub(r"<[^>]+>", "", text).strip(): href
        for href, text in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', article, re.DOTALL)
    }


def test_the_same_file_name_in_two_folders_builds_with_a_page_for_each(
    scratch_vault: ScratchVault, tmp_path: Path
):
    scratch_vault.write("notes/work/meeting.md", "---\ntitle: Work meeting\n---\nWork.\n")
    scratch_vault.write("notes/club/meeting.md", "---\ntitle: Club meeting\n---\nClub.\n")
    scratch_vault.write("posts/first-post/index.md", "---\ntitle: First post\n---\nOne.\n")
    scratch_vault.write("posts/second-post/index.md", "---\ntitle: Second post\n---\nTwo.\n")
    scratch_vault.write(
        "reflections/week.md",
        """
        ---
        title: A week
        date: 2026-05-01
        ---
        See [[notes/work/meeting]], [the club](../notes/club/meeting.md),
        [[first-post]] and [[meeting|which meeting?]].
        """,
    )

    loaded = scratch_vault.load()
    assert [str(d) for d in loaded.diagnostics if "kind" not in d.message] == [
        (
            f"{scratch_vault / 'reflections/week.md'}:6: warning: link [[meeting|which meeting?]] "
            "fits 2 notes (notes/club/meeting.md, notes/work/meeting.md); write its path to "
            "choose one"
        )
    ]
    pages = html_pages(scratch_vault.build(tmp_path / "site").out)

    assert "Work." in pages["notes/notes-work-meeting/index.html"]
    assert "Club." in pages["notes/notes-club-meeting/index.html"]
    assert "One." in pages["notes/first-post/index.html"]  # a page bundle is named by its folder
    assert "Two." in pages["notes/second-post/index.html"]
    links = links_in(pages["reflections/week/index.html"])
    assert links["Work meeting"] == "../../notes/notes-work-meeting/"
    assert links["the club"] == "../../notes/notes-club-meeting/"
    assert links["First post"] == "../../notes/first-post/"
    assert "which meeting?" not in links  # never a guess
    assert "which meeting?" in pages["reflections/week/index.html"]


def test_links_resolve_by_letter_case_and_alias(scratch_vault: ScratchVault, tmp_path: Path):
    scratch_vault.write(
        "goals/Learn Rust.md",
        "---\ntitle: Learn Rust\naliases: [Rust, rustlang]\nstatus: active\n---\n",
    )
    scratch_vault.write(
        "reflections/r.md",
        "---\ntitle: R\ndate: 2026-05-01\n---\n[[learn rust|lower case]], [[RustLang|alias]].\n",
    )

    loaded = scratch_vault.load()
    assert loaded.diagnostics == []
    links = links_in(
        html_pages(scratch_vault.build(tmp_path / "site").out)["reflections/r/index.html"]
    )
    assert links["lower case"] == links["alias"] == "../../goals/Learn%20Rust/"


def test_obsidian_property_links_name_goals_and_parents(scratch_vault: ScratchVault):
    scratch_vault.write("goals/Big goal.md", "---\nstatus: active\n---\n# Big goal\n")
    scratch_vault.write(
        "goals/Learn Rust.md",
        '---\nstatus: active\nparent: "[[Big goal]]"\n---\n# Learn Rust\n',
    )
    scratch_vault.write(
        "reviews/2026-q1.md",
        '---\ndate: 2026-03-31\nperiod: 2026-Q1\ngoals:\n  "[[Learn Rust]]": 40\n---\n',
    )
    scratch_vault.write(
        "reflections/r.md",
        '---\ndate: 2026-04-01\ngoals: ["[[Learn Rust|Rust]]"]\n---\nText.\n',
    )

    loaded = scratch_vault.load()
    assert loaded.diagnostics == []
    rust = loaded.index.note("Learn Rust")
    assert rust.parent == "Big goal"
    assert loaded.index.note("r").goals == ("Learn Rust",)
    assert loaded.index.goals["Learn Rust"].progress == 40
    assert set(loaded.index.backlinks["Learn Rust"]) == {"2026-q1", "r"}


def test_an_ambiguous_name_never_links_a_private_note_of_that_name(
    scratch_vault: ScratchVault, tmp_path: Path
):
    scratch_vault.write("notes/plan.md", "---\ntitle: Public plan\n---\nOpen.\n")
    scratch_vault.write(
        "notes/secret/plan.md", "---\ntitle: Leaving Acme\nprivate: true\n---\nCANARY\n"
    )
    scratch_vault.write("notes/home.md", "---\ntitle: Home\n---\nMy [[plan|plan]].\n")

    site = scratch_vault.build(tmp_path / "site").out
    pages = html_pages(site)
    assert "plan" not in links_in(pages["notes/home/index.html"])
    assert not any("CANARY" in p or "Leaving Acme" in p for p in pages.values())
    assert not any("secret" in path for path in pages)


def test_a_private_note_of_the_same_name_never_moves_a_public_page(
    scratch_vault: ScratchVault, tmp_path: Path
):
    scratch_vault.write("notes/plan.md", "---\ntitle: Public plan\n---\nOpen.\n")
    before = html_pages(scratch_vault.build(tmp_path / "before").out)
    scratch_vault.write("notes/secret/plan.md", "---\nprivate: true\n---\nCANARY\n")
    after = html_pages(scratch_vault.build(tmp_path / "after").out)
    assert "notes/plan/index.html" in after
    assert after == before
