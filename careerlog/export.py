"""The public index in other shapes: a JSON Resume document and a brag document.

Both are pure functions of the public index (the caller applies the privacy gate first), so
they can only show what the site shows.
"""

from __future__ import annotations

import json
import re
from datetime import date

from careerlog.characters import clean_data
from careerlog.cv import curriculum_vitae
from careerlog.index import Index
from careerlog.linking import link_resolver
from careerlog.markdown import summary
from careerlog.model import Achievement, Goal, Learning, Note
from careerlog.profile import owner_profile

JSON_RESUME_SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
_URL = re.compile(r"^https?://\S+$")


def _resume_date(day: date | None) -> str | None:
    """JSON Resume's dates are years 1000 to 2999; a vault's are 1900 to 2999 (dates.py)."""
    return day.isoformat() if day else None


def _compact(fields: dict) -> dict:
    """The fields that have a value: JSON Resume readers show an empty one as an empty line."""
    return {key: value for key, value in fields.items() if value not in (None, "", [], {})}


def _plain_summary(index: Index, note: Note, limit: int = 400) -> str:
    titles = link_resolver(
        note, lambda slug: ("", index.by_slug[slug].title) if slug in index.by_slug else None
    )
    return summary(note.body, titles, limit)


def json_resume(index: Index) -> dict:
    """A JSON Resume document (jsonresume.org, schema 1.0) of a public index."""
    config = index.config
    cv = curriculum_vitae(index)
    current = index.current_roles
    profile = owner_profile(config, index.profile)
    basics = _compact(
        {
            "name": profile.name,
            "label": profile.headline or (current[0].job_title if current else None),
            "email": profile.email,
            "url": config.base_url or None,
            "summary": (profile.note and _plain_summary(index, profile.note, 600))
            or profile.description
            or None,
            "location": {"address": profile.location} if profile.location else None,
            "profiles": [
                {"network": name, "url": url}
                for name, url in profile.links.items()
                if not url.startswith("mailto:")
            ],
        }
    )
    work = [
        _compact(
            {
                "name": entry.role.company,
                "position": entry.role.job_title or entry.role.title,
                "location": entry.role.location,
                "startDate": _resume_date(entry.role.start),
                "endDate": _resume_date(entry.role.end),
                "summary": _plain_summary(index, entry.role) or None,
                "highlights": [_highlight(a) for a in entry.achievements],
            }
        )
        for entry in cv.roles
    ]
    certificates = [
        _compact(
            {
                "name": item.title,
                "date": _resume_date(item.completed or item.date),
                "issuer": item.provider,
                "url": item.credential if item.credential and _URL.match(item.credential) else None,
            }
        )
        for item in cv.certificates
    ]
    education = [
        _compact(
            {
                "institution": item.provider,
                "area": item.title,
                "studyType": item.learning_kind,
                "endDate": _resume_date(item.completed or item.date),
            }
        )
        for item in cv.education
    ]
    projects = [
        _compact(
            {
                "name": a.title,
                "description": a.impact or _plain_summary(index, a, 220) or None,
                "startDate": _resume_date(a.date),
                "endDate": _resume_date(a.date),
                "keywords": [index.names["skills"][skill] for skill in a.skills],
            }
        )
        for a in index.of_kind("achievement")
    ]
    skills = [{"name": index.names["skills"][skill]} for skill in index.skills]
    return _compact(
        {
            "$schema": JSON_RESUME_SCHEMA,
            "basics": basics,
            "work": work,
            "education": education,
            "certificates": certificates,
            "skills": skills,
            "projects": projects,
            "meta": {"canonical": f"{config.base_url}resume.json"} if config.base_url else None,
        }
    )


def json_resume_text(index: Index) -> str:
    """The JSON Resume document as the site publishes it (and `careerlog export` prints it):
    cleaned like index.json, and ASCII only, so no character of a note can break a reader."""
    return json.dumps(clean_data(json_resume(index)), indent=2, ensure_ascii=True) + "\n"


def _highlight(achievement: Achievement) -> str:
    return f"{achievement.title}: {achievement.impact}" if achievement.impact else achievement.title


def brag_document(index: Index, start: date, end: date) -> str:
    """A brag document for a performance review, as Markdown: what was achieved, moved and
    learnt from `start` to `end` (both included), by goal and by skill."""

    def within(day: date | None) -> bool:
        return day is not None and start <= day <= end

    achievements = [n for n in index.of_kind("achievement") if within(n.date)]
    learnt = [
        n for n in index.of_kind("learning") if isinstance(n, Learning) and within(n.completed)
    ]
    goals = [g for g in index.of_kind("goal") if isinstance(g, Goal)]
    lines = [f"# Brag document: {start.isoformat()} to {end.isoformat()}", ""]

    lines += ["## Achievements", ""]
    lines += [_brag_item(n) for n in achievements] or ["Nothing recorded in this period."]

    lines += ["", "## Goals", ""]
    moved = []
    for goal in goals:
        history = index.goals[goal.slug].history
        points = [p for p in history if within(p.day)]
        before = [p for p in history if p.day < start]
        # achieved when a review first said 100, else (no review did) by its target date
        done = next((p.day for p in history if p.progress == 100), None) or goal.target
        if goal.status == "achieved" and within(done):
            moved.append(f"- **{goal.title}**: achieved")
        elif points:
            was = before[-1].progress if before else 0
            if points[-1].progress != was:
                moved.append(f"- **{goal.title}**: {was}% → {points[-1].progress}%")
    lines += moved or ["No goal moved in this period."]

    lines += ["", "## Learning", ""]
    lines += [_brag_item(n) for n in learnt] or ["Nothing completed in this period."]

    for heading, groups in (
        ("By goal", _by_goal(index, achievements + learnt)),
        ("By skill", _by_skill(achievements + learnt, index.names["skills"])),
    ):
        if groups:
            lines += ["", f"## {heading}", ""]
            for name, titles in groups.items():
                lines.append(f"- **{name}**: {'; '.join(titles)}")
    return "\n".join(lines) + "\n"


def _brag_item(note: Note) -> str:
    when = note.date.isoformat() if note.date else ""
    impact = getattr(note, "impact", None)
    return f"- {when} **{note.title}**" + (f": {impact}" if impact else "")


def _by_goal(index: Index, notes: list[Note]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for note in notes:
        for slug in note.goals:
            goal = index.note(slug)
            if goal is not None:
                groups.setdefault(goal.title, []).append(note.title)
    return dict(sorted(groups.items()))


def _by_skill(notes: list[Note], names: dict[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for note in notes:
        for skill in note.skills:
            groups.setdefault(names.get(skill, skill), []).append(note.title)
    return dict(sorted(groups.items(), key=lambda item: (item[0].casefold(), item[0])))
