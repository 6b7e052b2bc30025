"""Export helpers shared by every module: XLSX, CSV (UTF-8 with BOM), DOCX from templates, PDF from HTML.

Every text cell (headers, titles and sheet names too) passes through :func:`cell_text`: characters XML 1.0
cannot hold (control characters, lone surrogates) become U+FFFD, over-long text is cut at Excel's cell limit,
and formula-leading text is neutralised with :func:`shouhu.core.formulas.escape_formula`. So no value can make
an export fail, and no cell content ever reaches an error message or a log.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from shouhu.core.formulas import escape_formula
from shouhu.core.rocdate import TAIPEI

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV_MIME = "text/csv; charset=utf-8"
PDF_MIME = "application/pdf"


class ExportError(RuntimeError):
    """An export could not be produced (e.g. no CJK font for a PDF)."""


# XML 1.0 forbids these; openpyxl raises (with the cell text in the message) when it meets one.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SHEET_NAME_ILLEGAL = re.compile(r"[\[\]:*?/\\]")
EXCEL_CELL_MAX = 32767
TRUNCATED = "…（已截斷）"


def cell_text(value: Any) -> str:
    """Text safe for any XLSX or CSV cell: illegal characters replaced, length capped, formulas escaped."""
    text = _ILLEGAL.sub("\ufffd", str(value))
    if len(text) > EXCEL_CELL_MAX:
        text = text[: EXCEL_CELL_MAX - len(TRUNCATED) - 1] + TRUNCATED
    return str(escape_formula(text))


def sheet_title(name: str) -> str:
    """A valid worksheet name: no ``[]:*?/\\`` or control characters, at most 31 characters, never empty."""
    title = _SHEET_NAME_ILLEGAL.sub("_", _ILLEGAL.sub("", name)).strip("'")[:31]
    return title or "Sheet"


def cell_value(value: Any) -> Any:
    """A value for one XLSX/CSV cell: numbers and dates stay typed, text goes through :func:`cell_text`."""
    if isinstance(value, dt.datetime):
        # Excel has no time zones: write the Asia/Taipei wall time.
        return value.astimezone(TAIPEI).replace(tzinfo=None) if value.tzinfo else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | dt.date):
        return value
    return cell_text(value)


def xlsx_bytes(
    sheets: Mapping[str, tuple[Sequence[str], Iterable[Sequence[Any]]]],
    *,
    title: str | None = None,
) -> bytes:
    """Build an XLSX workbook: one sheet per entry ``name -> (headers, rows)``; header row frozen."""
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for name, (headers, rows) in sheets.items():
        ws = wb.create_sheet(title=sheet_title(name))
        start = 1
        if title:
            ws.cell(row=1, column=1, value=cell_text(title)).font = Font(bold=True, size=14)
            start = 3
        for col, header in enumerate(headers, start=1):
            c = ws.cell(row=start, column=col, value=cell_text(header))
            c.font, c.fill = bold, fill
            c.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [max(8, len(str(h)) * 2 + 2) for h in headers]
        for r, row in enumerate(rows, start=start + 1):
            for col, value in enumerate(row, start=1):
                v = cell_value(value)
                c = ws.cell(row=r, column=col, value=v)
                c.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(v, dt.datetime):
                    c.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(v, dt.date):
                    c.number_format = "yyyy-mm-dd"
                if col <= len(widths):
                    widths[col - 1] = min(60, max(widths[col - 1], len(str(v)) + 2))
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.freeze_panes = ws.cell(row=start + 1, column=1)
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.print_title_rows = f"{start}:{start}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """CSV in UTF-8 with BOM so Excel opens Traditional Chinese correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([cell_text(h) for h in headers])
    for row in rows:
        out = []
        for value in row:
            v = cell_value(value)
            out.append(v.isoformat(sep=" ") if isinstance(v, dt.datetime) else v)
        writer.writerow(out)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


_PLACEHOLDER = re.compile(r"\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}")


def docx_from_template(template: Path, context: Mapping[str, Any]) -> bytes:
    """Fill ``{{ name }}`` placeholders in a .docx template file (paragraphs, tables, headers, footers).

    Placeholders split across runs by Word are joined first within a paragraph, so a template edited in
    Word keeps working. Values are inserted as plain text (no markup injection).
    """
    from docx import Document

    doc = Document(str(template))

    def fill(paragraph: Any) -> None:
        text = "".join(run.text for run in paragraph.runs)
        if "{{" not in text:
            return
        new = _PLACEHOLDER.sub(lambda m: _lookup(context, m.group(1)), text)
        if new != text and paragraph.runs:
            paragraph.runs[0].text = new
            for run in paragraph.runs[1:]:
                run.text = ""

    def walk(container: Any) -> None:
        for p in container.paragraphs:
            fill(p)
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(doc)
    for section in doc.sections:
        walk(section.header)
        walk(section.footer)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _lookup(context: Mapping[str, Any], dotted: str) -> str:
    value: Any = context
    for part in dotted.split("."):
        value = value.get(part, "") if isinstance(value, Mapping) else getattr(value, part, "")
    return "" if value is None else str(value)


CJK_FONT_FAMILIES = ("Noto Sans CJK TC", "Noto Serif CJK TC", "AR PL UMing TW", "WenQuanYi Zen Hei")


def pdf_from_html(html: str, *, base_url: str | None = None) -> bytes:
    """Render HTML to PDF with WeasyPrint, embedding a Traditional Chinese font.

    Raises ExportError with a zh-TW message when WeasyPrint or a CJK font is missing, instead of producing
    a PDF full of empty boxes.
    """
    try:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise ExportError(
            "PDF 需要 WeasyPrint 與系統的 Pango 函式庫（pip install 'shouhu[pdf]'）/ PDF needs WeasyPrint"
        ) from exc
    if not cjk_font_available():
        raise ExportError(
            "找不到中文字型（請安裝 fonts-noto-cjk）/ no CJK font installed (install fonts-noto-cjk)"
        )
    fonts = FontConfiguration()
    family = ", ".join(f'"{f}"' for f in CJK_FONT_FAMILIES)
    css = CSS(
        string=f"@page {{ size: A4; margin: 18mm 15mm; }} body {{ font-family: {family}, sans-serif; }}",
        font_config=fonts,
    )
    result = HTML(string=html, base_url=base_url).write_pdf(stylesheets=[css], font_config=fonts)
    return bytes(result or b"")


def cjk_font_available() -> bool:
    """True when fontconfig knows a Traditional Chinese font."""
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    out = subprocess.run([fc_list, ":lang=zh-tw", "family"], capture_output=True, text=True, check=False)  # noqa: S603
    return bool(out.stdout.strip())


def printable(data: bytes, *, footer: str) -> bytes:
    """A4 landscape, margins, fit all columns on one page width, page numbers in the footer."""
    wb = load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.print_options.gridLines = True
        ws.oddFooter.left.text = footer
        ws.oddFooter.right.text = "第 &P 頁，共 &N 頁"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
