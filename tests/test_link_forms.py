"""Every way Markdown and Obsidian can link or embed a note resolves the same way: to the
note's page when it is published, else to its text alone, with no `href` or `src` that
carries the note's file name."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ScratchVault, html_pages, leaks, new_vault
from test_privacy import inside_a_link

# Each form is written in reflections/, TARGET standing for the note's slug and KEPT for
# the text the reader must still see.
FORMS = {
    "relative": "[KEPT](../goals/TARGET.md)",
    "upper-case-suffix": "[KEPT](../Goals/TARGET.MD)",
    "dot-slash-and-fragment": "[KEPT](./../goals/TARGET.md#next-steps)",
    "markdown-suffix": "[KEPT](../goals/TARGET.markdown)",
    "no-suffix": "[KEPT](TARGET)",
    "vault-absolute": "[KEPT](/goals/TARGET.md)",
    "angle-brackets": "[KEPT](<../goals/TARGET.md>)",
    "percent-encoded": "[KEPT](..%2Fgoals%2FTARGET.md)",
    "with-title": '[KEPT](../goals/TARGET.md "a title")',
    "reference": "[KEPT][ref]\n\n[ref]: ../goals/TARGET.md",
    "collapsed-reference": "[KEPT][]\n\n[KEPT]: ../goals/TARGET.md",
    "image": "![KEPT](../goals/TARGET.md)",
    "image-in-link": "[KEPT ![a chart](picture.png)](../goals/TARGET.md)",
    "wikilink-alias": "[[TARGET|KEPT]]",
    "wikilink-case": "[[UPPERTARGET|KEPT]]",
    "wikilink-path-and-heading": "[[goals/TARGET.md#Next steps|KEPT]]",
    "embed-alias": "Inline ![[TARGET|KEPT]] embed.",
    "in-table-cell": "| a | b |\n|---|---|\n| [[TARGET\\|KEPT]] | x |",
}

PRIVATE = "zqxsecretgoal"
PUBLIC = "learn-rust"


def write_vault(vault: ScratchVault) -> ScratchVault:
    notes = ((PRIVATE, "Zqxsecrettitle", "true"), (PUBLIC, "Learn Rust", "false"))
    for slug, title, private in notes:
        vault.write(
            f"goals/{slug}.md",
            f"""
            ---
            title: {title}
            private: {private}
            started: 2026-01-01
            target: 2027-12-31
            ---
            ## Next steps

            Keep going.
            """,
        )
    for target in (PRIVATE, PUBLIC):
        for i, (name, form) in enumerate(FORMS.items()):
            text = form.replace("UPPERTARGET", target.upper()).replace("TARGET", target)
            kept = f"kept{target[:3]}{i}"
            vault.write(
                f"reflections/{target[:3]}-{name}.md",
                f"---\ntitle: {name}\ndate: 2026-05-01\n---\nSee this:\n\n"
                + text.replace("KEPT", kept)
                + "\n",
            )
    return vault


@pytest.fixture(scope="module")
def vault(tmp_path_factory) -> ScratchVault:
    return write_vault(new_vault(tmp_path_factory.mktemp("forms") / "vault"))


@pytest.fixture(scope="module")
def site(vault) -> Path:
    out = vault.root.parent / "site"
    vault.build(out)
    return out


def test_no_output_byte_names_the_private_note(site):
    assert len([p for p in html_pages(site) if p.startswith("reflections/")]) > 2 * len(FORMS)
    assert leaks(site, [PRIVATE, "Zqxsecrettitle"]) == []


@pytest.mark.parametrize("name", FORMS)
def test_a_link_to_a_private_note_keeps_only_its_text(site, name):
    i = list(FORMS).index(name)
    page = (site / f"reflections/zqx-{name}/index.html").read_text(encoding="utf-8")
    linked = inside_a_link(page, f"keptzqx{i}")
    assert linked, "the link's text is gone"
    assert not any(linked), "the text is still a link"


@pytest.mark.parametrize("name", FORMS)
def test_the_same_link_to_a_published_note_lands_on_its_page(site, name):
    i = list(FORMS).index(name)
    page = (site / f"reflections/lea-{name}/index.html").read_text(encoding="utf-8")
    assert inside_a_link(page, f"keptlea{i}") == [True]
    assert 'href="../../goals/learn-rust/' in page


def test_check_reports_each_link_to_a_missing_note_once(vault):
    """Every form resolved: `check` has no broken-link warning for any of them."""
    assert [str(d) for d in vault.load().diagnostics] == []
