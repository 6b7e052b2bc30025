"""The documents that leave the building, generated from the demo (`shouhu demo --with-accounts`) as an
officer would: 表2 as DOCX and PDF and the 附錄三 ZIP, opened and checked field by field, and no English
code (result codes, kind codes, item ids, rule ids, file categories) in any zh-TW document."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from shouhu.accounts.models import User
from shouhu.evidence.services import read_bytes_internal
from shouhu.incidents import package, reports, services
from shouhu.incidents.models import Incident

pytestmark = pytest.mark.django_db

COMPANY = "守護示範資訊股份有限公司"
CLIENT = "好日子購物股份有限公司"
LETTER = {
    "recipient": "數位發展部",
    "inquiry_date": "民國115年11月20日",
    "inquiry_no": "數授產字第1150000001號",
    "contact_name": "黃建宏",
    "contact_phone": "(02)2700-1003",
}

# English that belongs in a zh-TW document: the form's own 「Email」 label, words the guideline itself uses
# (log, IP, API, ATM), the demo's own wording (SIEM, MFA) and file extensions of listed evidence.
ALLOWED = {"Email", "SHA-256", "log", "IP", "API", "ATM", "SIEM", "MFA", "csv", "txt", "docx", "pdf", "eml"}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DIGEST = re.compile(r"\b[0-9a-f]{16}…")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z]")


def english_words(text: str) -> set[str]:
    """ASCII words of a document that are not allowed: internal codes such as conform, leak, pd-5.4.1."""
    text = _DIGEST.sub("", _EMAIL.sub("", text))
    words = {w.rstrip(".") for w in _WORD.findall(text)}
    return {w for w in words if w not in ALLOWED and w.split(".")[-1] not in ALLOWED}


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def table2_cells(data: bytes) -> dict[str, str]:
    table = Document(io.BytesIO(data)).tables[0]
    return {row.cells[0].text.split("\n")[0]: row.cells[1].text for row in table.rows}


@pytest.fixture
def demo(pdf_renderer: None) -> dict[str, Any]:
    call_command("demo", "--with-accounts", stdout=io.StringIO())
    return {
        "officer": User.objects.get(username="security.chief"),
        "drill": Incident.objects.get(is_drill=True),
        "live": Incident.objects.get(is_drill=False),
    }


def test_table2_from_the_demo_drill(demo: dict[str, Any]) -> None:
    officer, drill = demo["officer"], demo["drill"]
    report = reports.generate(actor=officer, incident=drill)
    report = reports.mark_submitted(actor=officer, report=report, at=drill.authority_reported_at)
    data = read_bytes_internal(report.docx)
    cells = table2_cells(data)
    assert cells["業者名稱"] == COMPANY
    assert cells["通報時間"] == reports.roc_time(drill.authority_reported_at)
    assert cells["通報人"].startswith("黃建宏")
    assert cells["職稱"] == "資安長"
    assert cells["電話"] == "(02)2700-1003"
    assert cells["Email"] == "security.chief@example.tw"
    assert cells["地址"] == "臺北市信義區信義路五段7號"
    assert cells["事件發生時間"] == reports.roc_time(drill.occurred_at)
    assert cells["事件發生種類"].startswith(
        "☑竊取 ☑洩漏 ☐竄改 ☐毀損 ☐滅失 ☐其他侵害事故\n個資侵害之總筆數（大約）1,200 筆"
    )
    assert cells["發生原因及事件摘要"] == drill.summary
    assert cells["擬採通知當事人之時間及方式"] == drill.subject_notice_plan
    # reported 11 hours after 發現: within the 72 hours the form's question counts from 發現
    assert cells["是否於發現個資外洩時起算七十二小時內通報"] == "☑是 ☐否，理由："
    text = docx_text(data)
    assert text.splitlines()[0] == "【演練－非真實事件】"
    assert reports.FORM_TITLE in text.splitlines()
    assert english_words(text) == set()
    pdf = pdf_text(read_bytes_internal(report.pdf))
    for value in ("黃建宏", "資安長", "(02)2700-1003", COMPANY, cells["通報時間"]):
        assert value in pdf
    assert english_words(pdf) == set()


def test_table2_from_the_demo_live_incident(demo: dict[str, Any]) -> None:
    officer, live = demo["officer"], demo["live"]
    live = services.update_incident(
        actor=officer, incident=live, data={"subject_notice_plan": "由委託者以簡訊通知受影響會員。"}
    )
    report = reports.generate(actor=officer, incident=live, with_pdf=False)
    draft = table2_cells(read_bytes_internal(report.docx))
    assert draft["通報時間"] == "尚未送出"
    assert draft["事件發生時間"].startswith("不明（知悉個資外洩之時間：民國")
    assert "個資侵害之總筆數（大約）目前不明" in draft["事件發生種類"]
    sent_at = timezone.now().replace(microsecond=0)
    report = reports.mark_submitted(actor=officer, report=report, at=sent_at)
    data = read_bytes_internal(report.docx)
    cells = table2_cells(data)
    assert cells["通報時間"] == reports.roc_time(sent_at)
    assert cells["是否於發現個資外洩時起算七十二小時內通報"] == "☑是 ☐否，理由："
    assert english_words(docx_text(data)) == set()


def test_appendix3_package_from_the_demo_drill(demo: dict[str, Any]) -> None:
    officer, drill = demo["officer"], demo["drill"]
    pkg = package.build(actor=officer, incident=drill, letter=LETTER)
    with zipfile.ZipFile(io.BytesIO(read_bytes_internal(pkg.archive))) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    assert package.verify_manifest(read_bytes_internal(pkg.archive)) == []
    letter = docx_text(files["01_演練_函.docx"])
    case = docx_text(files["02_演練_附件1_個案分析報告.docx"])
    measures = docx_text(files["03_演練_附件2_資安措施.docx"])
    assert f"{COMPANY}　函" in letter
    assert "受文者：數位發展部" in letter
    # section 3 in its three parts
    for heading in (
        "（一）資料傳輸安全之維護措施",
        "（二）資料庫保管說明",
        "（三）資安風險自評（一年內及事件發生時之資安檢測報告）",
    ):
        assert heading in case.splitlines()
    assert "4. 資料庫金鑰與資料之存放區隔：（尚未填寫）" in case
    self_check = next(line for line in case.splitlines() if line.startswith("最近一次"))
    assert "結果：符合" in self_check
    # 4(2): the SMS the client actually sent, in its own name
    sent = next(line for line in case.splitlines() if "通知當事人（以" in line)
    assert f"以簡訊通知當事人（以「{CLIENT}」名義，1,200 人）" in sent
    assert "查詢專線：0800-000-123" in sent
    assert any(n.startswith("附件3_佐證資料/協助通知當事人佐證/") for n in files)
    # 圖20/21: training and social-engineering drill evidence
    assert "教育訓練紀錄（簽到表）：個資暨資安教育訓練簽到表.csv" in measures
    assert "社交工程演練紀錄：社交工程演練結果.txt" in measures
    assert any(n.startswith("附件3_佐證資料/社交工程演練紀錄/") for n in files)
    documents = {
        name: data
        for name, data in files.items()
        if name.endswith((".docx", ".pdf")) or name.startswith("附件3_佐證資料/協助通知當事人佐證/")
    }
    assert len([n for n in documents if n.endswith(".pdf")]) >= 3
    for name, data in documents.items():
        if name.endswith(".docx"):
            text = docx_text(data)
        elif name.endswith(".pdf"):
            text = pdf_text(data)
        else:
            text = data.decode("utf-8")
        assert english_words(text) == set(), name


def test_code_detector_flags_internal_codes_and_spares_the_forms_wording() -> None:
    text = "結果：符合 87 項、conform 3 項；pd-5.4.1；moda-art8-report；Email：a.b@example.tw；SHA-256 0123456789abcdef…"
    assert english_words(text) == {"conform", "pd-5.4.1", "moda-art8-report"}


def test_client_letter_and_subject_notice_from_the_demo_have_no_codes(demo: dict[str, Any]) -> None:
    from shouhu.incidents import notices

    live = demo["live"]
    client = live.affected_clients.get()
    letter = notices.draft_body(live, client)
    assert letter.startswith(f"{client.name} 您好：")
    assert "貴公司委託本公司處理之會員姓名、電話、電子郵件（範圍調查中）等個人資料外洩" in letter
    assert english_words(letter) == set()
    sent = demo["drill"].subject_notices.get()
    assert sent.signer == CLIENT
    assert english_words(f"{sent.subject}\n{sent.body}") == set()
