"""What a CV says, from a public index: the roles with what was achieved in each, the
certificates and training, the skills by how recently they were used, and the achievements
made outside any role.
The /cv/ page and the JSON Resume export both read it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from careerlog.index import Index
from careerlog.model import Achievement, Learning, Note, Role

EDUCATION_KINDS = ("course", "workshop", "conference")
RECENT_YEARS = 2  # a skill named within this many years of today is current


@dataclass(frozen=True)
class RoleEntry:
    role: Role
    achievements: tuple[Achievement, ...]  # made within the role's dates, newest first


@dataclass(frozen=True)
class Skill:
    name: str
    last_used: date | None  # the newest dated note that names it
    evidence: int  # how many notes name it


@dataclass(frozen=True)
class CV:
    roles: tuple[RoleEntry, ...]  # newest first
    certificates: tuple[Learning, ...]
    education: tuple[Learning, ...]
    current_skills: tuple[Skill, ...]  # used lately, the most evidenced first
    earlier_skills: tuple[Skill, ...]
    other_achievements: tuple[Achievement, ...]  # made outside every role's dates


def made_during(note: Note, role: Role) -> bool:
    return (
        note.date is not None
        and role.start is not None
        and role.start <= note.date
        and (role.end is None or note.date <= role.end)
    )


def curriculum_vitae(index: Index) -> CV:
    achievements = [n for n in index.of_kind("achievement") if isinstance(n, Achievement)]
    learning = [n for n in index.of_kind("learning") if isinstance(n, Learning)]
    roles = sorted(
        (r for r in index.of_kind("role") if isinstance(r, Role)),
        key=lambda r: (r.start or r.date or date.min, r.slug),
        reverse=True,
    )
    skills = []
    for name, slugs in index.skills.items():
        dates = [d for d in (index.by_slug[s].date for s in slugs) if d and d <= index.today]
        skills.append(Skill(name, max(dates, default=None), len(slugs)))
    skills.sort(key=lambda s: (-s.evidence, s.last_used or date.min, s.name))
    try:
        recent = index.today - timedelta(days=round(365.25 * RECENT_YEARS))
    except OverflowError:  # a today in year 1
        recent = date.min
    return CV(
        roles=tuple(
            RoleEntry(role, tuple(a for a in achievements if made_during(a, role)))
            for role in roles
        ),
        certificates=tuple(n for n in learning if n.learning_kind == "certification"),
        education=tuple(n for n in learning if n.learning_kind in EDUCATION_KINDS),
        current_skills=tuple(s for s in skills if s.last_used and s.last_used >= recent),
        earlier_skills=tuple(s for s in skills if not (s.last_used and s.last_used >= recent)),
        other_achievements=tuple(
            a for a in achievements if not any(made_during(a, r) for r in roles)
        ),
    )
