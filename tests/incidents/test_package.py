"""The regulator response package (附錄三): ZIP with documents, evidence and a verified SHA-256 manifest."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from shouhu.evidence.models import EvidenceAccess
from shouhu.evidence.services import read_bytes_internal
from shouhu.incidents import package, services
from shouhu.incidents.models import Incident

LETTER = {
    "recipient": "數位發展部",
    "inquiry_date": "民國115年11月20日",
    "inquiry_no": "數授產字第1150000001號",
    "contact_name": "王小明",
    "contact_phone": "02-2700-0000",
    "contract_terms": "雙方資料存取權限之約定",
}


def test_zip_manifest_verified(incident: Incident, officer: Any) -> None:
    log = services.attach_evidence(
        actor=officer, incident=incident, file=b"10.0.0.1 GET /admin\n", filename="access.log", category="log"
    )
    services.attach_evidence(
        actor=officer, incident=incident, file=b"%PDF-1.4 scan report", filename="scan.pdf", category="scan"
    )
    pkg = package.build(actor=officer, incident=incident, letter=LETTER, with_pdf=False)
    data = read_bytes_internal(pkg.archive)
    assert package.verify_manifest(data) == []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        lines = zf.read(package.MANIFEST).decode().splitlines()
        for line in lines:
            digest, path = line.split("  ", 1)
            assert hashlib.sha256(zf.read(path)).hexdigest() == digest
        assert {"01_函.docx", "02_附件1_個案分析報告.docx", "03_附件2_資安措施.docx"} <= names
        log_path = f"附件3_佐證資料/紀錄檔（log）/{log.evidence.pk}_access.log"
        assert log_path in names
        assert zf.read(log_path) == b"10.0.0.1 GET /admin\n"
        meta = json.loads(zf.read("manifest.json"))
        assert len(meta["files"]) == len(lines) == len(names) - 2
        letter = Document(io.BytesIO(zf.read("01_函.docx")))
        text = "\n".join(p.text for p in letter.paragraphs)
        case = "\n".join(
            p.text for p in Document(io.BytesIO(zf.read("02_附件1_個案分析報告.docx"))).paragraphs
        )
    assert "守護資訊股份有限公司　函" in text
    assert "受文者：數位發展部" in text
    assert "發文日期：中華民國" in text
    assert "復數位發展部民國115年11月20日數授產字第1150000001號函" in text
    assert "負責人　黃大華" in text
    assert "個資外洩發生的可能原因" in case
    assert incident.summary in case
    assert "雙方資料存取權限之約定" in case
    assert pkg.archive.locked
    assert pkg.archive.whole_company  # only roles that read every department open it
    # evidence read for the package is recorded in the chain of custody
    assert EvidenceAccess.objects.filter(evidence=log.evidence, action="export").exists()


def _sections(data: bytes, name: str) -> dict[str, list[str]]:
    """Headings of an attachment and the paragraphs under each."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        doc = Document(io.BytesIO(zf.read(name)))
    out: dict[str, list[str]] = {}
    current = ""
    for p in doc.paragraphs:
        if p.style.name.startswith("Heading"):
            current = p.text
            out[current] = []
        elif current:
            out[current].append(p.text)
    return out


def test_section_3_has_its_three_parts(incident: Incident, officer: Any) -> None:
    services.attach_evidence(
        actor=officer, incident=incident, file=b"%PDF-1.4 pentest", filename="pentest.pdf", category="pentest"
    )
    letter = LETTER | {
        "transfer_security": "API 傳輸以 TLS 1.2 加密，個資欄位隱碼",
        "db_encryption": "AES-256 欄位加密",
        "db_access_control": "僅跳板機可連線，帳號最小權限",
        "db_logging": "資料庫稽核日誌保存 5 年",
    }
    pkg = package.build(actor=officer, incident=incident, letter=letter, with_pdf=False)
    case = _sections(read_bytes_internal(pkg.archive), "02_附件1_個案分析報告.docx")
    assert case["（一）資料傳輸安全之維護措施"] == ["API 傳輸以 TLS 1.2 加密，個資欄位隱碼"]
    assert case["（二）資料庫保管說明"] == [
        "1. 資料庫加密：AES-256 欄位加密",
        "2. 資料庫存取控制：僅跳板機可連線，帳號最小權限",
        "3. 資料庫存取紀錄（log）：資料庫稽核日誌保存 5 年",
        "4. 資料庫金鑰與資料之存放區隔：（尚未填寫）",
    ]
    risk = case["（三）資安風險自評（一年內及事件發生時之資安檢測報告）"]
    assert risk[0].startswith("滲透測試報告：pentest.pdf（上傳於民國")
    assert risk[1] == "最近一次自我檢查：尚無完成之紀錄"


def test_no_security_test_report_is_said_so(incident: Incident, officer: Any) -> None:
    pkg = package.build(actor=officer, incident=incident, letter=LETTER, with_pdf=False)
    case = _sections(read_bytes_internal(pkg.archive), "02_附件1_個案分析報告.docx")
    risk = case["（三）資安風險自評（一年內及事件發生時之資安檢測報告）"]
    assert risk[0].startswith("（尚未檢附一年內之滲透測試、弱點掃描或原始碼檢測報告")


def test_section_4_2_lists_the_subject_notices_actually_sent(
    incident: Incident, officer: Any, client_a: Any
) -> None:
    from shouhu.incidents import notices

    common = {"kinds": ["leak"], "data_items": "姓名、電話", "measures": "已封鎖來源", "client": client_a}
    sent = notices.save_subject_notice(
        actor=officer, incident=incident, channel="sms", hotline="0800-123-456", **common
    )
    notices.mark_subject_notice_sent(actor=officer, notice=sent, recipients=1200)
    notices.save_subject_notice(  # a draft never sent is not evidence of notifying anyone
        actor=officer, incident=incident, channel="email", hotline="0800-123-456", subject="草稿", **common
    )
    pkg = package.build(actor=officer, incident=incident, letter=LETTER, with_pdf=False)
    data = read_bytes_internal(pkg.archive)
    lines = _sections(data, "02_附件1_個案分析報告.docx")["（二）協助客戶通知消費者之佐證"]
    assert (
        len([line for line in lines if "通知當事人（以「甲電商股份有限公司」名義，1,200 人）" in line]) == 1
    )
    assert sent.body.strip() in lines[0]
    assert "以電子郵件通知當事人" not in "\n".join(lines)
    assert lines[1].startswith("協助通知當事人佐證：當事人通知_簡訊_")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        proofs = [n for n in zf.namelist() if n.startswith("附件3_佐證資料/協助通知當事人佐證/")]
    assert len(proofs) == 1


def test_training_and_phishing_drill_evidence(incident: Incident, officer: Any) -> None:
    services.attach_evidence(
        actor=officer, incident=incident, file=b"%PDF-1.4 sign-in", filename="簽到表.pdf", category="training"
    )
    pkg = package.build(actor=officer, incident=incident, letter=LETTER, with_pdf=False)
    data = read_bytes_internal(pkg.archive)
    lines = _sections(data, "03_附件2_資安措施.docx")["四、認知宣導及教育訓練"]
    assert lines[1].startswith("教育訓練紀錄（簽到表）：簽到表.pdf")
    assert lines[2] == "（尚未上傳社交工程演練紀錄）"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert any(n.startswith("附件3_佐證資料/教育訓練紀錄（簽到表）/") for n in zf.namelist())


def test_the_training_section_cites_the_drills_recorded_in_the_year_before(
    incident: Incident, officer: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from shouhu.drills import services as drills
    from tests.factories import PersonFactory

    day = timezone.localdate(incident.discovered_at)
    drill = drills.create_drill(actor=officer, title="上半年社交工程演練", scenario="假冒物流通知",
                                held_on=day - dt.timedelta(days=40))  # fmt: skip
    for name, stage in (("吳承翰", "clicked"), ("李冠廷", "opened")):
        drills.record_result(
            actor=officer, drill=drill, person=PersonFactory(name=name), stage=stage, reported=None
        )
    drills.create_drill(
        actor=officer, title="兩年前的演練", scenario="假冒網購退款", held_on=day - dt.timedelta(days=800)
    )
    pkg = package.build(actor=officer, incident=incident, letter=LETTER, with_pdf=False)
    lines = _sections(read_bytes_internal(pkg.archive), "03_附件2_資安措施.docx")["四、認知宣導及教育訓練"]
    assert "事件發生前一年內辦理電子郵件社交工程演練 1 次：" in lines
    assert any(
        "「上半年社交工程演練」：寄達 2 人，點擊連結 1 人（50.0%），提交資料 0 人，回報 0 人" in line
        for line in lines
    )
    assert "（尚未上傳社交工程演練紀錄）" not in lines  # the drill is on record in Shouhu
    assert not any("兩年前的演練" in line for line in lines)


def test_self_check_results_in_words(incident: Incident, officer: Any) -> None:
    import datetime as dt

    from shouhu.assessment import services as assessment
    from shouhu.assessment.models import Answer

    run = assessment.create_assessment(
        actor=officer,
        data={
            "kind": "self",
            "tables": "pd",
            "company_name": "守護資訊股份有限公司",
            "assessed_on": dt.date(2026, 1, 10),
            "scope": "全公司",
        },
        assessors=[officer],
    )
    for answer in Answer.objects.filter(assessment=run).order_by("position"):
        assessment.save_answer(
            actor=officer,
            assessment=run,
            item_id=answer.item_id,
            version=answer.version,
            data={"result": "conform", "applicable": True},
        )
    assessment.complete(actor=officer, assessment=run)
    line = package.self_check_lines(incident)[0]
    total = Answer.objects.filter(assessment=run).count()
    assert line == f"最近一次自我檢查：民國115年1月10日（附錄一 個人資料安全維護措施），結果：符合 {total} 項"
    assert "conform" not in line


def test_tampered_zip_detected(incident: Incident, officer: Any) -> None:
    pkg = package.build(actor=officer, incident=incident, letter=LETTER, with_pdf=False)
    source = zipfile.ZipFile(io.BytesIO(read_bytes_internal(pkg.archive)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name in source.namelist():
            zf.writestr(name, b"tampered" if name == "01_函.docx" else source.read(name))
    assert package.verify_manifest(out.getvalue()) == ["01_函.docx"]


def test_missing_letter_fields_block_the_package(incident: Incident, officer: Any) -> None:
    with pytest.raises(ValidationError, match="來函字號"):
        package.build(
            actor=officer, incident=incident, letter={"recipient": "數位發展部", "inquiry_date": "x"}
        )


def test_drill_package_marked(incident: Incident, officer: Any) -> None:
    incident = services.update_incident(actor=officer, incident=incident, data={"is_drill": True})
    pkg = package.build(actor=officer, incident=incident, letter=LETTER, with_pdf=False)
    assert pkg.archive.original_name.startswith("演練_")
    with zipfile.ZipFile(io.BytesIO(read_bytes_internal(pkg.archive))) as zf:
        assert "01_演練_函.docx" in zf.namelist()
        assert json.loads(zf.read("manifest.json"))["drill"] is True


def test_the_training_section_lists_the_sessions_held_in_the_year_before(
    incident: Incident, officer: Any
) -> None:
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from shouhu.core.rocdate import format_roc_date
    from shouhu.training import services as training
    from tests.factories import PersonFactory

    day = timezone.localdate(incident.discovered_at)
    person = PersonFactory()
    for title, held_on in (
        ("年度個資保護教育訓練", day - dt.timedelta(days=30)),
        ("更早的課程", day - dt.timedelta(days=400)),
    ):
        session = training.create_session(actor=officer, title=title, topics=["law"], held_on=held_on,
                                          hours=Decimal("2"), trainer="沈講師", audience="全體", people=[person])  # fmt: skip
        training.record_attendance(actor=officer, session=session, person=person, attended=True)
        training.mark_held(actor=officer, session=session)
    pkg = package.build(actor=officer, incident=incident, letter=LETTER, with_pdf=False)
    lines = _sections(read_bytes_internal(pkg.archive), "03_附件2_資安措施.docx")["四、認知宣導及教育訓練"]
    assert "事件發生前一年內已辦理教育訓練 1 場：" in lines
    assert (
        f"{format_roc_date(day - dt.timedelta(days=30))}「年度個資保護教育訓練」2 小時，講師 沈講師，出席 1 人／應到 1 人"
        in lines
    )
    assert not any("更早的課程" in line for line in lines)
