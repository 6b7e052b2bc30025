"""Build the plan's cover template (run once: ``python -m shouhu.plan.docx.build``).

``plan.docx`` holds the cover and the styles; ``shouhu.core.exports.docx_from_template`` fills its
``{{ name }}`` placeholders and ``shouhu.plan.render`` appends one chapter per required part.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
FONT = "標楷體"


def build() -> Path:
    doc = Document()
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        style = doc.styles[name]
        style.font.name = FONT
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    doc.styles["Normal"].font.size = Pt(12)
    title = doc.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("{{ company }}")
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = sub.add_run("個人資料檔案安全維護計畫")
    run.bold = True
    run.font.size = Pt(20)
    for text in (
        "版次：第 {{ number }} 版",
        "狀態：{{ state }}",
        "產生日期：{{ generated_on }}",
        "核定：{{ approval }}",
    ):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(
        "依據：數位經濟相關產業個人資料檔案安全維護管理辦法第3條至第17條。本計畫各章內容由守護 Shouhu "
        "依各模組之現有紀錄產生，並註明資料來源；尚未建立之紀錄列為缺漏，不推定為無。"
    )
    doc.add_paragraph("{{ article_note }}")
    path = HERE / "plan.docx"
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build())  # noqa: T201
