"""The kinds that come before goals and after them: assessment (where I stand), option (a path I
could take) and decision (a choice between options). Each builder turns a note's fields into
its typed note; what needs other notes (the skill gap, default weights) is in explore.py."""

from __future__ import annotations

from typing import Any

from careerlog import model
from careerlog.diagnostics import WARNING
from careerlog.fields import Fields, describe, labels_of, shown
from careerlog.markdown import BodyFacts

# the terms of an offer a decision's option may give
TERMS = ("compensation", "location", "start", "deadline")


def _assessment(fields: Fields, common: dict, facts: BodyFacts) -> model.Assessment:
    levels = fields.levels("skills")
    if common["date"] is None:
        fields.report(
            "title", "an assessment needs a 'date': levels are compared over time", WARNING
        )
    common["skills"] = tuple(level.skill for level in levels)
    return model.Assessment(
        **common,
        levels=levels,
        strengths=fields.texts("strengths"),
        weaknesses=fields.texts("weaknesses"),
        interests=fields.texts("interests"),
        values=fields.texts("values"),
        preferences=fields.texts("preferences"),
    )


def _option(fields: Fields, common: dict, facts: BodyFacts) -> model.Option:
    requires = fields.levels("requires", "required level")
    common["skills"] = tuple(dict.fromkeys([*common["skills"], *(r.skill for r in requires)]))
    return model.Option(
        **common,
        status=fields.choice("status", model.OPTION_STATUSES, default="exploring"),
        requires=requires,
        environment=fields.text("environment"),
        advancement=fields.text("advancement"),
        pros=fields.texts("pros"),
        cons=fields.texts("cons"),
        sources=tuple(model.Source(text) for text in fields.texts("sources")),
    )


def _decision(fields: Fields, common: dict, facts: BodyFacts) -> model.Decision:
    criteria = _criteria(fields)
    named = {c.name for c in criteria}
    choices = []
    for name, value in fields.mapping("options", "options: {stay: {scores: {growth: 3}}}").items():
        where = f"options.{name}"
        if not isinstance(value, dict):
            fields.report(
                where, f"option '{name}' must map 'scores' (and 'terms'), not {describe(value)}"
            )
            continue
        unknown = sorted(set(map(str, value)) - {"scores", "terms"})
        if unknown:
            fields.report(
                where, f"unknown key '{unknown[0]}' for option '{name}' (use scores and terms)"
            )
        choices.append(
            model.Choice(
                name,
                _scores(fields, where, value.get("scores"), named),
                _terms(fields, where, value.get("terms")),
                fields.line(where),
            )
        )
    chosen = fields.text("chosen")
    if chosen is not None and chosen not in {c.name for c in choices}:
        fields.report(
            "chosen",
            f"chosen '{chosen}' is none of the options "
            f"({', '.join(c.name for c in choices) or 'none given'})",
        )
    return model.Decision(
        **common,
        criteria=criteria,
        choices=tuple(choices),
        deadline=fields.date("deadline"),
        chosen=chosen,
        revisit=fields.date("revisit"),
    )


def _criteria(fields: Fields) -> tuple[model.Criterion, ...]:
    """`criteria: {growth: 5, pay: 3}`; weights are relative, so any positive numbers do, but
    shares that do not add up to 1 (0.5, 0.3, 0.3) are most likely a slip."""
    criteria = []
    for name, weight in fields.mapping("criteria", "criteria: {growth: 5}").items():
        where = f"criteria.{name}"
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
            fields.report(
                where, f"the weight of '{name}' must be a number above 0, not {describe(weight)}"
            )
            continue
        label = next(iter(labels_of((name,))), name)
        criteria.append(model.Criterion(label, float(weight), fields.line(where), name))
    weights = [c.weight for c in criteria]
    total = sum(weights)
    if len(weights) > 1 and all(w < 1 for w in weights) and abs(total - 1) > 0.01:
        fields.report(
            "criteria",
            f"the weights add up to {total:g}: as shares they should add up to 1; they are used "
            "relative to each other (a weight twice another counts twice as much)",
            WARNING,
        )
    return tuple(criteria)


def _scores(fields: Fields, where: str, value: Any, named: set[str]) -> tuple[tuple[str, int], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        fields.report(where, f"'scores' must map each criterion to 1..5, not {describe(value)}")
        return ()
    scores = []
    for name, score in value.items():
        label = next(iter(labels_of((str(name),))), str(name))
        if isinstance(score, bool) or score not in model.SCORES:
            fields.report(
                f"{where}.scores.{name}",
                f"the score of '{name}' must be a whole number from 1 to 5, not {shown(score)}",
            )
        elif named and label not in named:
            fields.report(
                f"{where}.scores.{name}",
                f"'{name}' is not one of the criteria ({', '.join(sorted(named))})",
                WARNING,
            )
        else:
            scores.append((label, int(score)))
    return tuple(scores)


def _terms(fields: Fields, where: str, value: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        fields.report(where, f"'terms' must map {', '.join(TERMS)} to text, not {describe(value)}")
        return ()
    terms = []
    for name, text in value.items():
        if isinstance(text, (dict, list)) or text is None:
            fields.report(f"{where}.terms.{name}", f"the term '{name}' must be text")
        else:
            text = text.isoformat() if hasattr(text, "isoformat") else str(text).strip()
            terms.append((str(name), text))
    return tuple(terms)


EXPLORE_BUILDERS = {
    "assessment": _assessment,
    "option": _option,
    "decision": _decision,
}
