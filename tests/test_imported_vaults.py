"""Notes people already have: an Obsidian vault, a Jekyll blog and a Hugo site, each as it
comes (tests/other-tools/, with a careerlog.toml that publishes notes and reflections), build
with no error; what each tool marks as not for publishing
never reaches the site; every picture is on its page and its file is there; every link to a
heading lands on it; and `check` warns only of real problems."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import TODAY, html_pages, leaks
from test_html_valid import nu_errors

from careerlog.build import build_site, load_vault

VAULTS = Path(__file__).resolve().parent / "other-tools"

CANARIES = {
    "obsidian": [
        "TEMPLATE-CANARY",  # the Obsidian templates folder is not notes
        "OBSIDIAN-COMMENT-CANARY",  # %% comments %%
        "OBSIDIAN-PUBLISH-CANARY",  # publish: false
        "publish-false-tag-canary",  # and its tag
        "Unpublished thought",  # nor its title or name, even where a public note links it
    ],
    "jekyll": ["JEKYLL-PUBLISHED-CANARY", "JEKYLL-DRAFT-CANARY", "a-draft"],
    "hugo": ["HUGO-DRAFT-CANARY", "second-bundle"],
}

KINDS = "(kinds: goal, review, reflection, interview, achievement, learning, role, assessment, option, person, conversation, decision)"
# what `check` says of each: only what the owner should know
WARNINGS = {
    "obsidian": [],
    "jekyll": [
        (
            f"_drafts: warning: 1 note of no known kind (the folder names none, and they have no "
            f"'type'); built as plain notes {KINDS}"
        ),
        (
            f"_posts: warning: 2 notes of no known kind (the folder names none, and they have no "
            f"'type'); built as plain notes {KINDS}"
        ),
    ],
    "hugo": [
        (
            f"content: warning: 3 notes of no known kind (the folder names none, and they have no "
            f"'type'); built as plain notes {KINDS}"
        ),
    ],
}


@pytest.fixture(scope="module", params=sorted(CANARIES))
def built(request, tmp_path_factory) -> tuple[str, Path]:
    name = request.param
    out = tmp_path_factory.mktemp(name) / "site"
    build_site(VAULTS / name, out, today=TODAY, search=True)
    return name, out


@pytest.mark.parametrize("name", sorted(CANARIES))
def test_check_says_only_what_the_owner_should_know(name: str):
    vault = VAULTS / name
    loaded = load_vault(vault, today=TODAY)
    printed = [str(d).replace(f"{vault}/", "", 1) for d in loaded.diagnostics]
    assert printed == WARNINGS[name]


def test_nothing_marked_unpublished_reaches_the_site(built):
    name, site = built
    vault_text = "".join(
        p.read_text("utf-8") + p.as_posix() for p in (VAULTS / name).rglob("*.md")
    ).lower()
    assert all(canary.lower() in vault_text for canary in CANARIES[name])  # really there
    assert list((site / "pagefind").rglob("*.pf_fragment"))  # the search index is checked too
    assert leaks(site, CANARIES[name]) == []


def test_every_picture_is_on_its_page_and_its_file_is_in_the_site(built):
    name, site = built
    pictures = 0
    for page, html in html_pages(site).items():
        for src in re.findall(r'<img [^>]*src="([^"]+)"', html):
            assert not urlsplit(src).scheme, f"{page}: {src}"
            target = (site / page).parent / unquote(urlsplit(src).path)
            assert target.is_file(), f"{page}: <img src={src}> has no file"
            pictures += 1
    assert pictures >= {"obsidian": 2, "jekyll": 1, "hugo": 1}[name]


def test_every_link_to_a_heading_lands_on_it(built):
    name, site = built
    pages = html_pages(site)
    fragments = 0
    for page, html in pages.items():
        for href in re.findall(r'<a [^>]*href="([^"]+)"', html):
            parts = urlsplit(href)
            if parts.scheme or not parts.fragment or page == "404.html":
                continue
            target = page
            if parts.path:
                target = posixpath.normpath(
                    posixpath.join(posixpath.dirname(page), unquote(parts.path))
                )
                target = (
                    posixpath.join(target, "index.html") if parts.path.endswith("/") else target
                )
            assert target in pages, f"{page}: {href} leads to no page"
            assert f'id="{unquote(parts.fragment)}"' in pages[target], (
                f"{page}: {href} lands nowhere"
            )
            fragments += 1
    if name == "obsidian":
        assert fragments >= 3  # [[Note#Heading]], [[Note#^block]], [[#Heading]]


def test_the_site_is_valid_html(built):
    assert nu_errors(built[1]) == []
