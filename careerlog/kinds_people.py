"""The kinds of a network: person and conversation. People are never published unless the owner
says so per person (`public: true`, read here; applied by privacy.py)."""

from __future__ import annotations

import re
from typing import Any

from careerlog import model
from careerlog.dates import parse_date
from careerlog.fields import Fields, describe, labels_of, shown
from careerlog.markdown import BodyFacts

# `90d`, `6w`, `3m`, `1y`, `2 weeks`; or a word
_EVERY = re.compile(r"^(\d+)\s*(d|days?|w|weeks?|m|months?|y|years?)$", re.IGNORECASE)
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
EVERY_WORDS = {
    "week": 7,
    "weekly": 7,
    "fortnight": 14,
    "month": 30,
    "monthly": 30,
    "quarter": 91,
    "quarterly": 91,
    "half-year": 182,
    "year": 365,
    "yearly": 365,
}
# `met: 2019-05-14 at QCon London`: a day, then how or where
_MET = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[\s,;:—-]*(.*)$")


def follow_up_days(text: str) -> int | None:
    """`90d` → 90, `quarter` → 91; None when it says no period."""
    text = text.strip().lower()
    if text in EVERY_WORDS:
        return EVERY_WORDS[text]
    match = _EVERY.match(text)
    if not match or int(match[1]) == 0:
        return None
    return int(match[1]) * _UNIT_DAYS[match[2][0]]


def _person(fields: Fields, common: dict, facts: BodyFacts) -> model.Person:
    every = fields.text("follow_up_every")
    days = follow_up_days(every) if every else None
    if every and days is None:
        fields.report(
            "follow_up_every",
            f"'follow_up_every' {shown(every)} is no period (use 30d, 6w, 3m, 1y, month, "
            "quarter or year)",
        )
    met, context = _met(fields)
    return model.Person(
        **common,
        relation=fields.choice("relation", model.RELATIONS),
        company=fields.text("company"),
        met=met,
        met_context=context,
        follow_up_days=days,
        public=fields.flag("public"),
    )


def _met(fields: Fields) -> tuple[Any, str | None]:
    """`met: 2019-05-14`, `met: 2019-05 at QCon London` or `met: {date: ..., context: ...}`."""
    value = fields.meta.get("met")
    if value is None:
        return None, None
    if isinstance(value, dict):
        return fields.date("met", value.get("date")), str(value.get("context") or "") or None
    match = _MET.match(value.strip()) if isinstance(value, str) else None
    if match and parse_date(match[1]) is not None:
        return fields.date("met", match[1]), match[2].strip() or None
    if isinstance(value, str) and not value.strip()[:1].isdigit():
        return None, value.strip()  # how, without a day
    return fields.date("met"), None


def _conversation(fields: Fields, common: dict, facts: BodyFacts) -> model.Conversation:
    common["people"] = tuple(dict.fromkeys([*fields.texts("with"), *common["people"]]))
    if "with" not in fields.meta:
        fields.report("title", "a conversation names who it was with: with: [person]", "warning")
    default_theme = common["tags"][0] if common["tags"] else "general"
    feedback = []
    value = fields.meta.get("feedback")
    items = [value] if isinstance(value, (str, dict)) else value if isinstance(value, list) else []
    if value is not None and not isinstance(value, (str, dict, list)):
        fields.report("feedback", f"'feedback' must be a list, not {describe(value)}")
    for i, item in enumerate(items):
        where = f"feedback.{i}"
        if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
            theme = next(iter(labels_of((str(item.get("theme") or ""),))), default_theme)
            feedback.append(model.Feedback(item["text"].strip(), theme, fields.line(where)))
        elif isinstance(item, str) and item.strip():
            feedback.append(model.Feedback(item.strip(), default_theme, fields.line(where)))
        else:
            fields.report(
                where, f"feedback items are text or {{theme, text}}, not {describe(item)}"
            )
    return model.Conversation(**common, feedback=tuple(feedback))


PEOPLE_BUILDERS = {
    "person": _person,
    "conversation": _conversation,
}
