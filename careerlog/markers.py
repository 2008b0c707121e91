"""What marks a note as not for publishing, in careerlog and in the tools people bring notes from.

Every marker is declared here once; `vault.py` (where front matter is found) and `kinds.py`
(where its fields are read) both ask this module, so a new tool's marker is one line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

UNPUBLISHED_WHEN_TRUE = ("private", "draft")  # careerlog's own, Hugo's and Jekyll's `draft`
UNPUBLISHED_WHEN_FALSE = ("publish", "published")  # Obsidian Publish, Jekyll
MARKER_KEYS = UNPUBLISHED_WHEN_TRUE + UNPUBLISHED_WHEN_FALSE
DRAFT_FOLDERS = ("_drafts",)  # Jekyll's; any folder of that name, at any depth, any case

# Ordinary words a few letters away from a marker, which are not meant as one.
_NOT_MARKERS = frozenset(
    {"craft", "graft", "drift", "raft", "daft", "publisher", "publishers", "publication"}
)


def read_markers(
    meta: dict[str, Any],
    path: Path,
    line_of: Callable[[str], int],
    fields: tuple[str, ...] = (),
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The note's `private`, `draft` and `withheld_by` (every other marker that keeps it off
    the site), and (key, message) for each problem. Fails closed: a marker that is not a
    clear true or false, given twice in two letter cases, or misspelt is an error, and the
    note stays unpublished. `path` is the note's, relative to the vault; `fields` are its
    kind's own, never taken for a misspelt marker (a person's `public`)."""
    found: dict[str, Any] = {"private": False, "draft": False}
    withheld: list[str] = []
    problems: list[tuple[str, str]] = []
    written: dict[str, str] = {}  # marker → its key as written
    for key, value in meta.items():
        marker = marker_key(key)
        if marker is None:
            near = None if key in fields else near_marker(key)
            if near and not _is_date(value):  # `publishDate: 2024-05-01` is not a marker
                message = (
                    f"'{key}' is not a field but looks like '{near}'; correct or rename it"
                    "; the note stays unpublished until then"
                )
                problems.append((key, message))
                withheld.append(key)
            continue
        if marker in written:
            first = written[marker]
            message = (
                f"'{key}' is given twice (first as '{first}' on line {line_of(first)}); "
                "the note stays unpublished until one is gone"
            )
            problems.append((key, message))
            withheld.append(key)
            continue
        written[marker] = key
        if not isinstance(value, bool):
            shown = "empty" if value is None else repr(value)  # `private:` alone is unclear
            treated = marker if marker in found else "unpublished"
            message = (
                f"'{key}' must be true or false, not {shown}; the note is treated as {treated}"
            )
            problems.append((key, message))
            if marker in found:
                found[marker] = True
            else:
                withheld.append(key)
        elif marker in found:
            found[marker] = value
        elif value is False:  # `publish: false`, `published: false`
            withheld.append(f"{key}: false")
    withheld += [f"{name}/" for name in path.parts[:-1] if name.casefold() in DRAFT_FOLDERS]
    found["withheld_by"] = tuple(withheld)
    return found, problems


def _is_date(value: Any) -> bool:
    return isinstance(value, date) or bool(re.match(r"^\d{4}-\d{2}", str(value)))


def marker_key(key: str) -> str | None:
    """The marker `key` names, compared without letter case or surrounding spaces (`PRIVATE`)."""
    folded = key.strip().casefold()
    return folded if folded in MARKER_KEYS else None


@lru_cache(maxsize=4096)  # every note asks for the same few keys: title, date, tags...
def near_marker(key: str) -> str | None:
    """The marker that `key` almost names (`privat`, `is_private`, `drfat`, `un-published`),
    or None when it is a marker itself or clearly another word."""
    if marker_key(key):
        return None
    letters = _letters(key)
    if not letters or letters in _NOT_MARKERS:
        return None
    contained = [marker for marker in MARKER_KEYS if marker in letters]
    if contained:
        return max(contained, key=len)
    distances = {marker: _edit_distance(letters, marker, cap=3) for marker in MARKER_KEYS}
    nearest = min(MARKER_KEYS, key=distances.__getitem__)
    allowed = 1 if len(nearest) <= 5 else 2  # one slip in `draft`, two in the longer ones
    return nearest if distances[nearest] <= allowed else None


def _letters(key: str) -> str:
    """`Is_Privé` → `isprive`: accents dropped, letter case folded, only a-z kept."""
    decomposed = unicodedata.normalize("NFKD", key.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", plain)


def _edit_distance(a: str, b: str, cap: int) -> int:
    """Damerau–Levenshtein distance (a swap of neighbours counts once), stopped at `cap`."""
    if abs(len(a) - len(b)) >= cap:
        return cap
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (ca != cb),
            )
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return min(previous[-1], cap)
