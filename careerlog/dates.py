"""Dates as people and their tools write them: ISO days, periods, times with zones (Jekyll,
Hugo), TOML dates, and the day at the start of a Jekyll file name."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import Any

from careerlog import model

# a time after the date, with an offset or zone (as Jekyll and Hugo write it), is ignored
_DATE = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*(?:Z|UTC|[+-]\d{2}(?::?\d{2})?))?)?)?)?$",
    re.IGNORECASE,
)
# Jekyll's post names: `2025-11-01-title.md`
_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")


def parse_date(value: Any, *, end_of_period: bool = False) -> date | None:
    """`YYYY-MM-DD`, `YYYY-MM` or `YYYY`; a period means its first day, or its last with `end_of_period`."""
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime):  # TOML front matter gives dates as dates
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.match(str(value).strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 12, 31) if end_of_period else date(year, 1, 1)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, last if end_of_period else 1)
        return date(year, month, day)
    except ValueError:
        return None


def written_year(value: Any) -> int | None:
    """The year of a date as written (`0000-01-01` → 0), even where no date has that year."""
    if isinstance(value, date):
        return value.year
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    match = _DATE.match(str(value).strip())
    return int(match[1]) if match else None


def date_in_name(name: str) -> tuple[date | None, str]:
    """The day a file name starts with, and the name without it: `2025-11-01-first-week` →
    (2025-11-01, `first-week`); a name without a valid day is returned whole."""
    match = _NAME_DATE.match(name)
    day = parse_date(match[1]) if match else None
    return (day, match[2]) if day else (None, name)


def period_problem(period: str) -> str | None:
    """Why a period of the right shape (`2026-W53`) names no period careerlog takes, or None."""
    year = int(period[:4])
    if problem := model.year_problem(year):
        return problem
    if "-W" in period and int(period[6:]) > date(year, 12, 28).isocalendar().week:
        return f"{year} has {date(year, 12, 28).isocalendar().week} ISO weeks"
    return None
