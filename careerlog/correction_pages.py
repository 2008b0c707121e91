"""The pages of course corrections: every correction across goals by year
(`goals/corrections/`), and what each goal page shows of its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from careerlog.corrections import Correction, describe, slips_sentence, target_slips
from careerlog.decisions import ReviewDecision, goal_decisions
from careerlog.model import HORIZONS, Goal
from careerlog.sitewriter import SiteWriter

CORRECTIONS_PAGE = "goals/corrections/index.html"


@dataclass(frozen=True)
class Row:
    """One line of a list of corrections: a change from git, or a review's decision."""

    day: date | None  # None: not yet committed
    goal: Goal
    kind: str  # a correction's kind (created, target, ...) or `decision`
    text: str
    decision: ReviewDecision | None = None


def corrections_page_path(site: SiteWriter) -> str:
    """`goals/corrections/`, unless a goal's own page is there."""
    taken = any(g.slug == "corrections" for g in site.goals)
    return "corrections/index.html" if taken else CORRECTIONS_PAGE


def goal_rows(site: SiteWriter, goal: Goal) -> list[Row]:
    """A goal's corrections and its reviews' decisions, oldest first, uncommitted last."""
    rows = [
        Row(c.day, goal, c.kind, describe(c)) for c in site.index.corrections.get(goal.slug, ())
    ]
    rows += [
        Row(d.review.date, goal, "decision", f"Decided: {d.correction}", d)
        for d in goal_decisions(site.index, goal.slug)
    ]
    return sorted(rows, key=lambda r: (r.day is None, r.day or date.max, r.decision is not None))


def goal_corrections_context(site: SiteWriter, goal: Goal) -> dict[str, Any]:
    corrections = site.index.corrections.get(goal.slug, ())
    return {
        "corrections": goal_rows(site, goal),
        "slips_text": slips_sentence(target_slips(corrections)) if corrections else "",
        "corrections_page": corrections_page_path(site).removesuffix("index.html"),
    }


def render_corrections(site: SiteWriter) -> None:
    """Every correction of every goal, newest year first, and where targets slip."""
    rows = [row for goal in site.goals for row in goal_rows(site, goal)]
    undated = [r for r in rows if r.day is None]
    years: dict[int, list[Row]] = {}
    for row in sorted((r for r in rows if r.day), key=lambda r: (r.day, r.goal.slug)):
        years.setdefault(row.day.year, []).append(row)
    site.page(
        corrections_page_path(site),
        "corrections.html",
        "the corrections page",
        title="Course corrections",
        current="goals",
        undated=undated,
        years=sorted(years.items(), reverse=True),
        patterns=slip_patterns(site),
        total=len(rows),
        goals_corrected=len({r.goal.slug for r in rows if r.kind != "created"}),
    )


def slip_patterns(site: SiteWriter) -> list[tuple[str | None, int, int, int]]:
    """(horizon, goals, goals whose target moved, moves in all) for each horizon."""
    found = []
    for horizon in (*HORIZONS, None):
        goals = [g for g in site.goals if site.index.goals[g.slug].horizon == horizon]
        moves = [_moves(site.index.corrections.get(g.slug, ())) for g in goals]
        if goals:
            found.append((horizon, len(goals), sum(m > 0 for m in moves), sum(moves)))
    return found


def _moves(corrections: tuple[Correction, ...]) -> int:
    return sum(c.kind == "target" for c in corrections)
