"""The public view of an index: the one place where privacy is decided."""

from __future__ import annotations

from dataclasses import replace

from careerlog.corrections import public_corrections
from careerlog.index import Index, build_index
from careerlog.model import Goal, Interview, Note, Review
from careerlog.progress import Figure
from careerlog.publishing import Publish


def public_index(index: Index) -> Index:
    """The index rebuilt from published notes alone, each stripped of what names an unpublished
    (or unknown) note: its `goals`, a goal's `parent`, a review's entries and its links. So
    nothing private reaches a template: not as a page, a list entry, a tag, a backlink, a
    review's progress or a link target. Link text stays in bodies; the renderer unlinks it.

    A note is published when it is neither private nor a draft and the owner publishes its
    kind (`[publish]`). A review left out only by that choice still gives a published goal its
    figures (a number on a day, never the review's text, title or link); a private or draft
    review gives nothing. Likewise, when the owner publishes interview lessons alone, the
    lessons of interviews that are neither published nor private nor drafts are kept, as their
    words and themes only."""
    publish = index.config.publish
    published = {n.slug for n in index.notes if n.published and _chosen(n, publish)}
    figures = tuple(
        Figure(entry.goal, note.date, entry.progress)
        for note in index.notes
        if isinstance(note, Review)
        and note.published
        and note.slug not in published
        and note.date is not None
        for entry in note.entries
        if entry.goal in published and entry.progress is not None
    )
    lessons = ()
    if publish.interview_lessons:
        lessons = tuple(
            lesson
            for note in index.notes
            if isinstance(note, Interview) and note.published and note.slug not in published
            for lesson in note.lessons
        )
    notes = [n for n in index.notes if n.slug in published]
    if index.profile and index.profile.published:  # public by nature, unless private or draft
        notes.append(index.profile)
    public = build_index(
        [_without_unpublished(n, published) for n in notes],
        index.config,
        index.today,
        figures,
        lessons,
    )
    public = replace(
        public,
        corrections=public_corrections(index.corrections, published),
        history_notice=index.history_notice,
    )
    return _without_tracker_flags(public)


def _without_tracker_flags(index: Index) -> Index:
    """What needs the owner's attention (stale, overdue, missed reviews) is for the tracker;
    the public index says nothing of it, so no public page can."""
    return replace(
        index,
        goals={
            slug: replace(state, stale=False, overdue=False, days_overdue=0)
            for slug, state in index.goals.items()
        },
        cadence=replace(index.cadence, overdue=False, missed=()),
    )


def _chosen(note: Note, publish: Publish) -> bool:
    """Whether the owner publishes notes like this one."""
    if note.kind not in publish.kinds:
        return False
    return not isinstance(note, Goal) or note.status in publish.goal_statuses


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
