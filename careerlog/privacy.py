"""The public view of an index: the one place where privacy is decided."""

from __future__ import annotations

from dataclasses import replace

from careerlog.index import Index, build_index
from careerlog.model import Goal, Note, Review


def public_index(index: Index) -> Index:
    """The index rebuilt from published notes alone, each stripped of what names an unpublished
    (or unknown) note: its `goals`, a goal's `parent`, a review's entries and its links. So
    nothing private reaches a template: not as a page, a list entry, a tag, a backlink, a
    review's progress or a link target. Link text stays in bodies; the renderer unlinks it."""
    published = {n.slug for n in index.notes if n.published}
    return build_index(
        [_without_unpublished(n, published) for n in index.notes if n.slug in published],
        index.config,
        index.today,
    )


def _without_unpublished(note: Note, published: set[str]) -> Note:
    changes: dict = {
        "goals": tuple(slug for slug in note.goals if slug in published),
        "links": tuple(link for link in note.links if link.target in published),
    }
    if isinstance(note, Goal) and note.parent not in published:
        changes["parent"] = None
    if isinstance(note, Review):
        changes["entries"] = tuple(e for e in note.entries if e.goal in published)
    return replace(note, **changes)
