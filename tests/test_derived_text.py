"""Text derived from a body (a title from its heading, a summary, an image's alt text) goes
through the same link resolution as the body: it never names a note that is not published."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ScratchVault, leaks, new_vault, png_bytes

# The private note's slug and title: neither may reach any byte of the public site.
SECRETS = ["zqxsecretgoal", "Zqxsecrettitle"]


def write_vault(vault: ScratchVault) -> ScratchVault:
    vault.write(
        "goals/zqxsecretgoal.md",
        """
        ---
        title: Zqxsecrettitle
        private: true
        started: 2026-01-01
        target: 2027-12-31
        ---
        Leave within a year.
        """,
    )
    vault.write(
        "goals/learn-rust.md",
        """
        ---
        title: Learn Rust
        started: 2026-01-01
        target: 2026-12-31
        ---
        """,
    )
    vault.write(
        "reflections/progress.md",
        """
        ---
        date: 2026-05-01
        tags: [career]
        ---
        # Progress on [[zqxsecretgoal]]

        Weighing [[zqxsecretgoal]] against ![the plan [[zqxsecretgoal]]](chart.png) daily.
        """,
    )
    vault.write_bytes("reflections/chart.png", png_bytes(4, 3))  # an image that is copied
    vault.write(
        "reflections/markdown-link.md",
        """
        ---
        date: 2026-05-02
        ---
        # About [the goal](../goals/zqxsecretgoal.md) and ![[zqxsecretgoal]]

        Nothing else.
        """,
    )
    vault.write(
        "reflections/public-link.md",
        """
        ---
        date: 2026-05-03
        ---
        # Progress on [[learn-rust]]

        Going well.
        """,
    )
    return vault


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    vault = write_vault(new_vault(tmp_path_factory.mktemp("derived") / "vault"))
    out = vault.root.parent / "site"
    vault.build(out, search=True)
    return out


def test_no_output_byte_names_the_private_note(site):
    assert (site / "reflections/progress/index.html").exists()
    assert (site / "pagefind").is_dir()
    assert leaks(site, SECRETS) == []


def test_a_heading_title_keeps_its_text_with_the_link_unresolved(site):
    page = (site / "reflections/progress/index.html").read_text(encoding="utf-8")
    assert "<title>Progress on (unpublished note)" in page
    assert "<h1>Progress on (unpublished note)</h1>" in page
    data = json.loads((site / "index.json").read_text(encoding="utf-8"))
    titles = json.dumps(data)
    assert "Progress on (unpublished note)" in titles
    assert "About the goal and (unpublished note)" in titles
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Progress on (unpublished note)</title>" in feed
    timeline = (site / "timeline/index.html").read_text(encoding="utf-8")
    assert "Progress on (unpublished note)" in timeline


def test_a_heading_link_to_a_published_note_shows_its_title_once(site):
    page = (site / "reflections/public-link/index.html").read_text(encoding="utf-8")
    assert "<h1>Progress on Learn Rust</h1>" in page
    # the body's leading heading is the title: it is not shown a second time
    assert page.count("Progress on") == page.count("Progress on Learn Rust")
    assert "<h2>Progress on" not in page


def test_alt_text_and_summary_resolve_their_links(site):
    page = (site / "reflections/progress/index.html").read_text(encoding="utf-8")
    assert 'alt="the plan (unpublished note)"' in page
    listing = (site / "reflections/index.html").read_text(encoding="utf-8")
    assert "Weighing (unpublished note) against the plan (unpublished note) daily." in listing


def test_private_build_titles_follow_the_links_too(tmp_path):
    """In the full index (the owner's view) the heading's link reads as the note's title."""
    vault = write_vault(new_vault(tmp_path / "vault"))
    index = vault.load().index
    assert index.note("progress").title == "Progress on Zqxsecrettitle"
    assert index.note("public-link").title == "Progress on Learn Rust"


def test_a_long_chain_of_titles_that_link_each_other_loads(tmp_path):
    """Daily notes whose heading links the day before: each title reads its neighbour's,
    as far as a few notes back, then the slug (a published name), never a crash."""
    vault = new_vault(tmp_path / "vault")
    for i in range(300):
        heading = f"# Day {i} after [[day-{i - 1}]]" if i else "# Day 0"
        vault.write(f"reflections/day-{i}.md", heading + "\n")
    index = vault.load().index
    assert index.note("day-1").title == "Day 1 after Day 0"
    assert index.note("day-299").title == "Day 299 after Day 298 after Day 297 after Day 296 after day-295"
