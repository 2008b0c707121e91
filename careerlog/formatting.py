"""How dates, durations, counts, kinds and horizons read on the site, for pages and templates."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from careerlog import progress
from careerlog.model import NOTE_KIND

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
KIND_NAMES = {
    "goal": ("Goal", "Goals"),
    "review": ("Review", "Reviews"),
    "reflection": ("Reflection", "Reflections"),
    "interview": ("Interview", "Interviews"),
    "achievement": ("Achievement", "Achievements"),
    "learning": ("Learning", "Learning"),
    "role": ("Role", "Roles"),
    "assessment": ("Assessment", "Assessments"),
    "option": ("Option", "Options"),
    "person": ("Person", "People"),
    "conversation": ("Conversation", "Conversations"),
    "decision": ("Decision", "Decisions"),
    NOTE_KIND: ("Note", "Notes"),
}
HORIZON_NAMES = {
    "short": "Short term (up to 2 years)",
    "intermediate": "Intermediate (3 to 20 years)",
    "long": "Long term (over 20 years)",
    None: "No horizon",
}


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, (kind.title(), kind.title()))[0]


def kind_plural(kind: str) -> str:
    return KIND_NAMES.get(kind, (kind.title(), kind.title()))[1]


def horizon_name(horizon: str | None) -> str:
    return HORIZON_NAMES.get(horizon, str(horizon))


def fmt_date(day: date | None) -> str:
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def fmt_month(day: date | None) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}" if day else ""


def time_tag(day: date | None, style: str = "day") -> Markup:
    """A `<time>` element with the ISO date for machines and a readable one for people."""
    if day is None:
        return Markup("")
    text = (
        fmt_month(day) if style == "month" else str(day.year) if style == "year" else fmt_date(day)
    )
    return Markup(
        f'<time datetime="{day.isoformat()}">{text}</time>'
    )  # digits and month names only


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def relative_days(day: date, today: date) -> str:
    """`in 40 days`, `3 months ago`, `in 18 years`: days up to two months, then months, then years."""
    days = (day - today).days
    if days == 0:
        return "today"
    if abs(days) == 1:
        return "tomorrow" if days > 0 else "yesterday"
    span = abs(days)
    if span <= 60:
        amount = plural(span, "day")
    elif span < 730:
        amount = plural(round(span / 30.44), "month")
    else:
        amount = plural(round(span / 365.25), "year")
    return f"in {amount}" if days > 0 else f"{amount} ago"


def duration(start: date, end: date) -> str:
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    months = max(months, 0)
    years, months = divmod(months, 12)
    parts = ([plural(years, "year")] if years else []) + (
        [plural(months, "month")] if months else []
    )
    return " ".join(parts) or "less than a month"


def period_label(day: date, every: str) -> str:
    """The period a cadence date starts, written the way reviews name it: 2026, 2026-Q3, 2026-11, 2026-W47."""
    return progress.period_label(progress.period_key(day, every), every)
