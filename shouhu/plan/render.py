"""The plan as a Word file (cover template + one chapter per required part) and as a PDF."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from shouhu.core.exports import docx_from_template, pdf_from_html

TEMPLATE = Path(__file__).resolve().parent / "docx" / "plan.docx"
NUMERALS = "一二三四五六七八九十"


def chapter_number(n: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 20 → 二十 (the chapters never pass 99)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else NUMERALS[tens - 1] + "十")
    return head + (NUMERALS[ones - 1] if ones else "")


def _table(doc: Any, headers: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = text


def docx_bytes(content: dict[str, Any], *, number: int, state: str, approval: str) -> bytes:
    from docx import Document

    cover = docx_from_template(
        TEMPLATE,
        {
            "company": content.get("company") or "（尚未建立公司基本資料）",
            "number": number,
            "state": state,
            "generated_on": content.get("generated_on", ""),
            "approval": approval,
            "article_note": content.get("article_note", ""),
        },
    )
    doc = Document(io.BytesIO(cover))
    for n, ch in enumerate(content["chapters"], start=1):
        doc.add_page_break()
        doc.add_heading(f"第{chapter_number(n)}章　{ch['title']}（{ch['basis']}）", level=1)
        if ch.get("intro"):
            doc.add_paragraph(ch["intro"])
        if ch["facts"]:
            _table(doc, ["項目", "內容", "資料來源"], ch["facts"])
        for t in ch["tables"]:
            doc.add_heading(t["title"], level=2)
            if t["rows"]:
                _table(doc, t["headers"], t["rows"])
            else:
                doc.add_paragraph("（無資料）")
            doc.add_paragraph(f"資料來源：{t['source']}")
        doc.add_heading("缺漏項目", level=2)
        if ch["missing"]:
            for item in ch["missing"]:
                doc.add_paragraph(item, style="List Bullet")
        else:
            doc.add_paragraph("本章所需紀錄均已建立。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf_bytes(content: dict[str, Any], *, number: int, state: str, approval: str) -> bytes:
    chapters = [
        {**ch, "heading": f"第{chapter_number(n)}章　{ch['title']}（{ch['basis']}）"}
        for n, ch in enumerate(content["chapters"], start=1)
    ]
    html = render_to_string(
        "plan/document.html",
        {"content": content, "chapters": chapters, "number": number, "state": state, "approval": approval},
    )
    return pdf_from_html(html)
