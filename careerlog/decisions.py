"""Reviews that decide: what a review recorded for a goal (`correction: moved` with a reason),
and the goals still waiting for such a decision (overdue or stale, with none since)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from careerlog.corrections import Slips, target_slips
from careerlog.index import Index
from careerlog.model import Goal, Review

# The three ways to correct a goal that is off course, as a review's checklist offers them.
WAYS_TO_CORRECT = ("move the target", "change or split it", "drop it")


@dataclass(frozen=True)
class ReviewDecision:
    review: Review
    correction: str  # moved, changed, dropped or kept
    reason: str


def goal_decisions(index: Index, slug: str) -> list[ReviewDecision]:
    """What the index's dated reviews decided for one goal, oldest first."""
    found = [
        ReviewDecision(review, entry.correction, entry.reason)
        for review in index.of_kind("review")
        if isinstance(review, Review) and review.date
        for entry in review.entries
        if entry.goal == slug and entry.correction
    ]
    return sorted(found, key=lambda d: d.review.sort_key)


@dataclass(frozen=True)
class Waiting:
    goal: Goal
    why: str  # `overdue since 30 Sep 2026` or `stale: not mentioned since ...`
    since: date  # the day it went off course; a decision after it settles it


def waiting_for_decision(index: Index) -> list[Waiting]:
    """Active goals overdue or stale with no review decision since they went off course."""
    waiting = []
    for goal in index.of_kind("goal"):
        state = index.goals[goal.slug]
        if not isinstance(goal, Goal) or not (state.overdue or state.stale):
            continue
        if state.overdue and goal.target:
            since, why = goal.target, f"overdue since {goal.target.isoformat()}"
        else:
            last = state.last_mentioned or goal.started or goal.date or index.today
            since = last + timedelta(days=index.config.stale_after_days)
            why = f"stale since {since.isoformat()}"
        decided = [d for d in goal_decisions(index, goal.slug) if d.review.date >= since]
        if not decided:
            waiting.append(Waiting(goal, why, since))
    return sorted(waiting, key=lambda w: (w.since, w.goal.slug))


def slips_of(index: Index, slug: str) -> Slips:
    return target_slips(index.corrections.get(slug, ()))
