"""Where each page lives in the site, and URLs to it.

Every URL in a page is relative to that page, so the site works under any sub-path; feeds
and index.json use absolute URLs when the site has a `base_url`.
"""

from __future__ import annotations

from urllib.parse import quote

from careerlog.characters import clean_name
from careerlog.model import NOTE_KIND, PLURALS, Note


def note_path(note: Note) -> str:
    """A note's page: its slug (a file name in the vault), without control characters."""
    return f"{PLURALS[note.kind]}/{clean_name(note.slug)}/"


# the list of a kind, where it is not its folder's name
LIST_PATHS = {"option": "explore/"}


def kind_path(kind: str) -> str:
    return LIST_PATHS.get(kind) or PLURALS.get(kind, PLURALS[NOTE_KIND]) + "/"


def tag_path(tag: str) -> str:
    return f"tags/{clean_name(tag)}/"


def skill_path(skill: str) -> str:
    return f"skills/{clean_name(skill)}/"


def root_of(page: str) -> str:
    """The way up from a page (`goals/learn-rust/index.html`) to the site's root (`../../`)."""
    return "../" * page.count("/")


def href(base: str, path: str) -> str:
    """The URL of a site path from `base`: a page's way up to the root, or the site's base_url.

    The root itself, seen from the root, is `./`.
    """
    return (base + quote(path, safe="/")) or "./"


def page_url(base_url: str, page: str) -> str:
    """The absolute URL of a page file: its folder, when it is an `index.html`."""
    return href(base_url, page.removesuffix("index.html"))
