"""The contracts API beyond create: PATCH (only the fields sent, bounded, 422), DELETE (bounded by what
refers to the record), and multipart uploads of contract evidence, audit reports and test reports, checked
by the evidence store as the web forms are; every write audited, the permission checked in the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.contracts import services
from shouhu.contracts.models import ClientAudit, ClientContract, SecurityTest

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def contract(officer: Any, contract_data: dict[str, Any], system: Any) -> ClientContract:
    return services.save_contract(actor=officer, data=contract_data, systems=[system])


@pytest.fixture
def audit(officer: Any, client_a: Any, contract: ClientContract) -> ClientAudit:
    return services.record_audit(
        actor=officer,
        data={
            "client": client_a,
            "contract": contract,
            "audited_on": timezone.localdate() - dt.timedelta(days=3),
            "scope": "全面",
            "auditor": "稽核室",
        },
    )


@pytest.fixture
def test_record(officer: Any, system: Any) -> SecurityTest:
    return services.save_test(
        actor=officer,
        data={
            "system": system,
            "kind": "pentest",
            "tested_on": timezone.localdate() - dt.timedelta(days=30),
            "tester": "外部廠商",
        },
    )


def _patch(web: Any, url: str, body: dict[str, Any]) -> Any:
    return web.patch(url, body, content_type="application/json")


def test_patch_changes_only_the_fields_sent_and_is_audited(login_as, officer, contract):
    response = _patch(login_as(officer), f"/api/v1/contracts/{contract.pk}", {"notice_hours": 6})
    assert response.status_code == 200
    body = response.json()
    assert (body["notice_hours"], body["title"], body["system_ids"]) == (
        6,
        "電商平台維運契約",
        [contract.systems.get().pk],
    )
    event = AuditEvent.objects.filter(action="contracts.clientcontract.updated").latest("id")
    assert event.changes == {"notice_hours": [24, 6]}


def test_patch_refuses_unknown_fields_bad_values_and_nulls_for_required_fields(login_as, officer, contract):
    web = login_as(officer)
    url = f"/api/v1/contracts/{contract.pk}"
    assert _patch(web, url, {"client_id": 999}).status_code == 422  # the client never changes
    assert _patch(web, url, {"notice_hours": 0}).status_code == 422
    assert _patch(web, url, {"title": "x" * 201}).status_code == 422
    refused = _patch(web, url, {"title": None})
    assert refused.status_code == 422
    assert "此欄位不可為空值" in str(refused.json()["errors"])
    ends_first = _patch(web, url, {"starts_on": "2026-05-01", "ends_on": "2026-01-01"})
    assert ends_first.status_code == 422
    assert "契約迄日不可早於起日" in str(ends_first.json()["errors"])
    assert _patch(web, url, {}).status_code == 422
    contract.refresh_from_db()
    assert (contract.notice_hours, contract.title, contract.ends_on) == (24, "電商平台維運契約", None)


def test_patch_may_clear_the_notice_period_to_unknown(login_as, officer, contract):
    response = _patch(login_as(officer), f"/api/v1/contracts/{contract.pk}", {"notice_hours": None})
    assert (response.status_code, response.json()["notice_hours"]) == (200, None)


def test_an_auditor_may_read_but_not_patch_delete_or_upload(login_as, auditor, contract, audit, test_record):
    web = login_as(auditor)
    assert web.get(f"/api/v1/contracts/{contract.pk}").status_code == 200
    assert _patch(web, f"/api/v1/contracts/{contract.pk}", {"notice_hours": 6}).status_code == 403
    assert web.delete(f"/api/v1/contracts/tests/{test_record.pk}").status_code == 403
    upload = web.post(
        f"/api/v1/contracts/audits/{audit.pk}/report", {"file": SimpleUploadedFile("r.pdf", PDF)}
    )
    assert upload.status_code == 403
    assert SecurityTest.objects.exists()


def test_delete_keeps_a_contract_an_audit_refers_to_and_removes_one_entered_by_mistake(
    login_as, officer, contract, audit, client_a
):
    web = login_as(officer)
    kept = web.delete(f"/api/v1/contracts/{contract.pk}")
    assert kept.status_code == 422
    assert "此契約已有委託者稽核紀錄" in str(kept.json()["errors"])
    services.set_term(actor=officer, contract=contract, key="pdpa:scope", agreed=True, clause="第3條")
    assert web.delete(f"/api/v1/contracts/audits/{audit.pk}").status_code == 204
    assert web.delete(f"/api/v1/contracts/{contract.pk}").status_code == 204
    assert not ClientContract.objects.exists()
    event = AuditEvent.objects.get(action="contracts.clientcontract.deleted")
    assert event.changes["number"] == ["C-2026-001", None]
    assert event.changes["terms"][0] == [
        {"key": "pdpa:scope", "agreed": True, "clause": "第3條", "evidence": None}
    ]


def test_an_audit_with_findings_is_not_deleted(login_as, officer, audit):
    services.add_finding(actor=officer, audit=audit, finding=services.FindingInput(title="日誌保存不足"))
    response = login_as(officer).delete(f"/api/v1/contracts/audits/{audit.pk}")
    assert response.status_code == 422
    assert ClientAudit.objects.filter(pk=audit.pk).exists()


def test_patch_an_audit_and_a_test(login_as, officer, audit, test_record):
    web = login_as(officer)
    changed = _patch(web, f"/api/v1/contracts/audits/{audit.pk}", {"summary": "無重大缺失"})
    assert (changed.status_code, changed.json()["summary"]) == (200, "無重大缺失")
    future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert _patch(web, f"/api/v1/contracts/audits/{audit.pk}", {"audited_on": future}).status_code == 422
    retest = _patch(web, f"/api/v1/contracts/tests/{test_record.pk}", {"retest": "passed"})
    assert retest.status_code == 422  # a retest result needs its date
    assert "請填寫複測日期" in str(retest.json()["errors"])
    done = _patch(
        web,
        f"/api/v1/contracts/tests/{test_record.pk}",
        {"retest": "passed", "retested_on": timezone.localdate().isoformat(), "high_count": 0},
    )
    assert (done.status_code, done.json()["retest"], done.json()["high_count"]) == (200, "passed", 0)
    assert web.delete(f"/api/v1/contracts/tests/{test_record.pk}").status_code == 204
    assert AuditEvent.objects.filter(action="contracts.securitytest.deleted").count() == 1


def test_uploads_are_kept_in_the_evidence_store_and_checked_like_the_web(
    login_as, officer, contract, audit, test_record
):
    web = login_as(officer)
    term = web.post(
        f"/api/v1/contracts/{contract.pk}/terms/pdpa:breach/evidence",
        {"file": SimpleUploadedFile("contract.pdf", PDF)},
    )
    assert term.status_code == 200
    row = next(t for t in term.json()["terms"] if t["key"] == "pdpa:breach")
    assert (row["agreed"], len(row["evidence_sha256"])) == (None, 64)  # the file alone leaves the answer
    report = web.post(
        f"/api/v1/contracts/audits/{audit.pk}/report", {"file": SimpleUploadedFile("r.pdf", PDF)}
    )
    assert (report.status_code, len(report.json()["report_sha256"])) == (200, 64)
    scan = web.post(
        f"/api/v1/contracts/tests/{test_record.pk}/report", {"file": SimpleUploadedFile("s.pdf", PDF)}
    )
    assert (scan.status_code, scan.json()["report_sha256"]) == (200, report.json()["report_sha256"])
    empty = web.post(
        f"/api/v1/contracts/tests/{test_record.pk}/report", {"file": SimpleUploadedFile("e.pdf", b"")}
    )
    assert empty.status_code == 422
    assert "檔案是空的" in str(empty.json()["errors"])
    program = web.post(
        f"/api/v1/contracts/tests/{test_record.pk}/report",
        {"file": SimpleUploadedFile("setup.exe", b"MZ\x90\x00" + b"\x00" * 200)},
    )
    assert program.status_code == 422
    assert (
        web.post(
            f"/api/v1/contracts/{contract.pk}/terms/nope/evidence", {"file": SimpleUploadedFile("c.pdf", PDF)}
        ).status_code
        == 404
    )
    audit.refresh_from_db()
    assert audit.report.context == f"contracts.clientaudit:{audit.pk}"
    assert AuditEvent.objects.filter(action="contracts.clientaudit.updated").count() == 1


def test_an_upload_over_the_size_limit_is_refused(login_as, officer, test_record, settings):
    settings.SHOUHU_EVIDENCE_MAX_BYTES = 1024
    response = login_as(officer).post(
        f"/api/v1/contracts/tests/{test_record.pk}/report",
        {"file": SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)},
    )
    assert response.status_code == 422
    test_record.refresh_from_db()
    assert test_record.report_id is None
