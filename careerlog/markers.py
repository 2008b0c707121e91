"""What marks a note as not for publishing, in careerlog and in the tools people bring notes from.

Every marker is declared here once; `vault.py` (where front matter is found) and `kinds.py`
(where its fields are read) both ask this module, so a new tool's marker is one line.
"""

from __future__ import annotations

import re
import unicodedata

UNPUBLISHED_WHEN_TRUE = ("private", "draft")  # careerlog's own, Hugo's and Jekyll's `draft`
UNPUBLISHED_WHEN_FALSE = ("publish", "published")  # Obsidian Publish, Jekyll
MARKER_KEYS = UNPUBLISHED_WHEN_TRUE + UNPUBLISHED_WHEN_FALSE

# Ordinary words a few letters away from a marker, which are not meant as one.
_NOT_MARKERS = frozenset(
    {"craft", "graft", "drift", "raft", "daft", "publisher", "publishers", "publication"}
)


def marker_key(key: str) -> str | None:
    """The marker `key` names, compared without letter case or surrounding spaces (`PRIVATE`)."""
    folded = key.strip().casefold()
    return folded if folded in MARKER_KEYS else None


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
