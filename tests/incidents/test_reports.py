"""The 表 2 authority report: DOCX opened and checked field by field; staged reports; missing facts block it."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from shouhu.evidence.services import EvidenceError, delete, read_bytes_internal
from shouhu.incidents import clocks, readiness, reports, services
from shouhu.incidents.models import Incident
from tests.factories import PersonFactory


def _cells(data: bytes) -> dict[str, str]:
    doc = Document(io.BytesIO(data))
    table = doc.tables[0]
    return {row.cells[0].text.split("\n")[0]: row.cells[1].text for row in table.rows}


def test_docx_fields(incident: Incident, officer: Any) -> None:
    report = reports.generate(actor=officer, incident=incident, with_pdf=False)
    cells = _cells(read_bytes_internal(report.docx))
    assert cells["業者名稱"] == "守護資訊股份有限公司"
    assert cells["地址"] == "臺北市大安區信義路三段41-3號"
    assert cells["通報人"].startswith("王小明")
    assert cells["職稱"] == "個資管理專員"
    assert cells["電話"] == "02-2700-0000"
    assert cells["Email"] == "officer@example.com"
    # 通報時間 is the time the report was sent, not the time it was generated
    assert cells["通報時間"] == "尚未送出"
    assert cells["事件發生時間"] == reports.roc_time(incident.occurred_at)
    assert "☑竊取 ☑洩漏 ☐竄改 ☐毀損 ☐滅失 ☐其他侵害事故" in cells["事件發生種類"]
    assert "1,200 筆" in cells["事件發生種類"]
    assert "☑一般個資 1,200 筆" in cells["事件發生種類"]
    assert "☐特種個資" in cells["事件發生種類"]
    assert cells["發生原因及事件摘要"] == incident.summary
    assert cells["損害狀況"] == incident.damage
    assert cells["個資侵害可能結果"] == incident.consequences
    assert "已刪除木馬程式" in cells["擬採取之因應措施"]
    assert "二次驗證" in cells["擬採取之因應措施"]
    assert cells["擬採通知當事人之時間及方式"] == incident.subject_notice_plan
    # not sent yet, 20 hours after 發現: the question is left open with the time it names
    limit = reports.roc_time(incident.discovered_at + dt.timedelta(hours=72))
    assert cells["是否於發現個資外洩時起算七十二小時內通報"] == f"☐是 ☐否（尚未送出；應於{limit}前通報）"
    assert report.sequence == 1
    assert report.stage_zh == "初報"
    assert report.docx.locked is True
    text = "\n".join(p.text for p in Document(io.BytesIO(read_bytes_internal(report.docx))).paragraphs)
    assert "數位發展部" in text
    assert reports.FORM_TITLE == "經濟部所管業者個人資料侵害事故通報與紀錄表"
    assert reports.FORM_TITLE in text.splitlines()
    assert "附表二「業者個人資料外洩通報表」" in text
    assert "初報" in text


def test_late_report_needs_delay_reason(incident: Incident, officer: Any) -> None:
    due = clocks.authority_deadline(incident).due_at
    incident = services.update_incident(
        actor=officer,
        incident=incident,
        data={
            "discovered_at": incident.discovered_at - dt.timedelta(days=4),
            "aware_at": incident.aware_at - dt.timedelta(days=4),
            "occurred_at": incident.occurred_at - dt.timedelta(days=4),
        },
    )
    assert clocks.authority_deadline(incident).due_at < due
    assert "延遲通報理由（已逾主管機關通報期限）" in readiness.authority_report(incident)
    with pytest.raises(ValidationError, match="延遲通報理由"):
        reports.generate(actor=officer, incident=incident, with_pdf=False)
    incident = services.update_incident(
        actor=officer, incident=incident, data={"delay_reason": "初期誤判為系統異常"}
    )
    report = reports.generate(actor=officer, incident=incident, with_pdf=False)
    cells = _cells(read_bytes_internal(report.docx))
    assert cells["是否於發現個資外洩時起算七十二小時內通報"] == "☐是 ☑否，理由：初期誤判為系統異常"


def test_submission_fills_report_time_and_question_9(incident: Incident, officer: Any) -> None:
    report = reports.generate(actor=officer, incident=incident, with_pdf=False)
    draft = report.docx
    sent_at = incident.discovered_at + dt.timedelta(hours=10)
    report = reports.mark_submitted(actor=officer, report=report, at=sent_at)
    assert report.docx != draft
    assert report.docx.original_name.endswith("_送出版.docx")
    cells = _cells(read_bytes_internal(report.docx))
    assert cells["通報時間"] == reports.roc_time(sent_at)
    assert cells["是否於發現個資外洩時起算七十二小時內通報"] == "☑是 ☐否，理由："
    # the draft as generated stays in the incident's evidence
    assert incident.evidence_links.filter(evidence=draft).exists()


def test_question_9_counts_from_discovery_not_awareness(
    company: Any, officer: Any, client_a: Any, facts: dict[str, Any], now: dt.datetime
) -> None:
    # discovered 80 hours ago, understood as a breach (知悉) 10 hours ago: the moda clock (72 h from
    # 知悉) is still running, but the form's question counts from 發現 and must be answered 「否」.
    facts |= {
        "occurred_at": now - dt.timedelta(hours=90),
        "discovered_at": now - dt.timedelta(hours=80),
        "aware_at": now - dt.timedelta(hours=10),
    }
    incident = services.report_incident(actor=officer, data=facts, clients=[client_a])
    due = clocks.authority_deadline(incident)
    assert due is not None
    assert due.due_at > now
    assert "延遲通報理由（已逾主管機關通報期限）" in readiness.authority_report(incident)
    incident = services.update_incident(
        actor=officer, incident=incident, data={"delay_reason": "發現時未判斷為個資事故"}
    )
    report = reports.generate(actor=officer, incident=incident, with_pdf=False)
    report = reports.mark_submitted(actor=officer, report=report, at=now)
    cells = _cells(read_bytes_internal(report.docx))
    assert cells["是否於發現個資外洩時起算七十二小時內通報"] == "☐是 ☑否，理由：發現時未判斷為個資事故"
    assert clocks.authority_deadline(incident).met_at == now


def test_reporter_is_a_person_never_an_account_name(incident: Incident, make_user: Any, officer: Any) -> None:
    manager = make_user("pd_officer", username="mgr.account")
    with pytest.raises(ValidationError, match="通報人"):
        reports.generate(actor=manager, incident=incident, with_pdf=False)
    person = PersonFactory(name="林資安", job_title="資安長", phone="", email="sec@example.com")
    with pytest.raises(ValidationError, match="通報人「林資安」之電話"):
        reports.generate(actor=manager, incident=incident, reporter=person, with_pdf=False)
    person.phone = "(02)2345-6789"
    person.save()
    report = reports.generate(actor=manager, incident=incident, reporter=person, with_pdf=False)
    cells = _cells(read_bytes_internal(report.docx))
    assert cells["通報人"].startswith("林資安")
    assert (cells["職稱"], cells["電話"], cells["Email"]) == ("資安長", "(02)2345-6789", "sec@example.com")
    assert report.reporter == person
    assert "mgr.account" not in "".join(cells.values())


def test_misdirected_mail_ticks_leak_on_the_form(incident: Incident, officer: Any) -> None:
    incident = services.update_incident(actor=officer, incident=incident, data={"kinds": ["misdirected"]})
    report = reports.generate(actor=officer, incident=incident, with_pdf=False)
    cells = _cells(read_bytes_internal(report.docx))
    assert cells["事件發生種類"].startswith("☐竊取 ☑洩漏 ☐竄改 ☐毀損 ☐滅失 ☐其他侵害事故")


def test_unknown_occurrence_and_records(incident: Incident, officer: Any) -> None:
    incident = services.update_incident(
        actor=officer,
        incident=incident,
        data={"occurred_unknown": True, "records_unknown": True, "general_records": None},
    )
    report = reports.generate(actor=officer, incident=incident, with_pdf=False)
    cells = _cells(read_bytes_internal(report.docx))
    assert cells["事件發生時間"].startswith("不明（知悉個資外洩之時間：民國")
    assert "目前不明" in cells["事件發生種類"]


def test_staged_reports_and_submission_meets_deadline(
    incident: Incident, officer: Any, admin_user: Any
) -> None:
    first = reports.generate(actor=officer, incident=incident, with_pdf=False)
    reports.mark_submitted(actor=officer, report=first)
    row = clocks.authority_deadline(incident)
    assert row.met_at == first.submitted_at
    assert first.docx.original_name in row.met_by
    assert row.met_evidence == first.docx
    second = reports.generate(actor=officer, incident=incident, with_pdf=False)
    assert second.sequence == 2
    assert second.stage_zh == "續報（第1次）"
    assert incident.reports.count() == 2
    with pytest.raises(EvidenceError):
        delete(actor=admin_user, evidence=first.docx)


def test_missing_facts_block_only_the_report(
    company: Any, officer: Any, client_a: Any, now: dt.datetime
) -> None:
    bare = services.report_incident(
        actor=officer,
        data={"title": "不明事件", "discovered_at": now, "summary": "疑似外洩"},
        clients=[client_a],
    )
    missing = readiness.all_missing(bare)
    assert "事件發生種類" in missing["authority_report"]
    assert "擬採通知當事人之時間及方式" in missing["authority_report"]
    assert missing["package"] == []
    with pytest.raises(ValidationError, match="事件發生種類"):
        reports.generate(actor=officer, incident=bare, with_pdf=False)


def test_pdf_generated(incident: Incident, officer: Any) -> None:
    from shouhu.core.exports import cjk_font_available

    if not cjk_font_available():
        pytest.skip("no CJK font")
    report = reports.generate(actor=officer, incident=incident)
    assert report.pdf is not None
    assert read_bytes_internal(report.pdf).startswith(b"%PDF")


def test_drill_marked_on_report(incident: Incident, officer: Any) -> None:
    incident = services.update_incident(actor=officer, incident=incident, data={"is_drill": True})
    report = reports.generate(actor=officer, incident=incident, with_pdf=False)
    assert report.docx.original_name.startswith("演練_")
    paragraphs = [p.text for p in Document(io.BytesIO(read_bytes_internal(report.docx))).paragraphs]
    assert reports.DRILL_BANNER in paragraphs
