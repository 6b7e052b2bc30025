"""Build the letter template kept in this folder (run once: ``python -m shouhu.requests.docx.build``).

``letter.docx`` is the written reply to a requester (extension notice, refusal, decision) and the cover
of a request forwarded to a client; its ``{{ name }}`` placeholders are filled by
``shouhu.core.exports.docx_from_template``. Line breaks in a value become separate lines in Word.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
FONT = "標楷體"


def build_letter() -> Path:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("{{ company_name }}\n{{ title }}")
    run.bold = True
    run.font.size = Pt(16)
    for text in (
        "受文者：{{ addressee }}",
        "發文日期：{{ sent_date }}",
        "案號：{{ case_no }}",
        "",
        "主旨：{{ subject }}",
        "",
        "說明：",
        "{{ body }}",
        "",
        "法令依據：{{ legal_basis }}",
        "",
        "聯絡窗口：{{ contact }}",
    ):
        doc.add_paragraph(text)
    closing = doc.add_paragraph("{{ company_name }}　敬啟")
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    path = HERE / "letter.docx"
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build_letter())  # noqa: T201
