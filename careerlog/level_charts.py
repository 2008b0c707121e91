"""A skill's assessed level over time as a small SVG line: one dot per assessment, levels 1 to 5."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

from careerlog.formatting import fmt_date
from careerlog.skill_gap import LevelPoint

WIDTH, HEIGHT, PAD = 160, 44, 5


def level_sparkline(skill: str, points: tuple[LevelPoint, ...], days: list[date]) -> Markup:
    """Levels 1..5 bottom to top, one column per assessment in `days` (evenly spaced: they are
    years apart, unevenly, and the order matters more than the gaps), each dot titled with its
    date and level. A skill an assessment did not rate has no dot in its column."""
    if not points:
        return Markup("")
    step = (WIDTH - 2 * PAD) / max(1, len(days) - 1)

    def xy(column: int, level: int) -> tuple[float, float]:
        x = PAD + column * step if len(days) > 1 else WIDTH / 2
        return round(x, 1), round(HEIGHT - PAD - (level - 1) * (HEIGHT - 2 * PAD) / 4, 1)

    coords = [xy(days.index(p.day) if p.day in days else 0, p.level) for p in points]
    path = " ".join(f"{'M' if i == 0 else 'L'}{x},{y}" for i, (x, y) in enumerate(coords))
    label = f"{skill}: " + ", ".join(f"level {p.level} on {fmt_date(p.day)}" for p in points)
    dots = "".join(
        f'<circle cx="{x}" cy="{y}" r="3"><title>{escape(fmt_date(p.day))}: level {p.level}'
        "</title></circle>"
        for (x, y), p in zip(coords, points)
    )
    grid = "".join(
        f'<line class="grid" x1="0" x2="{WIDTH}" y1="{y}" y2="{y}"/>'
        for y in (xy(0, level)[1] for level in (1, 3, 5))
    )
    return Markup(
        f'<svg class="level-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{escape(label)}">{grid}'
        f'<path d="{path}"/>{dots}</svg>'
    )
