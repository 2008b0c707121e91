"""The pages of the network: `/people/` (last contact and follow-ups, feedback by theme,
mentoring given), and what a person's and a conversation's pages show beyond their fields.

In the public site these see only people whose note says `public: true` (privacy.py)."""

from __future__ import annotations

from typing import Any

from careerlog.career_decisions import decisions_due
from careerlog.index import Index
from careerlog.model import RELATIONS, Conversation, Person
from careerlog.network import contacts, feedback_by_theme, follow_ups_due, mentoring_given
from careerlog.sitewriter import SiteWriter


def render_people_pages(site: SiteWriter) -> None:
    if not site.shows("person"):
        return
    found = contacts(site.index)
    groups = [
        (relation, [c for c in found if c.person.relation == relation])
        for relation in (*RELATIONS, None)
    ]
    site.page(
        "people/index.html",
        "people.html",
        "the people",
        title="People",
        current="explore",
        groups=[(relation, members) for relation, members in groups if members],
        due=[c for c in found if c.due(site.today) or c.soon(site.today)],
        themes=feedback_by_theme(site.index),
        mentoring=mentoring_given(site.index),
    )


def people_context(site: SiteWriter, note: Any) -> dict[str, Any]:
    index = site.index
    if isinstance(note, Person):
        contact = next(c for c in contacts(index) if c.person.slug == note.slug)
        return {
            "contact": contact,
            "conversations": [n for n in contact.notes if isinstance(n, Conversation)],
            "others": [n for n in contact.notes if not isinstance(n, Conversation)],
        }
    if isinstance(note, Conversation):
        return {"with_people": site.notes_named(p for p in note.people if p in index.by_slug)}
    return {}


def dashboard_cards(index: Index) -> dict[str, Any]:
    """The dashboard's "people" and "decisions" cards: follow-ups due or coming up, and
    decisions with a deadline or revisit date within a month."""
    return {"follow_ups": follow_ups_due(index), "decisions_due": decisions_due(index)}
