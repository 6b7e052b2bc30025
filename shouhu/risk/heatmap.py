"""Heat map of risks on the likelihood × impact matrix, drawn as SVG (presentation attributes only)."""

from __future__ import annotations

from collections import Counter
from xml.sax.saxutils import escape

from django.utils.translation import gettext

from shouhu.risk.models import Level, RiskMatrix
from shouhu.risk.scoring import level

COLOURS = {Level.LOW: "#cfe8cf", Level.MEDIUM: "#fbe3a6", Level.HIGH: "#f4b0a8"}
CELL, LEFT, TOP = 44, 56, 40


def heatmap_svg(counts: Counter[tuple[int, int]], matrix: RiskMatrix, title: str) -> str:
    lv, iv = matrix.likelihood_levels, matrix.impact_levels
    impact, likelihood = escape(gettext("衝擊")), escape(gettext("可能性"))
    w, h = LEFT + iv * CELL + 10, TOP + lv * CELL + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        f'aria-label="{escape(title)}" class="heatmap"><title>{escape(title)}</title>',
        f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold" font-family="sans-serif">{escape(title)}</text>',
    ]
    for li in range(lv, 0, -1):
        y = TOP + (lv - li) * CELL
        out.append(
            f'<text x="{LEFT - 8}" y="{y + CELL // 2 + 4}" text-anchor="end" font-size="12" '
            f'font-family="sans-serif">{li}</text>'
        )
        for im in range(1, iv + 1):
            x = LEFT + (im - 1) * CELL
            n = counts.get((li, im), 0)
            fill = COLOURS[Level(level(li * im, matrix))]
            out.append(
                f'<g class="cell" data-likelihood="{li}" data-impact="{im}" data-count="{n}">'
                f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{fill}" stroke="#ffffff"/>'
                + (
                    f'<text x="{x + CELL // 2}" y="{y + CELL // 2 + 5}" text-anchor="middle" font-size="14" '
                    f'font-weight="bold" font-family="sans-serif">{n}</text>'
                    if n
                    else ""
                )
                + "</g>"
            )
    for im in range(1, iv + 1):
        out.append(
            f'<text x="{LEFT + (im - 1) * CELL + CELL // 2}" y="{TOP + lv * CELL + 16}" text-anchor="middle" '
            f'font-size="12" font-family="sans-serif">{im}</text>'
        )
    out.append(
        f'<text x="{LEFT + iv * CELL // 2}" y="{h - 4}" text-anchor="middle" font-size="12" '
        f'font-family="sans-serif">{impact} →</text>'
    )
    out.append(
        f'<text x="12" y="{TOP + lv * CELL // 2}" font-size="12" font-family="sans-serif" '
        f'transform="rotate(-90 12 {TOP + lv * CELL // 2})" text-anchor="middle">{likelihood} →</text></svg>'
    )
    return "".join(out)
