"""The progress chart of a goal as SVG markup, built from plain data: dates and numbers.

Nothing here knows notes or the index; `note_charts.py` turns those into the data below.
Colours come from CSS classes (see `templates/static/style.css`), so charts follow the
page's light and dark palettes and print in black on white. Every number is rounded to
one decimal so the output is byte-identical from one build to the next.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from itertools import pairwise
from typing import NamedTuple

from careerlog.formatting import fmt_month


@dataclass(frozen=True)
class Point:
    day: date
    value: int  # 0..100
    title: str


def coord(value: float) -> str:
    """A coordinate as SVG text: one decimal at most, the same from one build to the next."""
    return f"{value:.1f}".removesuffix(".0")


def _ticks(start: date, end: date, plot_width: float, min_gap: float) -> tuple[list[date], str]:
    """First days of months, quarters, half-years or years between start and end, spaced at least min_gap apart."""
    span_days = max((end - start).days, 1)
    for months, style in (
        (1, "month"),
        (3, "month"),
        (6, "month"),
        (12, "year"),
        (24, "year"),
        (60, "year"),
        (120, "year"),
    ):
        if plot_width * months * 30.4 / span_days < min_gap:
            continue
        ticks = []
        year, month = start.year, 1
        while date(year, month, 1) <= end:
            day = date(year, month, 1)
            if day >= start and ((year * 12 + month - 1) % months == 0):
                ticks.append(day)
            month += 1
            if month > 12:
                year, month = year + 1, 1
        return ticks, style
    return [], "year"


@dataclass(frozen=True)
class Marker:
    """A day named on a chart (started, target, today): a dashed line down the plot with its
    name above the plot, each name on a row of its own so that two close days never overprint
    and no line crosses a name."""

    day: date
    label: str
    classes: str  # e.g. "chart-target"
    line: bool = True  # False: the day lies past the plot, so only its name shows (at the edge)


# The progress chart is as wide as its box, with text at its own size at every width: the
# x positions are percentages of the plot (the SVG's content box, inside its CSS padding) and
# everything vertical is in pixels. A narrow box (a phone) keeps only the ticks that fit there.
PLOT_HEIGHT = 170.0
MARKER_ROW = 16.0
AXIS_BELOW = 30.0
WIDE_PLOT, NARROW_PLOT, TICK_GAP = 560.0, 250.0, 64.0


def _pct(value: float) -> str:
    return f"{coord(round(value, 2))}%"


def _tick_marks(start: date, end: date, share: Callable[[date], float], bottom: float) -> list[str]:
    wide, wide_style = _ticks(start, end, WIDE_PLOT, TICK_GAP)
    narrow, narrow_style = _ticks(start, end, NARROW_PLOT, TICK_GAP)
    out = []
    for day in sorted(set(wide) | set(narrow)):
        both = day in wide and day in narrow
        style = wide_style if day in wide else narrow_style
        where = "" if both else " tick-wide" if day in wide else " tick-narrow"
        label = str(day.year) if style == "year" else fmt_month(day)
        x = _pct(share(day))
        out.append(
            f'<g class="chart-tick-group{where}">'
            f'<line class="chart-tick" x1="{x}" y1="{coord(bottom)}" x2="{x}" y2="{coord(bottom + 5)}"/>'
            f'<text class="chart-axis" x="{x}" y="{coord(bottom + 20)}" '
            f'text-anchor="middle">{label}</text></g>'
        )
    return out


def _marker_lines(
    markers: list[Marker], share: Callable[[date], float], top: float, bottom: float
) -> list[str]:
    """Each marker's name on its own row from `top`, on the side of its line with more room;
    the lines run from below the last row to `bottom`."""
    out = []
    lines_top = top + len(markers) * MARKER_ROW
    for row, marker in enumerate(markers):
        y = top + row * MARKER_ROW + 12
        cls = escape(marker.classes)
        where = share(marker.day) if marker.line else 100.0
        x = _pct(where)
        anchor, dx = ("end", -5) if where > 60 else ("start", 5)
        if marker.line:
            out.append(
                f'<line class="chart-marker {cls}" x1="{x}" y1="{coord(lines_top)}" x2="{x}" '
                f'y2="{coord(bottom)}"/>'
            )
        else:
            dx = 0
        out.append(
            f'<text class="chart-marker-label {cls}" x="{x}" dx="{dx}" y="{coord(y)}" '
            f'text-anchor="{anchor}">{escape(marker.label)}</text>'
        )
    return out


def _polyline(points: list[tuple[str, float]], classes: str) -> list[str]:
    """A line through points given as (x percentage, y pixels): one segment each, since an SVG
    path cannot mix percentages and pixels."""
    return [
        f'<line class="{classes}" x1="{x1}" y1="{coord(y1)}" x2="{x2}" y2="{coord(y2)}"/>'
        for (x1, y1), (x2, y2) in pairwise(points)
    ]


class TargetMove(NamedTuple):
    """A goal's earlier target, and when it moved to the next one."""

    target: date
    to: date
    day: date | None  # None: not yet committed
    title: str


def _target_steps(
    moves: tuple[TargetMove, ...],
    share: Callable[[date], float],
    start: date,
    end: date,
    top: float,
    bottom: float,
) -> list[str]:
    """The target line stepping: each earlier target a faint line, joined to the next target
    by a step a little lower than the one before."""
    out = []
    gap = min(14.0, (bottom - top) / (len(moves) + 1))
    for i, move in enumerate(moves):
        if not (start <= move.target <= end and start <= move.to <= end):
            continue
        x, x_next, y = _pct(share(move.target)), _pct(share(move.to)), top + gap * (i + 1)
        out.append(
            f'<g class="chart-target-step"><title>{escape(move.title)}</title>'
            f'<line class="chart-marker chart-target earlier" x1="{x}" y1="{coord(top)}" x2="{x}" '
            f'y2="{coord(bottom)}"/>'
            f'<line class="chart-step" x1="{x}" y1="{coord(y)}" x2="{x_next}" y2="{coord(y)}"/></g>'
        )
    return out


def progress_chart(
    points: list[Point],
    *,
    start: date,
    end: date,
    markers: list[Marker],
    title: str,
    description: str,
    chart_id: str,
    earlier_targets: tuple[TargetMove, ...] = (),
) -> str:
    """A line chart of progress (0–100 %) over time, as wide as the box it sits in, with
    `markers` (the start, the target, today) as named vertical lines; where the target moved,
    a line steps from each earlier target to the next."""
    if end <= start:
        start, end = start - timedelta(days=45), end + timedelta(days=45)
    span_days = (end - start).days
    top = 6 + len(markers) * MARKER_ROW + 8  # room above 100% for a point's circle
    plot_bottom = top + PLOT_HEIGHT
    height = plot_bottom + AXIS_BELOW

    def share(day: date) -> float:
        return 100 * (day - start).days / span_days

    def y_of(value: float) -> float:
        return top + PLOT_HEIGHT * (1 - value / 100)

    out: list[str] = []
    for value in (0, 25, 50, 75, 100):
        y = y_of(value)
        grid = "chart-baseline" if value == 0 else "chart-grid"
        out.append(f'<line class="{grid}" x1="0" y1="{coord(y)}" x2="100%" y2="{coord(y)}"/>')
        out.append(
            f'<text class="chart-axis" x="-8" y="{coord(y + 4.5)}" text-anchor="end">{value}%</text>'
        )
    out += _tick_marks(start, end, share, plot_bottom)
    out += _target_steps(earlier_targets, share, start, end, top, plot_bottom)
    out += _marker_lines(markers, share, 6, plot_bottom)
    ordered = sorted(points, key=lambda p: p.day)
    out += _polyline([(_pct(share(p.day)), y_of(p.value)) for p in ordered], "chart-line")
    for p in ordered:
        out.append(
            f'<circle class="chart-point" cx="{_pct(share(p.day))}" cy="{coord(y_of(p.value))}" r="4.5">'
            f"<title>{escape(p.title)}</title></circle>"
        )
    return (
        f'<svg class="chart progress-chart" id="{escape(chart_id)}" width="100%" '
        f'height="{coord(height)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>' + "".join(out) + "</svg>"
    )
