"""The sign-in sheet of a session (教育訓練簽到表), shaped like the guideline's example (圖 20): the company,
the date in ROC, the course, trainer and hours, then a row per expected attendee with 部門, 姓名, 職稱 and
empty 簽到 / 簽退 cells to sign, and the 測驗分數 when it is recorded. An official form: always zh-TW."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.template.loader import render_to_string

from shouhu.core.exports import pdf_from_html
from shouhu.core.official import in_official_language
from shouhu.core.rocdate import format_roc_date
from shouhu.organization import selectors as organization
from shouhu.training import selectors
from shouhu.training.models import Session, Topic

HEADERS = ("部門", "姓名", "職稱", "簽到", "簽退", "測驗分數")


@dataclass(frozen=True)
class Sheet:
    title: str
    facts: list[tuple[str, str]]
    rows: list[tuple[str, ...]]


def sheet(session: Session) -> Sheet:
    company = organization.company()
    name = company.name if company else ""
    topics = "、".join(str(Topic(t).label) for t in session.topics if t in Topic.values)
    facts = [
        ("時間", format_roc_date(session.held_on)),
        ("課程", session.title),
        ("主題", topics),
        ("講師", session.trainer),
        ("時數", f"{session.hours.normalize():f} 小時"),
        ("對象", session.audience),
    ]
    rows: list[tuple[str, ...]] = [
        (
            a.person.department.name if a.person.department else "",
            a.person.name,
            a.person.job_title,
            "",
            "",
            "" if a.score is None else str(a.score),
        )
        for a in selectors.attendance(session)
    ]
    return Sheet(f"{name}個資暨資安教育訓練簽到表", facts, rows)


@in_official_language
def docx_bytes(session: Session) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    data = sheet(session)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "標楷體"
    style.font.size = Pt(12)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "標楷體")
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(data.title)
    run.bold = True
    run.font.size = Pt(16)
    for label, value in data.facts:
        doc.add_paragraph(f"{label}：{value}")
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = text
    for row in data.rows or [("",) * len(HEADERS)]:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@in_official_language
def pdf_bytes(session: Session) -> bytes:
    data = sheet(session)
    html = render_to_string("training/signin_pdf.html", {"sheet": data, "headers": HEADERS})
    return pdf_from_html(html)
