"""The skill and tag pages: each skill or tag under its name as the notes write it
(`PostgreSQL`, `CRDTs`), its slug only in its address; a skill's page says when it was first
and last shown, in which roles and towards which goals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from careerlog.cv import made_during
from careerlog.model import KINDS, NOTE_KIND, Goal, Note, Role
from careerlog.note_charts import skill_chart
from careerlog.routes import root_of, skill_path, tag_path
from careerlog.sitewriter import SiteWriter


@dataclass(frozen=True)
class SkillFacts:
    slug: str
    name: str  # as the notes most often write it
    first: Note | None  # the oldest dated note naming it (up to today)
    last: Note | None  # the newest
    roles: tuple[Role, ...]  # that name it, or in whose dates a note naming it was made
    goals: tuple[Goal, ...]  # that name it, or that a note naming it served
    notes: tuple[Note, ...]  # newest first
    by_kind: dict[str, tuple[Note, ...]]


def skill_facts(site: SiteWriter, slug: str) -> SkillFacts:
    index = site.index
    notes = tuple(site.notes_named(index.skills[slug]))
    dated = sorted((n for n in notes if n.date and n.date <= index.today), key=lambda n: n.sort_key)
    roles = [r for r in index.of_kind("role") if isinstance(r, Role)]
    used_in = [
        r for r in roles if r in notes or any(made_during(n, r) for n in notes if n.kind != "role")
    ]
    goal_slugs = {n.slug for n in notes if isinstance(n, Goal)}
    goal_slugs |= {g for n in notes for g in n.goals}
    goals = [g for g in site.goals if g.slug in goal_slugs]
    by_kind: dict[str, list[Note]] = {}
    for note in notes:
        by_kind.setdefault(note.kind, []).append(note)
    return SkillFacts(
        slug=slug,
        name=site.skill_name(slug),
        first=dated[0] if dated else None,
        last=dated[-1] if dated else None,
        roles=tuple(sorted(used_in, key=lambda r: r.start or r.date or date.min, reverse=True)),
        goals=tuple(goals),
        notes=notes,
        by_kind={k: tuple(by_kind[k]) for k in [*KINDS, NOTE_KIND] if k in by_kind},
    )


def render_skills(site: SiteWriter) -> None:
    """The list of skills, most recently used first, and a page for each."""
    facts = [skill_facts(site, slug) for slug in site.index.skills]
    facts.sort(key=lambda f: (f.name.casefold(), f.slug))
    site.page(
        "skills/index.html",
        "skills.html",
        "the list of skills",
        title="Skills",
        current="skills",
        skills=sorted(
            facts, key=lambda f: f.last.date if f.last and f.last.date else date.min, reverse=True
        ),
    )
    for skill in facts:
        path = skill_path(skill.slug) + "index.html"
        site.page(
            path,
            "skill.html",
            f"skill '{skill.slug}'",
            title=f"Skill: {skill.name}",
            current="skills",
            skill=skill,
            chart=skill_chart(skill.name, list(skill.notes), site.today, root_of(path)),
        )


def render_tags(site: SiteWriter) -> None:
    tags = site.index.tags
    rows = [
        (tag, site.notes_named(tags[tag]))
        for tag in sorted(tags, key=lambda t: (site.tag_name(t).casefold(), t))
    ]
    site.page(
        "tags/index.html",
        "tags.html",
        "the list of tags",
        title="Tags",
        current="tags",
        tags=rows,
    )
    for tag, notes in rows:
        site.page(
            tag_path(tag) + "index.html",
            "tag.html",
            f"tag '{tag}'",
            title=f"Tag: {site.tag_name(tag)}",
            current="tags",
            tag=tag,
            notes=notes,
        )
