"""Geometry of the server-rendered SVG trend chart: one panel per rate (click, submit, report), a line per
department over the drills, the company line drawn thicker. No script (CSP); the template draws it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shouhu.drills.selectors import Rates, Trend

PALETTE = ("#2f6f9f", "#c0504d", "#4f8a3c", "#8064a2", "#d08a1e", "#4bacc6", "#7f6a4f", "#d16aa0")
COMPANY_COLOUR = "#222222"
PANEL_WIDTH, PANEL_HEIGHT = 300, 160
LEFT, TOP, GAP = 40, 24, 30


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float
    label: str  # the drill's name, for the tooltip


@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    width: int
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)


@dataclass(frozen=True)
class Panel:
    title: str
    x: int
    lines: list[Line]
    ticks: list[tuple[float, str]]  # (y, "50%")
    columns: list[tuple[float, str]]  # (x, drill date label)


@dataclass(frozen=True)
class Chart:
    panels: list[Panel]
    width: int
    height: int
    legend: list[tuple[str, str, int, int]]  # (name, colour, x, y) drawn inside the SVG
    axis_y: int  # where the drill dates are written


METRICS: tuple[tuple[str, Callable[[Rates], float | None]], ...] = (
    ("click", lambda r: r.click_rate),
    ("submit", lambda r: r.submit_rate),
    ("report", lambda r: r.report_rate),
)


def trend_chart(trend: Trend, *, titles: dict[str, str], company: str, date_label: Callable) -> Chart | None:
    """None with fewer than one drill. ``titles`` names the panels, ``date_label`` formats a drill date."""
    if not trend.drills:
        return None
    n = len(trend.drills)
    step = PANEL_WIDTH / max(n - 1, 1)

    def x_of(i: int) -> float:
        return round(i * step if n > 1 else PANEL_WIDTH / 2, 1)

    def y_of(value: float) -> float:
        return round(TOP + PANEL_HEIGHT - value * PANEL_HEIGHT / 100, 1)

    series: list[tuple[str, str, int, dict[int, Rates]]] = [
        (name or "（未分部門）", PALETTE[i % len(PALETTE)], 2,
         {d.pk: trend.cells[(d.pk, name)] for d in trend.drills if (d.pk, name) in trend.cells})
        for i, name in enumerate(trend.departments)
    ]  # fmt: skip
    series.append((company, COMPANY_COLOUR, 4, trend.company))
    panels = []
    for index, (key, metric) in enumerate(METRICS):
        left = LEFT + index * (PANEL_WIDTH + LEFT + GAP)
        lines = []
        for name, colour, width, rates in series:
            points = []
            for i, d in enumerate(trend.drills):
                value = metric(rates[d.pk]) if d.pk in rates else None
                if value is not None:
                    points.append(Point(left + x_of(i), y_of(value), value, d.title))
            if points:
                lines.append(Line(name, colour, width, points))
        panels.append(
            Panel(
                title=titles[key], x=left, lines=lines,
                ticks=[(y_of(v), f"{v}%") for v in (0, 25, 50, 75, 100)],
                columns=[(left + x_of(i), date_label(d.held_on)) for i, d in enumerate(trend.drills)],
            )
        )  # fmt: skip
    width = LEFT + 3 * (PANEL_WIDTH + LEFT + GAP)
    legend_top = TOP + PANEL_HEIGHT + 50
    per_row = 6
    legend = [
        (name, colour, LEFT + (i % per_row) * 170, legend_top + (i // per_row) * 20)
        for i, (name, colour, _w, _r) in enumerate(series)
    ]
    rows = (len(series) + per_row - 1) // per_row
    return Chart(panels, width, legend_top + rows * 20 + 10, legend, TOP + PANEL_HEIGHT + 18)
