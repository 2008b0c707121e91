"""What a link in a body names, and where it goes when the body is shown.

A link's key is the note it names as written (`wiki_name`, `href_name`): the same function
reads it when the vault loads (names.py then resolves it to a slug, once) and when a body
renders, which only asks the note's own links (`link_resolver`). So what `check` reports and
what the site shows cannot disagree, and a link the public index dropped is unlinked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath
from typing import TypeVar
from urllib.parse import unquote, urlsplit

from careerlog.model import Note
from careerlog.names import NOTE_SUFFIXES

# what a link names → (URL, title) of a published note, or None (unknown or not published)
Resolver = Callable[[str], "tuple[str, str] | None"]
T = TypeVar("T")


def split_fragment(target: str) -> tuple[str, str]:
    """`Note#Heading` → (`Note`, `Heading`); `#Heading` → (``, `Heading`)."""
    name, _, fragment = target.partition("#")
    return name.strip(), fragment.strip()


def wiki_name(target: str) -> str:
    """The note a `[[target]]` names, without its fragment."""
    return split_fragment(target)[0]


def href_name(href: str) -> str | None:
    """The note a relative link or image source names (its path, no fragment), `` for the note
    itself (`#heading`), or None when it names no note: a URL with a scheme, a folder, or a
    file with another extension (an attachment). A file with no extension is taken for a note,
    as Obsidian takes it."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return "" if parts.fragment else None
    if path.endswith("/"):
        return None
    suffix = PurePosixPath(path).suffix
    if suffix and suffix.casefold() not in NOTE_SUFFIXES and not _looks_like_a_name(suffix):
        return None
    return path


def _looks_like_a_name(suffix: str) -> bool:
    """`Meeting 2.5` or `v1.2 plans` end in a 'suffix' that is part of the name."""
    return not suffix[1:].isalnum() or suffix[1:].isdigit() or " " in suffix


def link_resolver(note: Note, lookup: Callable[[str], T | None]) -> Callable[[str], T | None]:
    """How the names written in `note` resolve: through the slugs its links were resolved to
    (only published ones are left in a public index), then `lookup` of that slug."""
    slugs = {link.key: link.target for link in note.links if link.target}

    def resolve(name: str) -> T | None:
        slug = slugs.get(name)
        return lookup(slug) if slug else None

    return resolve
