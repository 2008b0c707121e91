"""Obsidian's Markdown renders as Obsidian shows it: heading and block anchors that links land
on, callouts, highlights, embedded notes, comments that never reach the site, and raw HTML
kept to a safe allow-list."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ScratchVault, leaks, new_vault


def write_vault(vault: ScratchVault) -> ScratchVault:
    vault.write(
        "goals/learn-rust.md",
        """
        ---
        title: Learn Rust
        started: 2026-01-01
        target: 2026-12-31
        ---
        Intro paragraph.

        ## Next steps

        Ship a ==small== service. ^ship-it

        - write the CLI ^cli-item
        - read the book

        | crate | use |
        |-------|-----|
        | clap  | CLI |

        ^crates

        ## Next steps

        The same heading again.
        """,
    )
    vault.write(
        "goals/zqxsecretgoal.md",
        """
        ---
        title: Zqxsecrettitle
        private: true
        started: 2026-01-01
        target: 2026-12-31
        ---
        zqxsecretbody
        """,
    )
    vault.write(
        "reflections/links.md",
        """
        ---
        title: Links
        date: 2026-05-01
        ---
        See [[learn-rust#Next steps|the steps]], [[LEARN-RUST#^ship-it|the block]],
        [t](../goals/learn-rust.md#next-steps), [[#Own heading|down here]] and [[Learn-Rust]].

        ## Own heading

        | note | text |
        |------|------|
        | [[learn-rust\\|Rust in a table]] | ok |
        """,
    )
    vault.write(
        "reflections/callouts.md",
        """
        ---
        title: Callouts
        date: 2026-05-02
        ---
        > [!tip] Ask for **feedback**
        > Every quarter.

        > [!warning]- Folded away
        > Hidden until opened.

        > [!note]+
        > Open by default.

        > A plain quote.
        """,
    )
    vault.write(
        "reflections/comments.md",
        """
        ---
        title: Comments
        date: 2026-05-03
        tags: [career]
        ---
        Visible %% zqxinlinecomment %% text.

        %%
        zqxblockcomment over
        several lines
        %%

        `%% kept in code %%` and <!-- zqxhtmlcomment --> done.

        ```
        %% kept in a fence %%
        ```
        """,
    )
    vault.write(
        "reflections/embeds.md",
        """
        ---
        title: Embeds
        date: 2026-05-04
        ---
        Before.

        ![[learn-rust#Next steps]]

        ![[zqxsecretgoal]]

        ![[embeds]]

        ![[loop-a]]
        """,
    )
    vault.write(
        "reflections/loop-a.md",
        "---\ntitle: Loop A\ndate: 2026-05-05\n---\nzqxloopa text\n\n![[loop-b]]\n",
    )
    vault.write(
        "reflections/loop-b.md",
        "---\ntitle: Loop B\ndate: 2026-05-06\n---\nloop b text\n\n![[loop-a]]\n",
    )
    vault.write(
        "reflections/tags.md",
        """
        ---
        title: Tags
        date: 2026-05-08
        tags: [writing]
        ---
        Working on #career and #Area/Topic (#paren too).

        Not `#code`, [a link](https://example.com/page#fragment), a#b or #123.

        ![[photo.png|300]] and ![[scan.png|The certificate 640x480]] and [[cv.pdf]].
        """,
    )
    vault.write(
        "reflections/file-summary.md",
        "---\ntitle: File summary\ndate: 2026-05-09\n---\nSee ![[photo.png|300]] and [[#Later]].\n",
    )
    vault.write(
        "reflections/zqxprivatetags.md",
        "---\ntitle: Private tags\nprivate: true\n---\nAbout #zqxprivatetag.\n",
    )
    vault.write(
        "reflections/raw-html.md",
        """
        ---
        title: Raw HTML
        date: 2026-05-07
        ---
        <div class="imgcap">A caption with <b>bold</b></div>

        <style>body { display: none }</style>

        <iframe src="https://evil.example"></iframe>

        Text with <span onclick="alert(1)">a span</span> and
        <a href="javascript:alert(1)">a script link</a>.
        """,
    )
    return vault


@pytest.fixture(scope="module")
def vault(tmp_path_factory) -> ScratchVault:
    return write_vault(new_vault(tmp_path_factory.mktemp("obsidian") / "vault"))


@pytest.fixture(scope="module")
def site(vault) -> Path:
    out = vault.root.parent / "site"
    vault.build(out, search=True)
    return out


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def prose(site: Path, path: str) -> str:
    """The rendered body of a note's page."""
    html = page(site, path)
    return html[html.index('class="prose'):]


def test_headings_get_unique_ids_and_links_land_on_them(site):
    goal = page(site, "goals/learn-rust")
    assert '<h3 id="next-steps">Next steps</h3>' in goal
    assert '<h3 id="next-steps-1">Next steps</h3>' in goal
    links = page(site, "reflections/links")
    assert '<a class="wikilink" href="../../goals/learn-rust/#next-steps">the steps</a>' in links
    assert '<a href="../../goals/learn-rust/#next-steps">t</a>' in links
    assert 'href="#own-heading">down here</a>' in links
    assert '<h3 id="own-heading">Own heading</h3>' in links


def test_block_ids_mark_their_block_and_are_not_shown(site):
    goal = page(site, "goals/learn-rust")
    assert '<p id="^ship-it">Ship a <mark>small</mark> service.</p>' in goal
    assert '<li id="^cli-item">write the CLI</li>' in goal
    assert '<table id="^crates">' in goal
    assert "^ship-it</p>" not in goal and "^cli-item<" not in goal and "^crates<" not in goal
    links = page(site, "reflections/links")
    assert 'href="../../goals/learn-rust/#%5Eship-it">the block</a>' in links


def test_names_resolve_in_any_letter_case_and_in_table_cells(site, vault):
    links = page(site, "reflections/links")
    assert '<a class="wikilink" href="../../goals/learn-rust/">Learn Rust</a>' in links
    in_cell = '<td><a class="wikilink" href="../../goals/learn-rust/">Rust in a table</a></td>'
    assert in_cell in links
    assert [str(d) for d in vault.load().diagnostics] == []


def test_callouts_are_asides_with_titles_and_fold_as_details(site):
    html = prose(site, "reflections/callouts")
    assert '<div class="callout callout-tip" role="note">' in html
    assert '<p class="callout-title">Ask for <strong>feedback</strong></p>' in html
    assert "<p>Every quarter.</p>" in html
    assert re.search(
        r'<details class="callout callout-warning">\s*<summary class="callout-title">Folded away'
        r"</summary>\s*<p>Hidden until opened.</p>",
        html,
    )
    assert '<details class="callout callout-note" open="">' in html
    assert '<summary class="callout-title">Note</summary>' in html
    assert "<blockquote>\n<p>A plain quote.</p>\n</blockquote>" in html
    assert "[!" not in html


COMMENT_CANARIES = ["zqxinlinecomment", "zqxblockcomment", "zqxhtmlcomment"]


def test_comments_reach_no_output_byte(site):
    assert "Visible  text." in page(site, "reflections/comments") or "Visible text." in page(
        site, "reflections/comments"
    )
    assert (site / "pagefind").is_dir()
    assert leaks(site, COMMENT_CANARIES) == []
    assert "%% kept in code %%" in page(site, "reflections/comments")
    assert "%% kept in a fence %%" in page(site, "reflections/comments")


def test_comments_are_gone_before_the_body_is_read(vault):
    note = vault.load().index.note("comments")
    assert not any(c in note.body for c in COMMENT_CANARIES)
    written = (vault / "reflections/comments.md").read_text(encoding="utf-8")
    # the lines stay: later lines keep their numbers
    assert note.body.count("\n") == written.split("---\n", 2)[2].count("\n")


def test_embeds_show_a_published_section_never_a_private_note_and_never_loop(site):
    html = prose(site, "reflections/embeds")
    assert '<div class="embed">' in html
    assert "Ship a <mark>small</mark> service." in html
    assert "Intro paragraph." not in html  # only the section
    assert 'id="next-steps"' not in html  # an embed adds no ids to the page
    assert "zqxsecret" not in html.lower()
    assert '<span class="unlinked">(unpublished note)</span>' in html
    assert html.count("zqxloopa text") == 1  # loop-a, whose loop-b embeds loop-a again: a link
    assert "![[" not in html


def test_raw_html_is_shown_as_written_never_as_markup(site):
    html = prose(site, "reflections/raw-html")
    assert '&lt;div class="imgcap"&gt;A caption with &lt;b&gt;bold&lt;/b&gt;' in html
    for element in ('<div class="imgcap"', "<b>", "<style", "<iframe", "<span", '<a href="javascript'):
        assert element not in html, element
    assert "a span" in html and "a script link" in html


def test_no_output_byte_names_a_private_note(site):
    assert leaks(site, ["zqxsecretgoal", "Zqxsecrettitle", "zqxsecretbody"]) == []


def test_search_and_index_json_hold_no_marker(site):
    data = (site / "index.json").read_text(encoding="utf-8")
    json.loads(data)
    assert "^ship-it" not in data and "[!tip]" not in data


def test_inline_tags_join_the_notes_tags(site, vault):
    note = vault.load().index.note("tags")
    assert note.tags == ("writing", "career", "area-topic", "paren")
    assert '<span class="tag">#career</span>' in page(site, "reflections/tags")
    assert "Tags" in page(site, "tags/area-topic")
    assert not (site / "tags/code").exists() and not (site / "tags/fragment").exists()
    assert leaks(site, ["zqxprivatetag"]) == []


def test_file_embeds_show_no_size_or_bang_and_are_no_broken_note_links(site, vault):
    html = prose(site, "reflections/tags")
    assert "!" not in html.replace("<!", "")
    assert ">300<" not in html and "640x480" not in html
    assert "The certificate" in html and "photo.png" in html and "cv.pdf" in html
    assert not any("photo.png" in str(d) for d in vault.load().diagnostics)



def test_a_summary_reads_file_embeds_and_same_page_links_as_the_page_shows_them(site):
    listing = page(site, "reflections")
    assert "See photo.png and Later." in listing
