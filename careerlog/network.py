"""The owner's network from the notes: the last contact with each person, follow-ups due,
feedback received by theme, mentoring given per mentee over time.

Pure functions of an index; the public index holds only the people who are `public: true`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from careerlog.index import Index
from careerlog.model import Conversation, Feedback, Note, Person

SOON_DAYS = 14  # a follow-up this close is shown as coming up


@dataclass(frozen=True)
class Contact:
    person: Person
    notes: tuple[Note, ...]  # the notes naming them, newest first
    last: date | None  # the last contact: a dated note naming them by today, else `met`
    next_due: date | None  # the last contact plus `follow_up_every`

    def due(self, today: date) -> bool:
        return self.next_due is not None and self.next_due <= today

    def soon(self, today: date) -> bool:
        return self.next_due is not None and today < self.next_due <= today + timedelta(SOON_DAYS)


@dataclass(frozen=True)
class Received:
    feedback: Feedback
    conversation: Conversation


@dataclass(frozen=True)
class Mentoring:
    mentee: Person
    sessions: tuple[Conversation, ...]  # newest first
    by_year: tuple[tuple[int, int], ...]  # (year, sessions), oldest first


def contacts(index: Index) -> list[Contact]:
    """Every person with their last contact and next follow-up; the most overdue first."""
    named: dict[str, list[Note]] = {}
    for note in index.notes:  # newest first
        for slug in note.people:
            named.setdefault(slug, []).append(note)
    found = []
    for person in (n for n in index.notes if isinstance(n, Person)):
        notes = tuple(named.get(person.slug, ()))
        days = [n.date for n in notes if n.date and n.date <= index.today]
        last = max(days, default=person.met)
        every = person.follow_up_days
        next_due = None
        if every is not None:
            next_due = last + timedelta(days=every) if last else index.today
        found.append(Contact(person, notes, last, next_due))
    return sorted(found, key=lambda c: (c.next_due or date.max, c.person.title.lower()))


def follow_ups_due(index: Index) -> list[Contact]:
    """People whose follow-up date has come, or comes within SOON_DAYS."""
    today = index.today
    return [c for c in contacts(index) if c.due(today) or c.soon(today)]


def _relations(index: Index) -> dict[str, str | None]:
    return {n.slug: n.relation for n in index.notes if isinstance(n, Person)}


def feedback_by_theme(index: Index) -> list[tuple[str, list[Received]]]:
    """Feedback from conversations with anyone but a mentee, grouped by theme, the most
    often heard theme first."""
    relations = _relations(index)
    themes: dict[str, list[Received]] = {}
    for note in index.notes:
        if not isinstance(note, Conversation):
            continue
        if note.people and all(relations.get(p) == "mentee" for p in note.people):
            continue  # feedback given, not received
        for item in note.feedback:
            themes.setdefault(item.theme, []).append(Received(item, note))
    return sorted(themes.items(), key=lambda t: (-len(t[1]), t[0]))


def mentoring_given(index: Index) -> list[Mentoring]:
    """Each mentee with the conversations held with them, and how many a year."""
    found = []
    for person in (n for n in index.notes if isinstance(n, Person) and n.relation == "mentee"):
        sessions = tuple(
            n for n in index.notes if isinstance(n, Conversation) and person.slug in n.people
        )
        years: dict[int, int] = {}
        for session in sessions:
            if session.date:
                years[session.date.year] = years.get(session.date.year, 0) + 1
        found.append(Mentoring(person, sessions, tuple(sorted(years.items()))))
    return sorted(found, key=lambda m: (-len(m.sessions), m.mentee.title.lower()))
