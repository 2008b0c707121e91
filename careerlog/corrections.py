"""Course corrections: how each goal changed from one committed version to the next (its
target moved, its status, horizon, parent, title or hand-set progress changed), and what
reviews decided for goals that were overdue or stale.

Pure functions over plain data: `goal_history.py` reads the versions from git; the index
carries the corrections; `public_corrections` is what the privacy gate lets through.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from careerlog.formatting import fmt_date, plural
from careerlog.model import GOAL_STATUSES, Goal

# What a correction records, in the order a page lists the changes of one step.
CHANGED_FIELDS = ("target", "status", "horizon", "parent", "progress", "title")
# What a review may record for a goal that is overdue or stale (`correction: moved`).
DECISIONS = ("moved", "changed", "dropped", "kept")
DECISION_KEYS = ("correction", "reason")


@dataclass(frozen=True)
class Snapshot:
    """The fields of one version of a goal that corrections compare."""

    title: str
    status: str
    target: str | None
    horizon: str | None
    parent: str | None
    progress: int | None
    published: bool  # neither private nor a draft nor withheld by another marker


def goal_snapshot(goal: Goal) -> Snapshot:
    return Snapshot(
        title=goal.title,
        status=goal.status,
        target=goal.target.isoformat() if goal.target else None,
        horizon=goal.horizon,
        parent=goal.parent,
        progress=goal.progress,
        published=goal.published,
    )


@dataclass(frozen=True)
class Step:
    """One version of a goal in order: committed on `day`, or not yet committed (None)."""

    day: date | None
    snapshot: Snapshot
    boundary: bool = False  # the oldest version a shallow clone has: its creation is unknown


@dataclass(frozen=True)
class Correction:
    kind: str  # created, target-set, target-removed, or one of CHANGED_FIELDS (target: moved)
    day: date | None  # the commit's (author) date; None: not yet committed
    before: str | None = None
    after: str | None = None
    # a version on either side was private or a draft: the public site shows that it changed,
    # never what it said
    withheld: bool = False

    @property
    def moved_by_days(self) -> int | None:
        """For a target moved with both dates known: how far, in days (negative: earlier)."""
        if self.kind != "target" or not (self.before and self.after):
            return None
        return (date.fromisoformat(self.after) - date.fromisoformat(self.before)).days


def derive_corrections(
    steps: list[Step], shown_statuses: tuple[str, ...] = GOAL_STATUSES
) -> tuple[Correction, ...]:
    """Every change from one version of a goal to the next, oldest first. A version counts as
    published when it is neither private nor a draft and the owner publishes goals of its
    status (`shown_statuses`); a change to or from one that is not is `withheld`."""

    def shown(snapshot: Snapshot) -> bool:
        return snapshot.published and snapshot.status in shown_statuses

    found: list[Correction] = []
    previous: Snapshot | None = None
    for step in steps:
        now = step.snapshot
        if previous is None:
            if not step.boundary:
                found.append(Correction("created", step.day, withheld=not shown(now)))
        else:
            withheld = not (shown(previous) and shown(now))
            for name in CHANGED_FIELDS:
                before, after = getattr(previous, name), getattr(now, name)
                if before != after:
                    kind = _kind_of_change(name, before, after)
                    found.append(Correction(kind, step.day, _text(before), _text(after), withheld))
        previous = now
    return tuple(found)


def _kind_of_change(name: str, before: object, after: object) -> str:
    """A target that moved (`target`) is told apart from one first set or taken away."""
    if name == "target" and before is None:
        return "target-set"
    if name == "target" and after is None:
        return "target-removed"
    return name


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def public_corrections(
    corrections: dict[str, tuple[Correction, ...]], published: set[str]
) -> dict[str, tuple[Correction, ...]]:
    """The corrections of published goals only, each without the values of a version that was
    not published. A parent is named as it was written, perhaps a goal that is not published:
    that it changed is shown, never what it named."""
    return {
        slug: tuple(
            replace(c, before=None, after=None) if c.withheld or c.kind == "parent" else c
            for c in found
        )
        for slug, found in corrections.items()
        if slug in published
    }


def correction_record(correction: Correction) -> dict:
    """A correction as index.json gives it: a value only where it may be shown."""
    record: dict = {
        "kind": correction.kind,
        "date": correction.day.isoformat() if correction.day else None,
    }
    if correction.before is not None:
        record["from"] = correction.before
    if correction.after is not None:
        record["to"] = correction.after
    return record


@dataclass(frozen=True)
class Slips:
    """How often and how far a goal's target moved."""

    count: int
    days: int | None  # in all, when every move's dates are known
    last: date | None  # the last committed move (None: only uncommitted ones)
    uncommitted: bool


def target_slips(corrections: tuple[Correction, ...]) -> Slips:
    moves = [c for c in corrections if c.kind == "target"]
    shifts = [c.moved_by_days for c in moves]
    return Slips(
        count=len(moves),
        days=None if None in shifts else sum(shifts),  # type: ignore[arg-type]
        last=max((c.day for c in moves if c.day), default=None),
        uncommitted=any(c.day is None for c in moves),
    )


@dataclass(frozen=True)
class Decision:
    """What a review's entry for a goal decided, as read from it."""

    correction: str | None = None
    reason: str = ""
    problem: str = ""  # why the entry's decision is not valid, for a located error


def entry_decision(entry: dict) -> Decision:
    """The `correction` and `reason` of a review's entry for one goal."""
    correction, reason = entry.get("correction"), entry.get("reason")
    if reason is not None and not isinstance(reason, str):
        return Decision(problem=f"'reason' must be text, not {reason!r}")
    reason = (reason or "").strip()
    if correction is None:
        if reason:
            return Decision(
                problem="a 'reason' needs a 'correction' (moved, changed, dropped, kept)"
            )
        return Decision()
    if correction not in DECISIONS:
        return Decision(problem=f"unknown correction {correction!r} (use {', '.join(DECISIONS)})")
    if not reason:
        return Decision(problem=f"correction '{correction}' needs a 'reason': why it was decided")
    return Decision(correction, reason)


_CHANGES = {
    "target": "Target moved",
    "target-set": "Target set",
    "target-removed": "Target taken away",
    "status": "Status changed",
    "horizon": "Horizon changed",
    "parent": "Parent goal changed",
    "progress": "Progress set by hand",
    "title": "Title changed",
}


def describe(correction: Correction) -> str:
    """A correction as a sentence: `Target moved from 30 Jun 2026 to 31 Dec 2026`."""
    if correction.kind == "created":
        return "Created"
    text = _CHANGES.get(correction.kind, correction.kind)
    before, after = correction.before, correction.after
    if correction.kind.startswith("target"):
        before = fmt_date(date.fromisoformat(before)) if before else None
        after = fmt_date(date.fromisoformat(after)) if after else None
    elif correction.kind == "progress":
        before, after = (f"{v}%" if v is not None else None for v in (before, after))
    elif correction.kind == "title":
        before, after = (f"“{v}”" if v is not None else None for v in (before, after))
    if before is not None and after is not None:
        return f"{text} from {before} to {after}"
    if after is not None:
        return f"{text} to {after}"
    if before is not None and correction.kind != "progress":
        return f"{text} (was {before})"
    if before is not None:
        return f"{text}: taken away (was {before})"
    return text


def slips_sentence(slips: Slips) -> str:
    """`Target moved 3 times, 18 months later in all; last on 4 Mar 2026`."""
    if not slips.count:
        return "The target never moved."
    text = f"Target moved {plural(slips.count, 'time')}"
    if slips.days:
        months = plural(max(1, round(abs(slips.days) / 30.44)), "month")
        text += f", {months} {'later' if slips.days > 0 else 'earlier'} in all"
    if slips.last:
        text += f"; last on {fmt_date(slips.last)}"
    if slips.uncommitted:
        text += "; moved again, not yet committed"
    return text + "."
