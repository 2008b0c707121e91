"""The public view of an index: the one place where privacy is decided."""

from __future__ import annotations

from dataclasses import replace

from careerlog.corrections import public_corrections
from careerlog.fields import labels_of
from careerlog.index import Index, build_index
from careerlog.model import Decision, Goal, Interview, Note, Option, Person, Review
from careerlog.progress import Figure
from careerlog.publishing import PEOPLE, Publish
from careerlog.redact import WITHHELD_BODY, redacted_body, without_person_links


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
    words and themes only.

    People are withheld unless their note says `public: true`: no field of a public note names
    them (`people`, an option's sources, a tag that is their name), and its links to them are
    taken out of its text, name and all (redact.py). A decision's offer terms are never public.
    """
    publish = index.config.publish
    published = {n.slug for n in index.notes if n.published and _chosen(n, publish)}
    withheld = _Withheld(
        {n.slug for n in index.notes if isinstance(n, Person) and n.slug not in published},
        index.notes,
    )
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
        [_without_unpublished(n, published, withheld) for n in notes],
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
    if note.kind == PEOPLE:
        return isinstance(note, Person) and note.public
    if note.kind not in publish.kinds:
        return False
    return not isinstance(note, Goal) or note.status in publish.goal_statuses


class _Withheld:
    """The people who are not published: their slugs, and the labels a tag naming them takes."""

    def __init__(self, slugs: set[str], notes: tuple[Note, ...]):
        self.slugs = slugs
        self.labels = set(
            labels_of(tuple(name for n in notes if n.slug in slugs for name in _names(n)))
        )

    def keys(self, note: Note) -> set[str]:
        """The names `note`'s links use for withheld people."""
        return {link.key for link in note.links if link.target in self.slugs}


def _names(person: Note) -> tuple[str, ...]:
    return (person.slug, person.title, person.path.stem, *person.aliases)


def _without_unpublished(note: Note, published: set[str], withheld: _Withheld) -> Note:
    keys = withheld.keys(note)
    changes: dict = {
        "goals": tuple(slug for slug in note.goals if slug in published),
        "people": tuple(slug for slug in note.people if slug in published),
        "links": tuple(link for link in note.links if link.target in published),
        "tags": tuple(tag for tag in note.tags if tag not in withheld.labels),
        "body": redacted_body(note.body, note.body_line, keys),
    }
    if note.title_source is not None and keys:
        changes["title_source"] = without_person_links(note.title_source, keys)
        if changes["body"] == WITHHELD_BODY:  # its heading may hold the same link
            changes.update(title_source=None, title=note.path.stem)
    if isinstance(note, Goal) and note.option not in published:
        changes["option"] = None
    if isinstance(note, Option):
        changes["sources"] = tuple(s for s in note.sources if s.slug is None or s.slug in published)
    if isinstance(note, Decision):
        changes["choices"] = tuple(replace(c, terms=()) for c in note.choices)
    if isinstance(note, Goal) and note.parent not in published:
        changes["parent"] = None
    if isinstance(note, Review):
        changes["entries"] = tuple(e for e in note.entries if e.goal in published)
    return replace(note, **changes)
