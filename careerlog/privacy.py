"""The public view of an index: the one place where privacy is decided."""

from __future__ import annotations

from careerlog.index import Index, build_index


def public_index(index: Index) -> Index:
    """The index rebuilt from published notes alone, so nothing private can reach a page:
    not as a page, a list entry, a tag, a backlink, a review's progress or a link target."""
    return build_index([n for n in index.notes if n.published], index.config, index.today)
