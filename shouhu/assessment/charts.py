"""Geometry of the server-side SVG bar chart (section scores, this assessment against the previous one)."""

from __future__ import annotations

from dataclasses import dataclass

from shouhu.assessment.scoring import Part

LABEL_WIDTH = 230
BAR_WIDTH = 360
ROW_HEIGHT = 30


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    current: float | None
    previous: float | None
    current_width: float
    previous_width: float
    text_y: int


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    bar_width: int
    has_previous: bool


def fit_label(text: str, width: int = LABEL_WIDTH - 10) -> str:
    """The label cut to the chart's label column at 12px: a CJK character is about 12px wide, a Latin one
    about 7px (English section names are longer in characters than the Chinese ones); cut labels end in …."""
    used = 0
    for index, char in enumerate(text):
        used += 12 if ord(char) >= 0x2E80 else 7
        if used > width:
            return text[:index].rstrip() + "…"
    return text


def section_chart(current: list[Part], previous: dict[str, Part] | None) -> Chart:
    bars = []
    for index, part in enumerate(current):
        before = previous.get(part.key) if previous else None
        now = part.all.percent
        then = before.all.percent if before else None
        y = 10 + index * ROW_HEIGHT
        bars.append(
            Bar(
                label=fit_label(part.label),
                y=y,
                current=now,
                previous=then,
                current_width=round((now or 0) * BAR_WIDTH / 100, 1),
                previous_width=round((then or 0) * BAR_WIDTH / 100, 1),
                text_y=y + 14,
            )
        )
    return Chart(
        bars=bars,
        width=LABEL_WIDTH + BAR_WIDTH + 70,
        height=20 + len(bars) * ROW_HEIGHT,
        label_width=LABEL_WIDTH,
        bar_width=BAR_WIDTH,
        has_previous=previous is not None,
    )
