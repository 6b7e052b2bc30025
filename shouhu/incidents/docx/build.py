"""Build the .docx templates kept in this folder (run once: ``python -m shouhu.incidents.docx.build``).

The templates hold ``{{ name }}`` placeholders filled by ``shouhu.core.exports.docx_from_template``.
``table2.docx`` reproduces 表 2 「個人資料侵害事故通報與紀錄表」 of the guideline field for field;
``letter.docx`` is the cover letter (函) of 附錄三 圖 13 in the official layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
FONT = "標楷體"


def _document() -> Any:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return doc


def _centered(doc: Any, text: str, size: int = 16) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(size)


TABLE2_ROWS: tuple[tuple[str, str], ...] = (
    ("業者名稱", "{{ company_name }}"),
    ("通報時間", "{{ report_time }}"),
    ("通報人", "{{ reporter }}　　　　簽名（蓋章）"),
    ("職稱", "{{ reporter_title }}"),
    ("電話", "{{ reporter_phone }}"),
    ("Email", "{{ reporter_email }}"),
    ("地址", "{{ company_address }}"),
    ("事件發生時間\n註1：寫「不明」者，請接續註明知悉個資外洩之時間", "{{ occurred }}"),
    (
        "事件發生種類\n註2：若為個資外洩，請勾選「竊取」及「洩漏」\n註3：尚無法掌握侵害筆數時請寫「目前不明」",
        "{{ kinds }}\n個資侵害之總筆數（大約）{{ total_records }}\n{{ general_box }}一般個資 {{ general_records }} 筆"
        "\n{{ special_box }}特種個資 {{ special_records }} 筆",
    ),
    ("發生原因及事件摘要\n註4：請簡要敘述目前掌握的即時情況即可，尚不須填寫詳細確切原因", "{{ summary }}"),
    ("損害狀況\n註5：請簡要敘述目前掌握的情況即可", "{{ damage }}"),
    ("個資侵害可能結果\n註6：例如利用個資進行電話詐騙、盜刷信用卡等", "{{ consequences }}"),
    ("擬採取之因應措施\n註7：請簡要敘述目前已採取和準備採取之措施即可", "{{ measures }}"),
    (
        "擬採通知當事人之時間及方式\n註8：可簡要敘述如何通知客戶；或者如何協助客戶通知客戶之消費者",
        "{{ subject_notice }}",
    ),
    (
        "是否於發現個資外洩時起算七十二小時內通報\n註9：逾72小時通報主管機關者，請簡述延遲通報理由；僅報警者不屬於已通報主管機關",
        "{{ within_72h }}",
    ),
)


def build_table2() -> Path:
    doc = _document()
    _centered(doc, "{{ drill_banner }}", 14)
    _centered(doc, "{{ form_title }}")
    meta = doc.add_paragraph(
        "通報對象：{{ recipient }}　　報告次別：{{ stage }}　　事件編號：{{ incident_no }}"
    )
    meta.alignment = WD_ALIGN_PARAGRAPH.LEFT
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in TABLE2_ROWS:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value
    doc.add_paragraph("期限依據：{{ deadline_basis }}")
    doc.add_paragraph("主管機關指定格式：{{ form_name }}")
    doc.add_paragraph("本表由守護系統依事件紀錄產生；時間為臺北時間。")
    path = HERE / "table2.docx"
    doc.save(str(path))
    return path


def build_letter() -> Path:
    doc = _document()
    _centered(doc, "{{ drill_banner }}", 14)
    _centered(doc, "{{ company_name }}　函", 18)
    for text in (
        "地址：{{ company_address }}",
        "聯絡人：{{ contact_name }}",
        "聯絡電話：{{ contact_phone }}",
    ):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for text in (
        "{{ recipient_address }}",
        "受文者：{{ recipient }}",
        "發文日期：{{ sent_date }}",
        "發文字號：{{ doc_no }}",
        "速別：普通件",
        "附件：附件1_個案分析報告　附件2_資安措施　附件3_佐證資料（詳見清單）",
        "",
        "主旨：復{{ recipient }}{{ inquiry_date }}{{ inquiry_no }}函，關於本公司就疑似個資外洩事件之個案分析報告及本公司資安措施，請查照。",
        "",
        "說明：",
        "{{ explanation }}",
        "",
        "正本：{{ recipient }}",
        "副本：{{ copy_to }}",
        "",
        "負責人　{{ representative }}",
    ):
        doc.add_paragraph(text)
    path = HERE / "letter.docx"
    doc.save(str(path))
    return path


if __name__ == "__main__":
    for built in (build_table2(), build_letter()):
        print(built)  # noqa: T201
