"""The terminal summary: where the career stands, what needs attention, when the next review is due.

Every text from the vault is shown through `printable`: a title cannot colour or move the terminal.
"""

from __future__ import annotations

import click

from careerlog.corrections import slips_sentence
from careerlog.decisions import WAYS_TO_CORRECT, slips_of, waiting_for_decision
from careerlog.diagnostics import printable
from careerlog.index import Index
from careerlog.model import Goal
from careerlog.status_process import process_lines

BAR_WIDTH = 20


def progress_bar(percent: int) -> str:
    filled = round(BAR_WIDTH * percent / 100)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def status_lines(index: Index) -> list[str]:
    config = index.config
    lines = [click.style(printable(config.title), bold=True) + f"  ·  {index.today.isoformat()}"]
    for role in index.current_roles:
        since = f" (since {role.start.isoformat()})" if role.start else ""
        lines.append(f"Current role: {printable(role.title)}{since}")

    active = [n for n in index.of_kind("goal") if isinstance(n, Goal) and n.status == "active"]
    active.sort(key=lambda g: (-index.goals[g.slug].progress, g.slug))
    lines += ["", click.style(f"Active goals ({len(active)})", bold=True)]
    if not active:
        lines.append('  none — add one with: careerlog new goal "Title"')
    titles = [printable(g.title) for g in active]
    width = max(map(len, titles), default=0)
    for goal, title in zip(active, titles):
        state = index.goals[goal.slug]
        details = [state.horizon or "no horizon"]
        if goal.target:
            details.append(f"target {goal.target.isoformat()}")
        lines.append(
            f"  {title:<{width}}  {progress_bar(state.progress)} {state.progress:>3}%  {' · '.join(details)}"
        )

    attention = []
    for goal, title in zip(active, titles):
        state = index.goals[goal.slug]
        if state.overdue:
            attention.append(
                click.style("  overdue ", fg="red")
                + f" {title}: target {goal.target.isoformat()}, {state.days_overdue} days ago"
            )
        if state.stale:
            last = state.last_mentioned.isoformat() if state.last_mentioned else "never"
            attention.append(
                click.style("  stale   ", fg="yellow")
                + f" {title}: last mentioned in a review, reflection or achievement {last}"
            )
    for goal, title in zip(active, titles):
        moved = slips_of(index, goal.slug)
        if moved.count > config.slips:
            attention.append(
                click.style("  slipping", fg="yellow")
                + f" {title}: {slips_sentence(moved)[:-1]} (more than slips = {config.slips})"
            )
    cadence = index.cadence
    if cadence.overdue:
        attention.append(
            click.style("  review  ", fg="red")
            + f" a {cadence.every} review was due {cadence.next_due.isoformat()}"
        )
    lines += ["", click.style("Needs attention", bold=True)] + (
        attention or ["  nothing: every active goal is on track"]
    )
    lines += process_lines(index)

    lines += decision_lines(index)
    lines.append("")
    last = cadence.last_review.isoformat() if cadence.last_review else "none yet"
    lines.append(
        f"Next review due: {cadence.next_due.isoformat()} ({cadence.every}; last review {last})"
    )
    return lines


def decision_lines(index: Index) -> list[str]:
    """The goals off course that no review has decided on since, and how to decide."""
    waiting = waiting_for_decision(index)
    if not waiting:
        return []
    lines = ["", click.style(f"Waiting for a decision ({len(waiting)})", bold=True)]
    lines += [f"  {printable(w.goal.title)}: {w.why}" for w in waiting]
    lines.append(
        f"  decide in your next review: {', '.join(WAYS_TO_CORRECT)}, or keep it; record it as "
        "correction: moved | changed | dropped | kept, with a reason"
    )
    return lines
