"""How a name that notes write in several ways (`PostgreSQL`, `postgresql`) is shown."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def preferred_spelling(spellings: Iterable[str]) -> str:
    """The way a name is most often written; on a tie, one with capitals (`PostgreSQL` over
    `postgresql`: someone took care over it), then the first in sorted order."""
    counts = Counter(spellings)
    return min(counts, key=lambda s: (-counts[s], s == s.lower(), s))
