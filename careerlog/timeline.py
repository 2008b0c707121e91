"""The career timeline as SVG markup, built from plain data: lanes, spans, marks, today.

Nothing here knows notes or the index; `note_charts.py` turns those into the data below.
Colours come from CSS classes (see `templates/static/style.css`), as in `charts.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from itertools import accumulate

from careerlog.charts import coord as _n


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


FONT = 12.0  # the labels' size, as style.css sets it
LABEL_PAD = 6.0  # between a label and the edge of its bar
TODAY_CLEAR = 4.0  # between a label and the today line


# Advance widths (in em) of DejaVu Sans, the widest of the usual sans-serif fonts, by group;
# any other character (✓, →, accented or non-Latin letters) counts as a full em.
_EM_WIDTHS = {
    0.32: " ijl|!.,:;'\"",
    0.39: "ftrI()[]-J",
    0.53: "sz*",
    0.56: "cL",
    0.60: "kvxyE?F",
    0.62: "aeTYZSPB#$",
    0.64: "bdghnopqu0123456789_",
    0.69: "ABKRVX",
    0.76: "CHNU&",
    0.79: "DGOQ",
    0.82: "w",
    0.87: "M",
    0.98: "mW%",
}
_CHAR_EM = {char: em for em, chars in _EM_WIDTHS.items() for char in chars}


def _text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of the width of `text` (a few per cent over DejaVu Sans's)."""
    return 1.03 * size * sum(_CHAR_EM.get(char, 1.0) for char in text)


def _shorten(text: str, width: float) -> str:
    """`text` cut with an ellipsis to fit `width`; "" when not even a few letters fit."""
    if _text_width(text) <= width:
        return text
    room = width - _text_width("…")
    # the whole text is wider than `width`, so some prefix runs out of room
    end = next(i for i, used in enumerate(accumulate(map(_text_width, text))) if used > room)
    short = text[:end].rstrip()
    return short + "…" if len(short) >= 3 else ""


def _clear_of(lo: float, hi: float, line: float) -> list[tuple[float, float]]:
    """The room from lo to hi on either side of a vertical line, keeping TODAY_CLEAR from it."""
    if hi <= line - TODAY_CLEAR or lo >= line + TODAY_CLEAR:
        return [(lo, hi)]
    return [(lo, line - TODAY_CLEAR), (line + TODAY_CLEAR, hi)]


@dataclass(frozen=True)
class _Placed:
    x: float  # where the text starts, or ends when `at_end`
    text: str
    inside: bool  # on its bar; else beside it
    at_end: bool = False  # set before its bar, so drawn from its end (text-anchor: end)
    room_end: float | None = None  # on its bar: how far right it may slide while scrolled

    @property
    def span(self) -> tuple[float, float]:
        width = _text_width(self.text)
        return (self.x - width, self.x) if self.at_end else (self.x, self.x + width)


def place_label(
    text: str, bar: tuple[float, float], bar_end: float, today: float, edges: tuple[float, float]
) -> _Placed | None:
    """Where a span's label goes: inside its bar if it fits whole, else just after the bar,
    else just before it, else cut short into the widest of those rooms; never across the
    today line nor past the picture's edges. None when not even a word fits."""
    (x0, x1), (left, right) = bar, edges
    rooms = [  # (room, inside, set against its end)
        *((r, True, False) for r in _clear_of(x0 + LABEL_PAD, x1 - LABEL_PAD, today)),
        *((r, False, False) for r in _clear_of(bar_end + LABEL_PAD, right, today)),
        *((r, False, True) for r in reversed(_clear_of(left, x0 - LABEL_PAD, today))),
    ]
    width = _text_width(text)
    fits = [room for room in rooms if room[0][1] - room[0][0] >= width]
    if fits:
        (lo, hi), inside, at_end = fits[0]
        return _Placed(hi if at_end else lo, text, inside, at_end, hi if inside else None)
    # cut short: on the bar if it has room for a few words, else where there is most room
    on_bar = [room for room in rooms if room[1] and room[0][1] - room[0][0] >= 10 * FONT]
    (lo, hi), inside, at_end = max(on_bar or rooms, key=lambda room: room[0][1] - room[0][0])
    short = _shorten(text, hi - lo)
    if not short:
        return None
    return _Placed(hi if at_end else lo, short, inside, at_end, hi if inside else None)


def _year_fraction(day: date) -> float:
    start = date(day.year, 1, 1)
    days = (date(day.year + 1, 1, 1) - start).days
    return (day - start).days / days


def _shape(shape: str, x: float, y: float, classes: str) -> str:
    cls = f' class="{escape(classes)}"'
    if shape == "diamond":
        return (
            f'<path{cls} d="M{_n(x)} {_n(y - 7)}L{_n(x + 7)} {_n(y)}L{_n(x)} {_n(y + 7)}'
            f'L{_n(x - 7)} {_n(y)}Z"/>'
        )
    if shape == "square":
        return f'<rect{cls} x="{_n(x - 5.5)}" y="{_n(y - 5.5)}" width="11" height="11" rx="1.5"/>'
    if shape == "triangle":
        return (
            f'<path{cls} d="M{_n(x)} {_n(y - 7)}L{_n(x + 7)} {_n(y + 5.5)}'
            f'L{_n(x - 7)} {_n(y + 5.5)}Z"/>'
        )
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
    axis = _Axis(first_year, last_year, compact)
    marks = [m for m in marks if m.day <= axis.until]

    body: list[str] = []
    lane_tops: list[tuple[str, float]] = []
    y = AXIS_HEIGHT + 6
    used = [
        lane
        for lane in lanes
        if any(s.lane == lane.key for s in spans) or any(m.lane == lane.key for m in marks)
    ]
    for lane in used:
        lane_tops.append((lane.label, y))
        body.append(
            f'<text class="tl-lane-label" x="{_n(axis.left + 2)}" y="{_n(y + 12)}">'
            f"{escape(lane.label)}</text>"
        )
        y += LANE_LABEL
        lane_spans = sorted(
            (s for s in spans if s.lane == lane.key),
            key=lambda s: (s.start, s.end, s.title, s.href),
        )
        lane_marks = sorted(
            (m for m in marks if m.lane == lane.key), key=lambda m: (m.day, m.title, m.href)
        )
        if lane_spans:
            y = _draw_spans(body, lane_spans, axis, y, today)
        if lane_marks:
            y = _draw_marks(body, lane_marks, axis, y)
        y += 10.0 if compact else 14.0
    height = y + 18
    grid = _grid(axis, height, today)

    # The lane names again, in HTML that stays at the left edge while the picture scrolls
    # (an SVG text cannot be sticky); the picture is drawn at 1:1 so the tops line up.
    lanes_html = "".join(
        f'<span style="top:{_n(top)}px">{escape(label)}</span>' for label, top in lane_tops
    )
    return (
        f'<div class="tl-lanes" aria-hidden="true">{lanes_html}</div>'
        f'<svg class="chart timeline{" compact" if compact else ""}" id="{escape(chart_id)}" '
        f'viewBox="0 0 {_n(axis.width)} {_n(height)}" width="{_n(axis.width)}" '
        f'height="{_n(height)}" data-today="{axis.x(today) / axis.width:.4f}" '
        f'aria-labelledby="{escape(chart_id)}-title" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        + "".join(grid)
        + "".join(body)
        + "</svg>"
    )


AXIS_HEIGHT = 26.0
LANE_LABEL = 18.0
MARK_ROW = 17.0
# The page column inside the chart box on a wide screen (70rem - 2 x 2rem - borders): fewer
# years than fill it are drawn wider, so the picture is never narrower than its box.
MIN_WIDTH = 1054.0


class _Axis:
    """Years from first_year to last_year, left to right: where a day is drawn."""

    def __init__(self, first_year: int, last_year: int, compact: bool):
        self.first_year, self.years = first_year, last_year - first_year + 1
        self.until = date(last_year, 12, 31)
        self.compact = compact
        self.per_year = max(64.0 if compact else 92.0, (MIN_WIDTH - 24) / self.years)
        self.left = 12.0
        self.right = self.left + self.years * self.per_year
        self.width = self.right + 12.0

    def x(self, day: date) -> float:
        return self.left + ((day.year - self.first_year) + _year_fraction(day)) * self.per_year


def _draw_spans(body: list[str], spans: list[Span], axis: _Axis, y: float, today: date) -> float:
    """Spans packed into rows from `y`, each with its label; the `y` below the last row."""
    span_row, bar = (22.0, 16.0) if axis.compact else (26.0, 18.0)
    today_x = axis.x(today)
    placed = []
    for span in spans:
        clipped = span.end > axis.until
        x0 = axis.x(min(span.start, axis.until))
        x1 = max(axis.x(min(span.end, axis.until)), x0 + 6)
        xo = axis.x(min(span.overdue_until, axis.until)) if span.overdue_until else x1
        bar_end = max(x1, xo) + (2 if clipped else 0)
        text = span.label + (f" → {span.end.year}" if clipped else "")
        label = place_label(text, (x0, x1), bar_end, today_x, (axis.left + 2, axis.right - 2))
        lo, hi = x0, bar_end
        if label:
            lo, hi = min(lo, label.span[0]), max(hi, label.span[1])
        placed.append((span, x0, x1, xo, clipped, label, lo, hi))
    rows = _pack([(p[6], p[7]) for p in placed], gap=LABEL_PAD)
    for (span, x0, x1, xo, clipped, label, _lo, _hi), row in zip(placed, rows):
        top = y + row * span_row
        cls = escape(span.classes)
        parts = [f"<title>{escape(span.title)}</title>"]
        parts.append(
            f'<rect class="tl-span {cls}" x="{_n(x0)}" y="{_n(top)}" '
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
                f'<path class="tl-arrow {cls}" d="M{_n(tip - 7)} {_n(mid - 6)}L{_n(tip)} '
                f'{_n(mid)}L{_n(tip - 7)} {_n(mid + 6)}"/>'
            )
        if span.progress:
            # under the bar, so that no letter of the label sits on it
            parts.append(
                f'<rect class="tl-progress" x="{_n(x0)}" y="{_n(top + bar + 1)}" '
                f'width="{_n((x1 - x0) * min(span.progress, 100) / 100)}" height="3"/>'
            )
        if label:
            where = "inside" if label.inside else "beside"
            # the bar and the label's room are for the page's script, which keeps labels
            # whole while the picture scrolls on a narrow screen
            extra = ' text-anchor="end"' if label.at_end else ""
            extra += f' data-bar="{_n(x0)} {_n(x1)}"'
            if label.room_end is not None:
                extra += f' data-room-end="{_n(label.room_end)}"'
            parts.append(
                f'<text class="tl-label {where} {cls}" x="{_n(label.x)}" '
                f'y="{_n(top + bar / 2 + FONT * 0.36)}"{extra}>{escape(label.text)}</text>'
            )
        body.append(f'<a class="tl-link" href="{escape(span.href)}">{"".join(parts)}</a>')
    return y + (max(rows) + 1) * span_row


def _draw_marks(body: list[str], marks: list[Mark], axis: _Axis, y: float) -> float:
    """Marks on their days, stacked where they would touch; the `y` below them."""
    xs = [axis.x(m.day) for m in marks]
    rows = _pack([(x - 7, x + 7) for x in xs], gap=1, max_rows=2 if axis.compact else 4)
    for mark, x, row in zip(marks, xs, rows):
        cy = y + 8 + row * MARK_ROW
        body.append(
            f'<a class="tl-link" href="{escape(mark.href)}"><title>{escape(mark.title)}</title>'
            f"{_shape(mark.shape, x, cy, 'tl-mark ' + mark.classes)}</a>"
        )
    return y + (max(rows) + 1) * MARK_ROW


def _grid(axis: _Axis, height: float, today: date) -> list[str]:
    """Year bands, year lines and names, and the today line with its name at the foot."""
    grid: list[str] = []
    for i in range(axis.years):
        x = axis.left + i * axis.per_year
        if (axis.first_year + i) % 2 == 0:
            grid.append(
                f'<rect class="tl-band" x="{_n(x)}" y="0" width="{_n(axis.per_year)}" '
                f'height="{_n(height)}"/>'
            )
    for i in range(axis.years + 1):
        x = axis.left + i * axis.per_year
        grid.append(f'<line class="tl-grid" x1="{_n(x)}" y1="0" x2="{_n(x)}" y2="{_n(height)}"/>')
    for i in range(axis.years):
        x = axis.left + (i + 0.5) * axis.per_year
        grid.append(
            f'<text class="tl-year" x="{_n(x)}" y="17" text-anchor="middle">'
            f"{axis.first_year + i}</text>"
        )
    tx = axis.x(today)
    grid.append(
        f'<line class="tl-today" x1="{_n(tx)}" y1="{_n(AXIS_HEIGHT - 2)}" x2="{_n(tx)}" '
        f'y2="{_n(height - 16)}"/>'
    )
    anchor = "end" if tx > axis.right - 30 else "start" if tx < axis.left + 30 else "middle"
    grid.append(
        f'<text class="tl-today-label" x="{_n(tx)}" y="{_n(height - 4)}" '
        f'text-anchor="{anchor}">today</text>'
    )
    return grid
