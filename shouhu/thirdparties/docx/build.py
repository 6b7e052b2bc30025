"""Build the certificate template kept in this folder (run once: ``python -m shouhu.thirdparties.docx.build``)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
FONT = "標楷體"


def build_certificate() -> Path:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("個人資料刪除（返還）證明書")
    run.bold = True
    run.font.size = Pt(16)
    for text in (
        "致：{{ client_name }}",
        "",
        "{{ company_name }}（以下稱本公司）受 貴公司委託處理個人資料，雙方契約已於{{ contract_ended }}終止。"
        "依個人資料保護法施行細則第8條及雙方契約，本公司已就受託處理之個人資料完成下列處理，"
        "且未再保有其複本：",
        "",
        "{{ records }}",
        "",
        "上開處理之紀錄及佐證，本公司依數位經濟相關產業個人資料檔案安全維護管理辦法第16條保存至少五年，"
        "貴公司得隨時請求查閱。",
        "",
        "此致",
        "{{ client_name }}",
    ):
        doc.add_paragraph(text)
    for text in ("立證明書人：{{ company_name }}", "代表人：{{ representative }}", "日期：{{ issued_date }}"):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    path = HERE / "certificate.docx"
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build_certificate())  # noqa: T201
