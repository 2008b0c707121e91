"""The kinds that track a career as it goes: goal, review, reflection, interview, achievement,
learning and role. Each builder turns a note's fields into its typed note."""

from __future__ import annotations

import re

from careerlog import model
from careerlog.corrections import DECISION_KEYS, Decision, entry_decision
from careerlog.dates import period_problem
from careerlog.diagnostics import WARNING
from careerlog.fields import Fields, shown
from careerlog.lessons import read_lessons
from careerlog.markdown import BodyFacts

_PERIOD = re.compile(r"^\d{4}(?:-(?:Q[1-4]|W(?:0[1-9]|[1-4]\d|5[0-3])|0[1-9]|1[0-2]))?$")


def _goal(fields: Fields, common: dict, facts: BodyFacts) -> model.Goal:
    started = fields.date("started")
    target = fields.date("target", end_of_period=True)
    if started and target and target < started:
        fields.report("target", f"target {target} is before started {started}")
    if common["date"] is None:
        common["date"] = started
    parent = fields.text("parent")
    if parent == common["slug"]:
        fields.report("parent", "a goal cannot be its own parent")
        parent = None
    return model.Goal(
        **common,
        horizon=fields.choice("horizon", model.HORIZONS),
        status=fields.choice("status", model.GOAL_STATUSES, default="active"),
        started=started,
        target=target,
        progress=fields.progress("progress"),
        parent=parent,
        option=fields.text("option"),
        tasks=facts.tasks,
    )


def _review(fields: Fields, common: dict, facts: BodyFacts) -> model.Review:
    period = fields.text("period")
    if period is not None and not _PERIOD.match(period):
        fields.report(
            "period", f"unknown period {shown(period)} (use 2026, 2026-Q3, 2026-11 or 2026-W47)"
        )
        period = None
    elif period is not None and (problem := period_problem(period)):
        fields.report("period", f"period '{period}': {problem}")
        period = None
    entries = []
    goals = fields.meta.get("goals")
    if isinstance(goals, list):  # a plain list of related goals, with no progress recorded
        goals = {slug: None for slug in fields.texts("goals")}
    elif goals is not None and not isinstance(goals, dict):
        fields.report(
            "goals", "a review's 'goals' must map each goal to its progress, e.g. 'learn-rust: 40'"
        )
        goals = {}
    for slug, value in (goals or {}).items():
        key = f"goals.{slug}"
        note, decision = "", Decision()
        if isinstance(value, dict):
            unknown = sorted(set(map(str, value)) - {"progress", "note", *DECISION_KEYS})
            if unknown:
                fields.report(
                    key,
                    f"unknown key '{unknown[0]}' for goal '{slug}' "
                    "(use progress, note, correction and reason)",
                )
            note = str(value.get("note") or "").strip()
            decision = entry_decision(value)
            if decision.problem:
                fields.report(key, f"goal '{slug}': {decision.problem}")
            value = value.get("progress")
        entries.append(
            model.ReviewEntry(
                str(slug),
                fields.progress(key, value) if value is not None else None,
                note,
                fields.line(key),
                decision.correction,
                decision.reason,
            )
        )
    common["goals"] = tuple(e.goal for e in entries)
    if common["date"] is None and any(e.progress is not None for e in entries):
        fields.report(
            "goals",
            "a review without a 'date' records no progress (its figures are not counted); add date: YYYY-MM-DD",
            WARNING,
        )
    return model.Review(**common, period=period, entries=tuple(entries))


def _reflection(fields: Fields, common: dict, facts: BodyFacts) -> model.Reflection:
    return model.Reflection(**common, mood=fields.text("mood"))


def _interview(fields: Fields, common: dict, facts: BodyFacts) -> model.Interview:
    return model.Interview(
        **common,
        company=fields.text("company"),
        role=fields.text("role"),
        stage=fields.text("stage"),
        outcome=fields.choice("outcome", model.OUTCOMES),
        lessons=read_lessons(fields.meta.get("lessons"), "lessons", fields.report),
    )


def _achievement(fields: Fields, common: dict, facts: BodyFacts) -> model.Achievement:
    return model.Achievement(**common, impact=fields.text("impact"))


def _learning(fields: Fields, common: dict, facts: BodyFacts) -> model.Learning:
    completed = fields.date("completed")
    if common["date"] is None:
        common["date"] = completed
    return model.Learning(
        **common,
        learning_kind=fields.choice("kind", model.LEARNING_KINDS),
        provider=fields.text("provider"),
        completed=completed,
        credential=fields.text("credential"),
        expires=fields.date("expires"),
    )


def _role(fields: Fields, common: dict, facts: BodyFacts) -> model.Role:
    start = fields.date("start")
    end = fields.date("end", end_of_period=True)
    if start and end and end < start:
        fields.report("end", f"end {end} is before start {start}")
    company = fields.text("company")
    job_title = fields.text("title")
    if job_title and company:
        common["title"] = f"{job_title} at {company}"
    if common["date"] is None:
        common["date"] = start
    return model.Role(
        **common,
        company=company,
        job_title=job_title,
        start=start,
        end=end,
        location=fields.text("location"),
    )


TRACK_BUILDERS = {
    "goal": _goal,
    "review": _review,
    "reflection": _reflection,
    "interview": _interview,
    "achievement": _achievement,
    "learning": _learning,
    "role": _role,
}
