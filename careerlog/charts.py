"""SVG charts as markup strings, built from plain data: dates, numbers, labels and URLs.

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
class Lane:
    key: str
    label: str


@dataclass(frozen=True)
class Span:
    """A period drawn as a bar: a role held, a goal pursued."""

    lane: str
    start: date
    end: date
    label: str  # the text drawn on the bar
    title: str  # the accessible name of the link
    href: str
    classes: str  # CSS classes, e.g. "goal achieved"
    progress: int | None = None  # drawn as a thin bar along the bottom
    overdue_until: date | None = None  # past its end and still open: drawn from end to this day


@dataclass(frozen=True)
class Mark:
    """A dated event drawn as a small shape."""

    lane: str
    day: date
    title: str
    href: str
    classes: str
    shape: str = "circle"  # circle, diamond, square, triangle


@dataclass(frozen=True)
class Point:
    day: date
    value: int  # 0..100
    title: str


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _text_width(text: str, size: float) -> float:
    """A generous estimate of the width of `text` in a proportional sans-serif font."""
    return len(text) * size * 0.56


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _year_fraction(day: date) -> float:
    start = date(day.year, 1, 1)
    days = (date(day.year + 1, 1, 1) - start).days
    return (day - start).days / days


def _shape(shape: str, x: float, y: float, classes: str) -> str:
    cls = f' class="{escape(classes)}"'
    if shape == "diamond":
        return f'<path{cls} d="M{_n(x)} {_n(y - 7)}L{_n(x + 7)} {_n(y)}L{_n(x)} {_n(y + 7)}L{_n(x - 7)} {_n(y)}Z"/>'
    if shape == "square":
        return f'<rect{cls} x="{_n(x - 5.5)}" y="{_n(y - 5.5)}" width="11" height="11" rx="1.5"/>'
    if shape == "triangle":
        return f'<path{cls} d="M{_n(x)} {_n(y - 7)}L{_n(x + 7)} {_n(y + 5.5)}L{_n(x - 7)} {_n(y + 5.5)}Z"/>'
    return f'<circle{cls} cx="{_n(x)}" cy="{_n(y)}" r="6"/>'


def _pack(
    intervals: list[tuple[float, float]], gap: float, max_rows: int | None = None
) -> list[int]:
    """Greedy row assignment: each interval goes in the first row where it fits after `gap`."""
    row_ends: list[float] = []
    rows = []
    for lo, hi in intervals:
        for row, end in enumerate(row_ends):
            if end + gap <= lo:
                row_ends[row] = hi
                rows.append(row)
                break
        else:
            if max_rows is not None and len(row_ends) >= max_rows:
                row = min(range(len(row_ends)), key=lambda r: (row_ends[r], r))
                row_ends[row] = max(row_ends[row], hi)
                rows.append(row)
            else:
                row_ends.append(hi)
                rows.append(len(row_ends) - 1)
    return rows


def timeline_svg(
    lanes: list[Lane],
    spans: list[Span],
    marks: list[Mark],
    today: date,
    *,
    title: str,
    chart_id: str,
    compact: bool = False,
    last_year: int | None = None,
) -> str:
    """A career timeline: a year axis, spans packed into rows, marks on their own lanes;
    HTML: the lane names that stay in view, then the SVG.

    The picture is as wide as its years need (at least `per_year` units each) and is meant
    to sit in a box that scrolls sideways, so it stays readable from 1 to 30+ years.
    With `last_year`, the axis stops at the end of that year: a span running past it (a
    long-term goal's target decades away) ends in an arrow with its end year, and later
    marks are left out, so far-off targets do not stretch the picture of the past.
    """
    days = [s.start for s in spans] + [s.end for s in spans] + [m.day for m in marks]
    days += [s.overdue_until for s in spans if s.overdue_until]
    days.append(today)
    first_year = min(days).year
    if last_year is None or last_year < today.year:
        last_year = max(days).year
    else:
        last_year = min(max(days).year, last_year)
    until = date(last_year, 12, 31)
    marks = [m for m in marks if m.day <= until]
    years = last_year - first_year + 1
    min_width = (
        1054  # the page column inside the chart box on a wide screen (70rem - 2 x 2rem - borders)
    )
    per_year = max(64.0 if compact else 92.0, (min_width - 24) / years)
    left, right_pad = 12.0, 12.0
    width = left + years * per_year + right_pad
    right = width - right_pad

    def x_of(day: date) -> float:
        return left + ((day.year - first_year) + _year_fraction(day)) * per_year

    font = 12.0
    span_row, bar = (22.0, 16.0) if compact else (26.0, 18.0)
    mark_row = 17.0
    axis = 26.0
    lane_label = 18.0
    lane_gap = 10.0 if compact else 14.0

    body: list[str] = []
    lane_tops: list[tuple[str, float]] = []
    y = axis + 6
    used = [
        lane
        for lane in lanes
        if any(s.lane == lane.key for s in spans) or any(m.lane == lane.key for m in marks)
    ]
    for lane in used:
        lane_tops.append((lane.label, y))
        body.append(
            f'<text class="tl-lane-label" x="{_n(left + 2)}" y="{_n(y + 12)}">{escape(lane.label)}</text>'
        )
        y += lane_label
        lane_spans = sorted(
            (s for s in spans if s.lane == lane.key),
            key=lambda s: (s.start, s.end, s.title, s.href),
        )
        lane_marks = sorted(
            (m for m in marks if m.lane == lane.key), key=lambda m: (m.day, m.title, m.href)
        )
        if lane_spans:
            placed = []
            for span in lane_spans:
                clipped = span.end > until
                x0 = x_of(min(span.start, until))
                x1 = max(x_of(min(span.end, until)), x0 + 6)
                xo = x_of(min(span.overdue_until, until)) if span.overdue_until else x1
                label = _shorten(span.label, 44) + (f" → {span.end.year}" if clipped else "")
                label_w = _text_width(label, font)
                tx = max(left + 2, min(x0 + 6, right - label_w - 2))
                lo = min(x0, tx - 6)
                hi = max(x1, xo, tx + label_w + 4)
                placed.append((span, x0, x1, xo, tx, label, lo, hi, clipped))
            rows = _pack([(p[6], p[7]) for p in placed], gap=6)
            for (span, x0, x1, xo, tx, label, _lo, _hi, clipped), row in zip(placed, rows):
                top = y + row * span_row
                parts = [f"<title>{escape(span.title)}</title>"]
                parts.append(
                    f'<rect class="tl-span {escape(span.classes)}" x="{_n(x0)}" y="{_n(top)}" '
                    f'width="{_n(x1 - x0)}" height="{_n(bar)}" rx="4"/>'
                )
                if span.overdue_until and xo > x1:
                    parts.append(
                        f'<rect class="tl-overdue" x="{_n(x1)}" y="{_n(top)}" width="{_n(xo - x1)}" '
                        f'height="{_n(bar)}" rx="2"/>'
                    )
                if clipped:
                    tip, mid = x1 + 2, top + bar / 2
                    parts.append(
                        f'<path class="tl-arrow {escape(span.classes)}" d="M{_n(tip - 7)} {_n(mid - 6)}L{_n(tip)} {_n(mid)}'
                        f'L{_n(tip - 7)} {_n(mid + 6)}"/>'
                    )
                if span.progress:
                    parts.append(
                        f'<rect class="tl-progress" x="{_n(x0)}" y="{_n(top + bar - 3)}" '
                        f'width="{_n((x1 - x0) * min(span.progress, 100) / 100)}" height="3"/>'
                    )
                parts.append(
                    f'<text class="tl-label {escape(span.classes)}" x="{_n(tx)}" y="{_n(top + bar / 2 + font * 0.36)}">'
                    f"{escape(label)}</text>"
                )
                body.append(f'<a class="tl-link" href="{escape(span.href)}">{"".join(parts)}</a>')
            y += (max(rows) + 1) * span_row
        if lane_marks:
            xs = [x_of(m.day) for m in lane_marks]
            rows = _pack([(x - 7, x + 7) for x in xs], gap=1, max_rows=2 if compact else 4)
            for mark, x, row in zip(lane_marks, xs, rows):
                cy = y + 8 + row * mark_row
                body.append(
                    f'<a class="tl-link" href="{escape(mark.href)}"><title>{escape(mark.title)}</title>'
                    f"{_shape(mark.shape, x, cy, 'tl-mark ' + mark.classes)}</a>"
                )
            y += (max(rows) + 1) * mark_row
        y += lane_gap
    height = y + 18

    grid: list[str] = []
    for i in range(years):
        x = left + i * per_year
        if (first_year + i) % 2 == 0:
            grid.append(
                f'<rect class="tl-band" x="{_n(x)}" y="0" width="{_n(per_year)}" height="{_n(height)}"/>'
            )
    for i in range(years + 1):
        x = left + i * per_year
        grid.append(f'<line class="tl-grid" x1="{_n(x)}" y1="0" x2="{_n(x)}" y2="{_n(height)}"/>')
    for i in range(years):
        x = left + (i + 0.5) * per_year
        grid.append(
            f'<text class="tl-year" x="{_n(x)}" y="17" text-anchor="middle">{first_year + i}</text>'
        )
    tx = x_of(today)
    grid.append(
        f'<line class="tl-today" x1="{_n(tx)}" y1="{_n(axis - 2)}" x2="{_n(tx)}" y2="{_n(height - 16)}"/>'
    )
    anchor = "end" if tx > right - 30 else "start" if tx < left + 30 else "middle"
    grid.append(
        f'<text class="tl-today-label" x="{_n(tx)}" y="{_n(height - 4)}" text-anchor="{anchor}">today</text>'
    )

    # The lane names again, in HTML that stays at the left edge while the picture scrolls
    # (an SVG text cannot be sticky); the picture is drawn at 1:1 so the tops line up.
    lanes_html = "".join(
        f'<span style="top:{_n(top)}px">{escape(label)}</span>' for label, top in lane_tops
    )
    return (
        f'<div class="tl-lanes" aria-hidden="true">{lanes_html}</div>'
        f'<svg class="chart timeline{" compact" if compact else ""}" id="{escape(chart_id)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'data-today="{x_of(today) / width:.4f}" aria-labelledby="{escape(chart_id)}-title" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        + "".join(grid)
        + "".join(body)
        + "</svg>"
    )


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
    """A day named on a chart (started, target, today): a dashed line across the plot with its
    name above, each name on a row of its own so that two close days never overprint."""

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
WIDE_PLOT, NARROW_PLOT, TICK_GAP = 560.0, 250.0, 76.0


def _pct(value: float) -> str:
    return f"{_n(round(value, 2))}%"


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
            f'<line class="chart-tick" x1="{x}" y1="{_n(bottom)}" x2="{x}" y2="{_n(bottom + 5)}"/>'
            f'<text class="chart-axis" x="{x}" y="{_n(bottom + 20)}" '
            f'text-anchor="middle">{label}</text></g>'
        )
    return out


def _marker_lines(
    markers: list[Marker], share: Callable[[date], float], top: float, bottom: float
) -> list[str]:
    """Each marker's name on its own row from `top`, on the side of its line with more room."""
    out = []
    for row, marker in enumerate(markers):
        y = top + row * MARKER_ROW + 12
        cls = escape(marker.classes)
        where = share(marker.day) if marker.line else 100.0
        x = _pct(where)
        anchor, dx = ("end", -5) if where > 60 else ("start", 5)
        if marker.line:
            out.append(
                f'<line class="chart-marker {cls}" x1="{x}" y1="{_n(y - 11)}" x2="{x}" '
                f'y2="{_n(bottom)}"/>'
            )
        else:
            dx = 0
        out.append(
            f'<text class="chart-marker-label {cls}" x="{x}" dx="{dx}" y="{_n(y)}" '
            f'text-anchor="{anchor}">{escape(marker.label)}</text>'
        )
    return out


def _polyline(points: list[tuple[str, float]], classes: str) -> list[str]:
    """A line through points given as (x percentage, y pixels): one segment each, since an SVG
    path cannot mix percentages and pixels."""
    return [
        f'<line class="{classes}" x1="{x1}" y1="{_n(y1)}" x2="{x2}" y2="{_n(y2)}"/>'
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
            f'<line class="chart-marker chart-target earlier" x1="{x}" y1="{_n(top)}" x2="{x}" '
            f'y2="{_n(bottom)}"/>'
            f'<line class="chart-step" x1="{x}" y1="{_n(y)}" x2="{x_next}" y2="{_n(y)}"/></g>'
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
    top = 6 + len(markers) * MARKER_ROW
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
        out.append(f'<line class="{grid}" x1="0" y1="{_n(y)}" x2="100%" y2="{_n(y)}"/>')
        out.append(
            f'<text class="chart-axis" x="-8" y="{_n(y + 4.5)}" text-anchor="end">{value}%</text>'
        )
    out += _tick_marks(start, end, share, plot_bottom)
    out += _target_steps(earlier_targets, share, start, end, top, plot_bottom)
    out += _marker_lines(markers, share, 6, plot_bottom)
    ordered = sorted(points, key=lambda p: p.day)
    out += _polyline([(_pct(share(p.day)), y_of(p.value)) for p in ordered], "chart-line")
    for p in ordered:
        out.append(
            f'<circle class="chart-point" cx="{_pct(share(p.day))}" cy="{_n(y_of(p.value))}" r="4.5">'
            f"<title>{escape(p.title)}</title></circle>"
        )
    return (
        f'<svg class="chart progress-chart" id="{escape(chart_id)}" width="100%" '
        f'height="{_n(height)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>' + "".join(out) + "</svg>"
    )
