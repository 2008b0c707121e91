"""The charts of the site drawn from notes: the career timeline, a skill's notes by date, a
goal's progress. `timeline.py` and `charts.py` draw them; this module decides what they show."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from careerlog import charts, timeline
from careerlog.corrections import Correction, describe
from careerlog.formatting import fmt_date, fmt_month, kind_name, kind_plural, plural
from careerlog.index import Index
from careerlog.model import NOTE_KIND, Goal, Interview, Learning, Note, Role
from careerlog.progress import GoalState
from careerlog.routes import href, note_path

TIMELINE_LANES = [
    timeline.Lane(kind, kind_plural(kind))
    for kind in (
        "role",
        "goal",
        "interview",
        "achievement",
        "learning",
        "review",
        "reflection",
        "assessment",
        "option",
        "decision",
        "conversation",  # the tracker's only: render_timeline leaves people off the public one
        NOTE_KIND,
    )
]
MARK_SHAPES = {
    "interview": "triangle",
    "achievement": "diamond",
    "learning": "square",
    "decision": "diamond",
}


def timeline_chart(
    index: Index, root: str, kinds: tuple[str, ...] | None, *, title: str, chart_id: str
) -> Markup:
    """The notes of `kinds` (all with None) on the career timeline, linked from a page at `root`."""
    spans, marks = timeline_items(index, root, kinds)
    if not spans and not marks:
        return Markup("")
    # Targets decades away would stretch the picture: the axis stops two years after today.
    return Markup(
        timeline.timeline_svg(
            TIMELINE_LANES,
            spans,
            marks,
            index.today,
            title=title,
            chart_id=chart_id,
            last_year=index.today.year + 2,
        )
    )


def timeline_items(
    index: Index, root: str, kinds: tuple[str, ...] | None
) -> tuple[list[timeline.Span], list[timeline.Mark]]:
    """Roles and goals as spans, every other dated note as a mark."""
    spans: list[timeline.Span] = []
    marks: list[timeline.Mark] = []
    for note in index.notes:
        if kinds is not None and note.kind not in kinds:
            continue
        link = href(root, note_path(note))
        if isinstance(note, Role):
            span = role_span(note, index.today, link)
            if span:
                spans.append(span)
        elif isinstance(note, Goal):
            span = goal_span(note, index.goals[note.slug], index.today, link)
            if span:
                spans.append(span)
        else:
            day = note.completed if isinstance(note, Learning) and note.completed else note.date
            if day is None:
                continue
            if isinstance(note, Interview) and note.outcome:
                classes = f"kind-{note.kind} outcome-{note.outcome}"
                marks.append(note_mark(note, day, link, classes, detail=f", {note.outcome}"))
            else:
                marks.append(note_mark(note, day, link, f"kind-{note.kind}"))
    return spans, marks


def note_mark(note: Note, day: date, link: str, classes: str, *, detail: str = "") -> timeline.Mark:
    return timeline.Mark(
        note.kind,
        day,
        f"{kind_name(note.kind)}: {note.title} ({fmt_date(day)}{detail})",
        link,
        classes,
        MARK_SHAPES.get(note.kind, "circle"),
    )


def role_span(role: Role, today: date, link: str) -> timeline.Span | None:
    start = role.start or role.date
    if start is None:
        return None
    end = role.end if role.end and role.end < today else max(today, start)
    current = role.end is None or role.end >= today
    when = f"{fmt_month(start)} – {fmt_month(role.end) if role.end else 'now'}"
    return timeline.Span(
        "role",
        start,
        end,
        role.title,
        f"Role: {role.title}, {when}",
        link,
        "kind-role" + (" current" if current else ""),
    )


def goal_span(goal: Goal, state: GoalState, today: date, link: str) -> timeline.Span | None:
    start = goal.started or goal.date
    if start is None and goal.target is None:
        return None
    start = start or goal.target
    if goal.target:
        end = goal.target
    elif goal.status in ("active", "paused"):
        end = today
    else:
        end = max(
            filter(
                None,
                [state.last_mentioned, state.history[-1].day if state.history else None, start],
            )
        )
    end = max(end, start)
    classes = (
        f"kind-goal status-{goal.status}"
        + ("" if goal.target else " open")
        + (" overdue" if state.overdue else "")
    )
    label = goal.title
    if goal.status == "achieved":
        label = "✓ " + label
    elif goal.status in ("paused", "dropped"):
        label = f"{label} ({goal.status})"
    elif state.overdue:
        label = f"{label} · {state.days_overdue} d overdue"
    when = f"{fmt_month(start)} – {fmt_month(goal.target) if goal.target else 'no target'}"
    title = f"Goal: {goal.title}, {goal.status}, {state.progress}%, {when}"
    if state.overdue:
        title += f", {plural(state.days_overdue, 'day')} overdue"
    return timeline.Span(
        "goal",
        start,
        end,
        label,
        title,
        link,
        classes,
        progress=state.progress if goal.status in ("active", "paused") else None,
        overdue_until=today if state.overdue else None,
    )


def skill_chart(skill: str, notes: list[Note], today: date, root: str) -> Markup:
    """The notes naming a skill, each a mark on its date (a role on its start)."""
    marks = []
    for note in notes:
        day = (note.start if isinstance(note, Role) else None) or note.date
        if day is not None:
            marks.append(note_mark(note, day, href(root, note_path(note)), f"kind-{note.kind}"))
    if not marks:
        return Markup("")
    return Markup(
        timeline.timeline_svg(
            TIMELINE_LANES,
            [],
            marks,
            today,
            title=f"Notes naming {skill}, by date",
            chart_id="skill-chart",
            compact=True,
        )
    )


def goal_progress_chart(
    goal: Goal, state: GoalState, today: date, corrections: tuple[Correction, ...] = ()
) -> Markup:
    """The progress reviews recorded for a goal, over time, from its start to today (while it is
    open) with its target; nothing without any review. Where its target moved (and the moves
    can be shown), the chart reaches the targets, up to two years from today, and the target
    line steps."""
    if not state.history:
        return Markup("")
    moves = target_moves(corrections)
    days = [point.day for point in state.history]
    began = goal.started or goal.date
    start = min(days + ([began] if began else []))
    end = max(days + ([today] if goal.status in ("active", "paused") else []))
    target = goal.target
    # A target a little after the last point widens the picture to it; a far one is only named.
    if target and end < target and (target - end).days <= max(365, (end - start).days // 2):
        end = target
    if moves:
        horizon = today.replace(year=today.year + 2, day=min(today.day, 28))
        reached = [d for m in moves for d in (m.target, m.to) if d <= horizon]
        current = [target] if target and target <= horizon else []
        end = max([end, *reached, *current])
    markers = [
        charts.Marker(day, label, classes)
        for day, label, classes in (
            (began, "started", "chart-start"),
            (target, f"target {fmt_date(target)}" if target else "", "chart-target"),
            (today, "today", "chart-today"),
        )
        if day and start <= day <= end
    ]
    markers.sort(key=lambda marker: marker.day)
    if target and target > end:
        markers.append(charts.Marker(end, f"target {fmt_month(target)} →", "chart-target", False))
    points = [charts.Point(d, p, f"{fmt_date(d)}: {p}%") for d, p, _, _ in state.history]
    first, last = state.history[0], state.history[-1]
    description = (
        f"{plural(len(points), 'review')} recorded progress, from {first.progress}% on "
        f"{fmt_date(first.day)} to {last.progress}% on {fmt_date(last.day)}."
        + (f" Started {fmt_date(began)}." if began else "")
        + (f" Target date: {fmt_date(target)}." if target else "")
        + "".join(f" {move.title}." for move in moves)
    )
    return Markup(
        charts.progress_chart(
            points,
            start=start,
            end=end,
            markers=markers,
            title=f"Progress of “{goal.title}” over time",
            description=description,
            chart_id="progress-chart",
            earlier_targets=moves,
        )
    )


def target_moves(corrections: tuple[Correction, ...]) -> tuple[charts.TargetMove, ...]:
    """The moves of a goal's target whose dates may be shown, oldest first."""
    return tuple(
        charts.TargetMove(
            date.fromisoformat(c.before),
            date.fromisoformat(c.after),
            c.day,
            describe(c) + (f" on {fmt_date(c.day)}" if c.day else ", not yet committed"),
        )
        for c in corrections
        if c.kind == "target" and c.before and c.after
    )
