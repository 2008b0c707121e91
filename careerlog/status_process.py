"""The part of `careerlog status` about people, decisions and options: follow-ups due,
decisions with a deadline or a revisit date coming up, the largest gaps of the options being
pursued. Every text from the vault is shown through `printable`."""

from __future__ import annotations

import click

from careerlog.career_decisions import decisions_due
from careerlog.diagnostics import printable
from careerlog.formatting import relative_days
from careerlog.index import Index
from careerlog.model import Option
from careerlog.network import follow_ups_due
from careerlog.skill_gap import skill_gap

GAPS_SHOWN = 3  # the largest gaps of each option


def process_lines(index: Index) -> list[str]:
    today = index.today
    lines = []
    follow = follow_ups_due(index)
    if follow:
        lines += ["", click.style("People to follow up", bold=True)]
    for contact in follow:
        last = contact.last.isoformat() if contact.last else "none yet"
        colour = "red" if contact.due(today) else "yellow"
        lines.append(
            click.style("  follow up ", fg=colour)
            + f" {printable(contact.person.title)}: last contact {last}, "
            f"due {contact.next_due.isoformat()}"
        )
    due = decisions_due(index)
    if due:
        lines += ["", click.style("Decisions", bold=True)]
    for what, decision, day in due:
        when = f"{day.isoformat()} ({relative_days(day, today)})"
        if what == "deadline":
            lines.append(
                click.style("  deadline  ", fg="red" if day <= today else "yellow")
                + f" {printable(decision.title)}: decide by {when}"
            )
        else:
            lines.append(
                click.style("  revisit   ", fg="yellow")
                + f" {printable(decision.title)}: was this the right call? (revisit {when}; "
                "answer in a reflection that links to it)"
            )
    pursued = [n for n in index.notes if isinstance(n, Option) and n.status == "pursuing"]
    gaps = [(option, [g for g in skill_gap(index, option) if g.missing]) for option in pursued]
    if any(found for _, found in gaps):
        lines += ["", click.style("Largest skill gaps of the options pursued", bold=True)]
    for option, found in gaps:
        if found:
            shown = ", ".join(
                f"{printable(g.skill)} {g.level or 0}→{g.required}" for g in found[:GAPS_SHOWN]
            )
            lines.append(f"  {printable(option.title)}: {shown}")
    return lines
