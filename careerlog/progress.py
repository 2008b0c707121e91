"""How far each goal has come: progress, history, horizon, stale and overdue; and the review cadence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from careerlog.model import Goal, Note, Review

MENTIONING_KINDS = ("review", "reflection", "achievement")


class ProgressPoint(NamedTuple):
    """One review's figure for one goal."""

    day: date
    progress: int
    review: Review | None  # None where the review is not published, only its figure
    note: str  # the review's note on this goal, if any


class Figure(NamedTuple):
    """A goal's progress as a review that is not published recorded it: a number on a day."""

    goal: str
    day: date
    progress: int


@dataclass(frozen=True)
class GoalState:
    slug: str
    progress: int
    progress_source: str  # achieved, goal, review, tasks or none
    history: tuple[ProgressPoint, ...]  # oldest first; the last one gives a goal's progress
    horizon: str | None
    last_mentioned: date | None
    stale: bool
    overdue: bool
    days_overdue: int
    children: tuple[str, ...]


def derived_horizon(goal: Goal) -> str | None:
    if goal.horizon:
        return goal.horizon
    start = goal.started or goal.date
    if start is None or goal.target is None:
        return None
    years = (goal.target - start).days / 365.25
    if years <= 2:
        return "short"
    if years <= 20:
        return "intermediate"
    return "long"


def goal_histories(
    reviews: list[Review], figures: tuple[Figure, ...] = ()
) -> dict[str, tuple[ProgressPoint, ...]]:
    """Goal slug → every figure dated reviews gave it, oldest first (reviews of one day by slug),
    with the figures of reviews that are not published (dated points, no review)."""
    points = [
        (
            review.sort_key,
            ProgressPoint(review.date, entry.progress, review, entry.note),
            entry.goal,
        )
        for review in reviews
        if review.date is not None
        for entry in review.entries
        if entry.progress is not None
    ]
    points += [((f.day, ""), ProgressPoint(f.day, f.progress, None, ""), f.goal) for f in figures]
    histories: dict[str, list[ProgressPoint]] = {}
    for _, point, goal in sorted(points, key=lambda p: p[0]):
        histories.setdefault(goal, []).append(point)
    return {slug: tuple(found) for slug, found in histories.items()}


class SourceFigure(NamedTuple):
    """What one source says of a goal's progress; None where it says nothing."""

    source: str  # achieved, goal, review or tasks
    progress: int | None


def progress_figures(goal: Goal, history: tuple[ProgressPoint, ...]) -> tuple[SourceFigure, ...]:
    """Every source of a goal's progress in the order they count: the first with a figure wins."""
    tasks = goal.tasks
    return (
        SourceFigure("achieved", 100 if goal.status == "achieved" else None),
        SourceFigure("goal", goal.progress),
        SourceFigure("review", history[-1].progress if history else None),
        SourceFigure(
            "tasks", round(100 * sum(t.done for t in tasks) / len(tasks)) if tasks else None
        ),
    )


def goal_progress(goal: Goal, history: tuple[ProgressPoint, ...]) -> tuple[int, str]:
    for figure in progress_figures(goal, history):
        if figure.progress is not None:
            return figure.progress, figure.source
    return 0, "none"


def goal_states(
    goals: list[Goal],
    mentions: dict[str, list[Note]],
    reviews: list[Review],
    today: date,
    stale_after_days: int,
    figures: tuple[Figure, ...] = (),
) -> dict[str, GoalState]:
    children: dict[str, list[str]] = {}
    for goal in goals:
        if goal.parent:
            children.setdefault(goal.parent, []).append(goal.slug)
    histories = goal_histories(reviews, figures)
    states = {}
    for goal in goals:
        history = histories.get(goal.slug, ())
        progress, source = goal_progress(goal, history)
        dates = [
            n.date
            for n in mentions.get(goal.slug, ())
            if n.kind in MENTIONING_KINDS and n.date and n.date <= today
        ]
        last = max(dates, default=None)
        since = max(filter(None, [last, goal.started, goal.date]), default=None)
        active = goal.status == "active"
        stale = active and since is not None and (today - since).days > stale_after_days
        overdue = active and goal.target is not None and goal.target < today
        states[goal.slug] = GoalState(
            slug=goal.slug,
            progress=progress,
            progress_source=source,
            history=history,
            horizon=derived_horizon(goal),
            last_mentioned=last,
            stale=stale,
            overdue=overdue,
            days_overdue=(today - goal.target).days if overdue else 0,
            children=tuple(sorted(children.get(goal.slug, ()))),
        )
    return states


# Review cadence: each review covers one period; a period with no review is missed.


def period_key(day: date, cadence: str) -> tuple[int, int]:
    if cadence == "weekly":
        iso = day.isocalendar()
        return iso.year, iso.week
    if cadence == "monthly":
        return day.year, day.month
    if cadence == "quarterly":
        return day.year, (day.month - 1) // 3 + 1
    return day.year, 1


def period_start(key: tuple[int, int], cadence: str) -> date:
    year, n = key
    if cadence == "weekly":
        return date.fromisocalendar(year, n, 1)
    if cadence == "monthly":
        return date(year, n, 1)
    if cadence == "quarterly":
        return date(year, 3 * (n - 1) + 1, 1)
    return date(year, 1, 1)


def next_period(key: tuple[int, int], cadence: str) -> tuple[int, int]:
    start = period_start(key, cadence)
    if cadence == "weekly":
        return period_key(start + timedelta(days=7), cadence)
    if cadence == "yearly":
        return key[0] + 1, 1
    months = 1 if cadence == "monthly" else 3
    month = start.month - 1 + months
    return period_key(date(start.year + month // 12, month % 12 + 1, 1), cadence)


def period_label(key: tuple[int, int], cadence: str) -> str:
    """`2026-W47`, `2026-11`, `2026-Q3` or `2026`: how a review's `period` is written."""
    year, n = key
    return {
        "weekly": f"{year}-W{n:02d}",
        "monthly": f"{year}-{n:02d}",
        "quarterly": f"{year}-Q{n}",
    }.get(cadence, str(year))


def period_to_review(reviews: list[Review], cadence: str, today: date) -> str:
    """The period a review written today is most likely about: the one just ended if it has no
    review yet (a Q3 review is written early in Q4), else the current one."""
    current = period_key(today, cadence)
    previous = period_key(period_start(current, cadence) - timedelta(days=1), cadence)
    covered = {review_period(r, cadence) for r in reviews}
    return period_label(previous if previous not in covered else current, cadence)


def review_period(review: Review, cadence: str) -> tuple[int, int] | None:
    """The period a review covers: its `period` if given, else the period of its date."""
    start = period_text_start(review.period) if review.period else review.date
    return period_key(start, cadence) if start else None


def period_text_start(text: str) -> date:
    """First day of `2026`, `2026-Q3`, `2026-11` or `2026-W47` (validated when the note loaded)."""
    year, _, rest = text.partition("-")
    if not rest:
        return date(int(year), 1, 1)
    if rest.startswith("Q"):
        return date(int(year), 3 * (int(rest[1:]) - 1) + 1, 1)
    if rest.startswith("W"):
        return date.fromisocalendar(int(year), int(rest[1:]), 1)
    return date(int(year), int(rest), 1)


@dataclass(frozen=True)
class Cadence:
    every: str
    last_review: date | None
    next_due: date
    overdue: bool
    missed: tuple[date, ...]  # first days of the periods since the first review that had none


def review_cadence(reviews: list[Review], cadence: str, today: date) -> Cadence:
    """The review of a period is due when the period ends; a period counts as missed once the next one has ended too."""
    covered = {key for r in reviews if (key := review_period(r, cadence))}
    last = max((r.date for r in reviews if r.date), default=None)
    if not covered:
        return Cadence(cadence, last, today, True, ())
    current = period_key(today, cadence)
    missed = []
    key = min(covered)
    while next_period(key, cadence) < current:
        if key not in covered:
            missed.append(period_start(key, cadence))
        key = next_period(key, cadence)
    following = next_period(max(covered), cadence)
    next_due = period_start(next_period(following, cadence), cadence)
    return Cadence(cadence, last, next_due, next_due <= today, tuple(missed))
