"""Reports of an assessment: the filled tables as DOCX, XLSX and PDF, and the corrective-action list as XLSX.

The DOCX and XLSX follow the guideline's printed table: a header with 公司名稱 / 檢查時間 / 檢查人 and the
columns 編號 / 檢查項目 / 系統商進階 / 適用情形 / 檢查情形說明, with ☑ and ☐ and the filled blanks.
Dates on these official outputs are ROC dates.
"""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string

from shouhu.accounts.models import User
from shouhu.accounts.permissions import require
from shouhu.assessment import selectors
from shouhu.assessment.models import Assessment, CorrectiveAction
from shouhu.assessment.rows import Row, assessor_names, table_rows
from shouhu.assessment.services import catalogue_of
from shouhu.audit.services import record
from shouhu.core.exports import cell_value, pdf_from_html, sheet_title, xlsx_bytes
from shouhu.core.official import in_official_language
from shouhu.core.rocdate import format_roc_date

COLUMNS = ("編號", "檢查項目", "系統商進階", "適用情形", "檢查情形說明")
EAST_ASIAN_FONT = "新細明體"


def _context(assessment: Assessment) -> tuple[Any, list[tuple[Any, list[Row]]]]:
    catalogue = catalogue_of(assessment)
    answers = {a.item_id: a for a in selectors.answers(assessment)}
    return catalogue, table_rows(catalogue, assessment, answers)


def _header(assessment: Assessment) -> list[tuple[str, str]]:
    return [
        ("公司名稱", assessment.company_name),
        ("檢查時間", format_roc_date(assessment.assessed_on)),
        ("檢查人", assessor_names(assessment)),
    ]


NOTES_TITLE = "法規異動說明（指引發布後引用法規已變更；上表維持指引原文）"


def _law_notes(catalogue: Any, rows: list[Row]) -> list[tuple[str, str]]:
    """(item number, note) for every item in the table whose cited rule has changed since publication."""
    out = []
    for row in rows:
        if row.item is not None:
            for note in catalogue.notes_for(row.item.id):
                out.append((f"第 {row.number} 項", note.note_zh))
    return out


def _audit(actor: User, assessment: Assessment, fmt: str) -> None:
    record(actor=actor, action="assessment.exported", obj=assessment, changes={"format": [None, fmt]})


@in_official_language
def docx_report(*, actor: User, assessment: Assessment) -> bytes:
    """The filled self-check tables as a Word document."""
    require(actor, "assessment.view")
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    catalogue, tables = _context(assessment)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(9)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    widths = (Cm(1.6), Cm(7.0), Cm(1.8), Cm(5.0), Cm(11.3))
    for index, (table, rows) in enumerate(tables):
        if index:
            doc.add_page_break()
        doc.add_heading(f"{table.appendix} {table.title}", level=1)
        doc.add_paragraph(f"{catalogue.title}（{catalogue.label}）")
        head = doc.add_table(rows=1, cols=6)
        head.style = "Table Grid"
        for col, (label, value) in enumerate(_header(assessment)):
            head.cell(0, col * 2).text = label
            head.cell(0, col * 2 + 1).text = value
        doc.add_paragraph()
        grid = doc.add_table(rows=1, cols=len(COLUMNS))
        grid.style = "Table Grid"
        for col, label in enumerate(COLUMNS):
            cell = grid.cell(0, col)
            cell.text = label
            cell.paragraphs[0].runs[0].bold = True
        for row in rows:
            cells = grid.add_row().cells
            if row.item is None:
                merged = cells[0].merge(cells[-1])
                merged.text = row.heading
                merged.paragraphs[0].runs[0].bold = True
                continue
            for col, text in enumerate(
                (row.number, row.title_text, row.mark, row.applicability_text, row.check_text)
            ):
                cells[col].text = text
        for grid_row in grid.rows:
            for col, width in enumerate(widths):
                grid_row.cells[col].width = width
        notes = _law_notes(catalogue, rows)
        if notes:
            doc.add_heading(NOTES_TITLE, level=2)
            for number, text in notes:
                doc.add_paragraph(f"{number}：{text}", style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    _audit(actor, assessment, "docx")
    return out.getvalue()


@in_official_language
def xlsx_report(*, actor: User, assessment: Assessment) -> bytes:
    """The filled self-check tables as a workbook: one sheet per table, laid out like the printed table."""
    require(actor, "assessment.view")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    catalogue, tables = _context(assessment)
    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="888888")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for table, rows in tables:
        ws = wb.create_sheet(title=sheet_title(table.appendix))
        ws.cell(row=1, column=1, value=cell_value(f"{table.appendix} {table.title}")).font = Font(
            bold=True, size=14
        )
        ws.cell(row=2, column=1, value=cell_value(f"{catalogue.title}（{catalogue.label}）"))
        col = 1
        for label, value in _header(assessment):
            ws.cell(row=3, column=col, value=cell_value(label)).font = bold
            ws.cell(row=3, column=col + 1, value=cell_value(value))
            col += 2
        for col, label in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=5, column=col, value=label)
            cell.font, cell.fill, cell.border, cell.alignment = bold, fill, border, wrap
        line = 6
        for row in rows:
            if row.item is None:
                ws.merge_cells(start_row=line, start_column=1, end_row=line, end_column=len(COLUMNS))
                cell = ws.cell(row=line, column=1, value=cell_value(row.heading))
                cell.font, cell.fill = bold, PatternFill("solid", fgColor="F2F2F2")
            else:
                values = (row.number, row.title_text, row.mark, row.applicability_text, row.check_text)
                for col, value in enumerate(values, start=1):
                    cell = ws.cell(row=line, column=col, value=cell_value(value))
                    cell.alignment, cell.border = wrap, border
            line += 1
        notes = _law_notes(catalogue, rows)
        if notes:
            line += 1
            ws.cell(row=line, column=1, value=NOTES_TITLE).font = bold
            for number, text in notes:
                line += 1
                ws.cell(row=line, column=1, value=cell_value(number))
                cell = ws.cell(row=line, column=2, value=cell_value(text))
                ws.merge_cells(start_row=line, start_column=2, end_row=line, end_column=len(COLUMNS))
                cell.alignment = wrap
        for letter, width in zip("ABCDE", (8, 40, 10, 28, 70), strict=True):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A6"
        ws.print_title_rows = "5:5"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
    out = io.BytesIO()
    wb.save(out)
    _audit(actor, assessment, "xlsx")
    return out.getvalue()


@in_official_language
def pdf_report(*, actor: User, assessment: Assessment) -> bytes:
    """The filled tables as PDF (WeasyPrint with a CJK font); raises ExportError when unavailable."""
    require(actor, "assessment.view")
    catalogue, tables = _context(assessment)
    html = render_to_string(
        "assessment/report_pdf.html",
        {
            "assessment": assessment,
            "catalogue": catalogue,
            "tables": [(table, rows, _law_notes(catalogue, rows)) for table, rows in tables],
            "header": _header(assessment),
            "columns": COLUMNS,
            "notes_title": NOTES_TITLE,
        },
    )
    data = pdf_from_html(html)
    _audit(actor, assessment, "pdf")
    return data


ACTION_HEADERS = (
    "編號",
    "檢查",
    "缺失",
    "嚴重度",
    "矯正措施",
    "狀態",
    "負責人",
    "完成期限",
    "逾期",
    "1. 缺失原因",
    "1. 類似缺失",
    "2. 消除缺失之措施",
    "3. 有效性審查",
    "4. 更新安全維護措施",
    "5. 紀錄",
    "結案時間",
)


@in_official_language
def actions_xlsx(*, actor: User, actions: list[CorrectiveAction]) -> bytes:
    """The corrective-action list as XLSX (cells escaped by the shared helper)."""
    require(actor, "actions.view")
    rows = [
        (
            a.pk,
            a.finding.where,
            a.finding.title,
            a.finding.get_severity_display(),
            a.title,
            a.get_state_display(),
            (a.owner.get_full_name() or a.owner.username) if a.owner else "",
            format_roc_date(a.due_on) if a.due_on else "",
            "是" if selectors.is_overdue(a) else "",
            a.cause,
            a.similar,
            a.measures,
            a.effectiveness,
            a.measures_update,
            a.record,
            format_roc_date(a.closed_at, with_time=True) if a.closed_at else "",
        )
        for a in actions
    ]
    data = xlsx_bytes({"矯正措施": (ACTION_HEADERS, rows)}, title="矯正措施清單")
    record(
        actor=actor,
        action="assessment.actions_exported",
        object_type="assessment.correctiveaction",
        changes={"count": [None, len(rows)]},
    )
    return data
