"""Data-flow diagram per business process: 蒐集 → 傳輸 → 儲存 → 利用 → 刪除 across the linked systems.

One layout, two renderers: SVG (server-side, no script, presentation attributes only so the page CSP
holds) and PNG drawn with Pillow from the same layout (no SVG rasteriser dependency).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.utils.translation import pgettext_lazy as stage_word

from shouhu.core.exports import ExportError
from shouhu.inventory.models import FlowStage, PersonalDataFile

if TYPE_CHECKING:  # django-stubs is a development dependency
    from django_stubs_ext import StrOrPromise

# Column headings and the words used when a step has no text of its own are drawn in the reader's language.
COLUMNS: tuple[tuple[str, StrOrPromise, tuple[str, ...]], ...] = (
    ("collection", stage_word("flow stage", "蒐集"), (FlowStage.COLLECTION,)),
    ("transmission", stage_word("flow stage", "傳輸"), (FlowStage.INTERNAL, FlowStage.EXTERNAL)),
    ("storage", stage_word("flow stage", "儲存"), (FlowStage.STORAGE,)),
    ("use", stage_word("flow stage", "利用"), (FlowStage.USE,)),
    ("deletion", stage_word("flow stage", "刪除"), (FlowStage.DELETION,)),
)
STAGE_COLUMN = {stage: i for i, (_key, _label, stages) in enumerate(COLUMNS) for stage in stages}
FILL = {
    "collection": "#e8f1fb",
    "transmission": "#fdf3e1",
    "storage": "#e6f4ea",
    "use": "#f1ecfb",
    "deletion": "#fbe9e9",
}
BOX_W, BOX_H, COL_GAP, ROW_GAP, TOP, LEFT = 170, 50, 60, 20, 56, 20
MAX_LABEL = 11  # characters per line in a box (CJK at 13 px)
MAX_LATIN = 22  # characters per line for text without CJK (Latin letters are about half as wide)
LINE_H = 16


@dataclass
class Node:
    key: tuple[str, str]
    stage: str
    label: str
    system: bool
    column: int
    row: int = 0
    files: set[str] = field(default_factory=set)
    box_h: int = BOX_H  # every box of a diagram is as tall as its longest wrapped label needs

    @property
    def x(self) -> int:
        return LEFT + self.column * (BOX_W + COL_GAP)

    @property
    def y(self) -> int:
        return TOP + self.row * (self.box_h + ROW_GAP)


@dataclass
class Diagram:
    title: str
    nodes: list[Node]
    edges: list[tuple[Node, Node]]

    @property
    def width(self) -> int:
        return LEFT * 2 + len(COLUMNS) * BOX_W + (len(COLUMNS) - 1) * COL_GAP

    @property
    def height(self) -> int:
        rows = max((n.row for n in self.nodes), default=0) + 1
        box_h = self.nodes[0].box_h if self.nodes else BOX_H
        return TOP + rows * (box_h + ROW_GAP) + 10


def _steps(pd_file: PersonalDataFile) -> list[tuple[str, str, bool]]:
    """(stage, label, is_system) for a file: its explicit steps, or steps derived from its lifecycle."""
    explicit = list(pd_file.flow_steps.all())
    if explicit:
        return [
            (
                s.stage,
                s.system.name if s.system else (s.description or s.get_stage_display()),
                s.system is not None,
            )
            for s in explicit
        ]
    steps: list[tuple[str, str, bool]] = [
        (
            FlowStage.COLLECTION,
            pd_file.lifecycle_collection or pd_file.source_forms or str(COLUMNS[0][1]),
            False,
        )
    ]
    systems = list(pd_file.systems.all())
    if len(systems) > 1 or (pd_file.lifecycle_processing and systems):
        steps.append(
            (FlowStage.INTERNAL, pd_file.lifecycle_processing or pgettext("flow step", "內部傳輸"), False)
        )
    if pd_file.cross_border and pd_file.countries:
        countries = _("、").join(pd_file.countries)
        steps.append((FlowStage.EXTERNAL, _("跨境：%(countries)s") % {"countries": countries}, False))
    if systems:
        steps += [(FlowStage.STORAGE, s.name, True) for s in systems]
    else:
        steps.append((FlowStage.STORAGE, pd_file.storage_locations or _("儲存位置未填"), False))
    steps.append((FlowStage.USE, pd_file.lifecycle_use or str(COLUMNS[3][1]), False))
    steps.append((FlowStage.DELETION, pd_file.lifecycle_deletion or _("刪除方式未填"), False))
    return steps


def build(title: str, files: Iterable[PersonalDataFile]) -> Diagram:
    nodes: dict[tuple[str, str], Node] = {}
    edges: dict[tuple[tuple[str, str], tuple[str, str]], None] = {}
    for pd_file in files:
        by_column: dict[int, list[Node]] = {}
        for stage, label, is_system in _steps(pd_file):
            column = STAGE_COLUMN[stage]
            key = (f"system:{label}" if is_system else f"{stage}:{label}", COLUMNS[column][0])
            node = nodes.setdefault(key, Node(key, str(stage), label, is_system, column))
            node.files.add(pd_file.name)
            by_column.setdefault(column, [])
            if node not in by_column[column]:
                by_column[column].append(node)
        ordered = [by_column[c] for c in sorted(by_column)]
        for here, there in zip(ordered, ordered[1:], strict=False):
            for a in here:
                for b in there:
                    edges[(a.key, b.key)] = None
    rows = [0] * len(COLUMNS)
    box_h = max([BOX_H, *(len(_lines(n.label)) * LINE_H + 18 for n in nodes.values())])
    for node in nodes.values():
        node.row = rows[node.column]
        node.box_h = box_h
        rows[node.column] += 1
    return Diagram(title, list(nodes.values()), [(nodes[a], nodes[b]) for a, b in edges])


def _lines(text: str) -> list[str]:
    """The label wrapped into lines that fit a box: nothing is cut. Text with CJK breaks every MAX_LABEL
    characters; text without breaks between words, a word longer than a line being split."""
    text = " ".join(text.split())
    if any(ord(ch) > 0x2E7F for ch in text):
        return _cjk_lines(text)
    lines: list[str] = []
    for word in text.split(" "):
        while len(word) > MAX_LATIN:
            if lines and len(lines[-1]) + 1 < MAX_LATIN:
                room = MAX_LATIN - len(lines[-1]) - 1
                lines[-1] += " " + word[:room]
                word = word[room:]
            else:
                lines.append(word[:MAX_LATIN])
                word = word[MAX_LATIN:]
        if not word:
            continue
        if lines and len(lines[-1]) + 1 + len(word) <= MAX_LATIN:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


# Chinese line-breaking rules (禁則): these never start a line, and opening brackets never end one.
NO_LINE_START = set("，。、；：？！）」』》〉】…％,.;:?!)")
NO_LINE_END = set("（「『《〈【(")


def _cjk_lines(text: str) -> list[str]:
    """Lines of at most MAX_LABEL characters; a character that may not start a line (「，」) takes the one
    before it along to the next line, and an opening bracket moves down with what it opens."""
    lines: list[str] = []
    rest = text
    while len(rest) > MAX_LABEL:
        cut = MAX_LABEL
        while cut > 1 and (rest[cut] in NO_LINE_START or rest[cut - 1] in NO_LINE_END):
            cut -= 1
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest] if rest or not lines else lines


def _heading(diagram: Diagram) -> str:
    return _("資料流程圖：%(process)s") % {"process": diagram.title}


def to_svg(diagram: Diagram) -> str:
    w, h = diagram.width, diagram.height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        f'aria-label={quoteattr(_heading(diagram))} class="flow-diagram">',
        f"<title>{escape(_heading(diagram))}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
        f'<rect width="{w}" height="{h}" fill="#ffffff"/>',
    ]
    for i, (key, label, _stages) in enumerate(COLUMNS):
        x = LEFT + i * (BOX_W + COL_GAP) + BOX_W // 2
        out.append(
            f'<text x="{x}" y="30" text-anchor="middle" font-size="15" font-weight="bold" '
            f'font-family="sans-serif" fill="#222" class="column" data-stage="{key}">{escape(str(label))}</text>'
        )
    for a, b in diagram.edges:
        x1, y1 = a.x + BOX_W, a.y + a.box_h // 2
        x2, y2 = b.x, b.y + b.box_h // 2
        mid = (x1 + x2) // 2
        out.append(
            f'<path class="edge" d="M {x1} {y1} C {mid} {y1}, {mid} {y2}, {x2} {y2}" fill="none" '
            f'stroke="#555" stroke-width="1.5" marker-end="url(#arrow)"/>'
        )
    for node in diagram.nodes:
        column = COLUMNS[node.column][0]
        title = node.label + _("（") + _("、").join(sorted(node.files)) + _("）")
        out.append(
            f'<g class="node" data-stage={quoteattr(node.stage)} data-system="{str(node.system).lower()}">'
            f"<title>{escape(title)}</title>"
            f'<rect x="{node.x}" y="{node.y}" width="{BOX_W}" height="{node.box_h}" rx="6" fill="{FILL[column]}" '
            f'stroke="{"#1f5f99" if node.system else "#888"}" stroke-width="{2 if node.system else 1}"/>'
            + _svg_label(node)
            + "</g>"
        )
    out.append("</svg>")
    return "".join(out)


def _svg_label(node: Node) -> str:
    lines = _lines(node.label)
    cx = node.x + BOX_W // 2
    top = node.y + node.box_h // 2 - (len(lines) - 1) * LINE_H // 2 + 5
    attrs = f'x="{cx}" y="{top}" text-anchor="middle" font-size="13" font-family="sans-serif" fill="#222"'
    if len(lines) == 1:
        return f"<text {attrs}>{escape(lines[0])}</text>"
    spans = "".join(
        f'<tspan x="{cx}" dy="{0 if i == 0 else LINE_H}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"<text {attrs}>{spans}</text>"


FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)


def _font(size: int):
    from PIL import ImageFont

    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def _hex(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def to_png(diagram: Diagram, scale: int = 2) -> bytes:
    """Draw the same layout with Pillow (lines instead of curves)."""
    try:
        from PIL import Image, ImageDraw
    except ImportError as exc:
        raise ExportError(_("PNG 匯出需要 Pillow（pip install pillow）；請改下載 SVG。")) from exc

    img = Image.new("RGB", (diagram.width * scale, diagram.height * scale), "white")
    draw = ImageDraw.Draw(img)
    head, body = _font(15 * scale), _font(13 * scale)
    for i, (_key, label, _stages) in enumerate(COLUMNS):
        x = (LEFT + i * (BOX_W + COL_GAP) + BOX_W // 2) * scale
        draw.text((x, 30 * scale), str(label), fill="#222222", font=head, anchor="ms")
    for a, b in diagram.edges:
        x1, y1 = (a.x + BOX_W) * scale, (a.y + a.box_h // 2) * scale
        x2, y2 = b.x * scale, (b.y + b.box_h // 2) * scale
        draw.line([(x1, y1), (x2, y2)], fill="#555555", width=2 * scale // 2 + 1)
        draw.polygon(
            [(x2, y2), (x2 - 9 * scale, y2 - 4 * scale), (x2 - 9 * scale, y2 + 4 * scale)], fill="#555555"
        )
    for node in diagram.nodes:
        column = COLUMNS[node.column][0]
        box = (node.x * scale, node.y * scale, (node.x + BOX_W) * scale, (node.y + node.box_h) * scale)
        draw.rounded_rectangle(
            box,
            radius=6 * scale,
            fill=_hex(FILL[column]),
            outline="#1f5f99" if node.system else "#888888",
            width=(2 if node.system else 1) * scale,
        )
        lines = _lines(node.label)
        first = node.y + node.box_h // 2 - (len(lines) - 1) * LINE_H // 2
        for i, line in enumerate(lines):
            draw.text(
                ((node.x + BOX_W // 2) * scale, (first + i * LINE_H) * scale),
                line,
                fill="#222222",
                font=body,
                anchor="mm",
            )
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()
