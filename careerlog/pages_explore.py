"""The pages of self-assessment, exploration and decisions: `/assessments/` (the latest
assessment, the skills matrix, values that moved), `/explore/` (options by status), and what
the pages of an assessment, an option and a decision show beyond their fields."""

from __future__ import annotations

from typing import Any

from careerlog.career_decisions import decision_matrix
from careerlog.level_charts import level_sparkline
from careerlog.model import Assessment, Decision, Option
from careerlog.sitewriter import SiteWriter
from careerlog.skill_gap import (
    assessments,
    latest_assessment,
    level_history,
    option_goals,
    skill_gap,
    skills_matrix,
    value_moves,
)

# the page's order: what is decided, then what is being worked on, then the rest
STATUS_ORDER = ("chosen", "pursuing", "exploring", "ruled-out")
LEVEL_NAMES = {1: "aware", 2: "novice", 3: "practised", 4: "strong", 5: "expert"}


def render_explore_pages(site: SiteWriter) -> None:
    if site.shows("assessment"):
        render_assessments(site)
    if site.explores:
        render_explore(site)


def render_assessments(site: SiteWriter) -> None:
    """The latest assessment, each skill's level over time and its evidence, values that moved."""
    matrix = skills_matrix(site.index)
    dated = assessments(site.index)
    days = [a.date for a in dated]
    site.page(
        "assessments/index.html",
        "assessments.html",
        "the self-assessments",
        title="Self-assessment",
        current="explore",
        latest=latest_assessment(site.index),
        assessments=list(reversed(dated)),
        undated=[n for n in site.index.of_kind("assessment") if n.date is None],
        matrix=matrix,
        charts={
            row.skill: level_sparkline(site.skill_name(row.skill), row.history, days)
            for row in matrix
        },
        moves=value_moves(site.index),
        level_names=LEVEL_NAMES,
    )


def render_explore(site: SiteWriter) -> None:
    """Where next: the way to self-assessment, decisions and people, and the options under
    consideration by status, each with how much of its skill gap is left."""
    options = [n for n in site.index.notes if isinstance(n, Option)]
    sections = [
        (label, path, kind)
        for label, path, kind in (
            ("Self-assessment", "assessments/", "assessment"),
            ("Decisions", "decisions/", "decision"),
            ("People", "people/", "person"),
        )
        if site.shows(kind)
    ]
    groups = [
        (status, sorted((o for o in options if o.status == status), key=lambda o: o.title.lower()))
        for status in STATUS_ORDER
    ]
    site.page(
        "explore/index.html",
        "explore.html",
        "the options explored",
        title="Explore",
        current="explore",
        sections=sections,
        shows_options=site.shows("option"),
        groups=[(status, members) for status, members in groups if members],
        gaps={o.slug: skill_gap(site.index, o) for o in options},
        latest=latest_assessment(site.index),
    )


def explore_context(site: SiteWriter, note: Any) -> dict[str, Any]:
    """What the page of an assessment, option or decision shows beyond the note's own fields."""
    index = site.index
    if isinstance(note, Assessment):
        history = level_history(index)
        before = {}
        for skill, points in history.items():
            earlier = [p for p in points if note.date and p.day < note.date]
            if earlier:
                before[skill] = earlier[-1].level
        return {"before": before, "level_names": LEVEL_NAMES}
    if isinstance(note, Option):
        return {
            "gaps": skill_gap(index, note),
            "serving": option_goals(index, note),
            "latest": latest_assessment(index),
            "level_names": LEVEL_NAMES,
            "sources": [(s.text, index.by_slug.get(s.slug or "")) for s in note.sources],
        }
    if isinstance(note, Decision):
        return {
            "matrix": decision_matrix(index, note),
            "options_named": {c.name: index.by_slug.get(c.name) for c in note.choices},
            "reflections": [
                n
                for n in index.notes
                if n.kind == "reflection" and note.slug in {link.target for link in n.links}
            ],
        }
    return {}
