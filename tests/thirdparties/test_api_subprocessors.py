"""Sub-processor API writes: PATCH (only the fields sent, bounded, 422), the six Art. 8 contract items
(agreed / not agreed / unknown, with a multipart evidence upload checked by the evidence store) and the
periodic supervision check, which completes the calendar's processor audit; every write audited, the
permission checked in the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.thirdparties import services
from shouhu.thirdparties.models import SubProcessor

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BASE = "/api/v1/thirdparties/subprocessors"


@pytest.fixture
def sub(officer: Any) -> SubProcessor:
    return services.save_subprocessor(
        actor=officer, data={"name": "乙雲端股份有限公司", "services": "主機代管", "countries": "臺灣"}
    )


def test_create_is_bounded(login_as, officer):
    web = login_as(officer)
    too_long = web.post(BASE, {"name": "x" * 201, "services": "s"}, content_type="application/json")
    assert too_long.status_code == 422
    bad_ubn = web.post(BASE, {"name": "甲", "services": "s", "ubn": "12AB"}, content_type="application/json")
    assert bad_ubn.status_code == 422
    assert not SubProcessor.objects.exists()


def test_patch_changes_only_the_fields_sent(login_as, officer, sub):
    web = login_as(officer)
    response = web.patch(f"{BASE}/{sub.pk}", {"countries": "日本"}, content_type="application/json")
    assert (response.status_code, response.json()["countries"], response.json()["name"]) == (
        200,
        "日本",
        "乙雲端股份有限公司",
    )
    assert AuditEvent.objects.filter(action="thirdparties.subprocessor.updated").latest("id").changes == {
        "countries": ["臺灣", "日本"]
    }
    assert web.patch(f"{BASE}/{sub.pk}", {"name": None}, content_type="application/json").status_code == 422
    assert web.patch(f"{BASE}/{sub.pk}", {"nope": 1}, content_type="application/json").status_code == 422
    ends_first = web.patch(
        f"{BASE}/{sub.pk}",
        {"contract_signed_on": "2026-05-01", "contract_ends_on": "2026-01-01"},
        content_type="application/json",
    )
    assert ends_first.status_code == 422


def test_contract_items_are_set_and_their_evidence_uploaded(login_as, officer, sub):
    web = login_as(officer)
    refused = web.put(f"{BASE}/{sub.pk}/contract/return", {"agreed": True}, content_type="application/json")
    assert refused.status_code == 422  # an agreed item needs its clause
    body = web.put(
        f"{BASE}/{sub.pk}/contract/return",
        {"agreed": True, "clause": "第12條"},
        content_type="application/json",
    ).json()
    item = next(i for i in body["contract_items"] if i["key"] == "return")
    assert (item["agreed"], item["clause"], item["evidence_sha256"]) == (True, "第12條", None)
    uploaded = web.post(
        f"{BASE}/{sub.pk}/contract/return/evidence", {"file": SimpleUploadedFile("c.pdf", PDF)}
    )
    item = next(i for i in uploaded.json()["contract_items"] if i["key"] == "return")
    assert (item["agreed"], item["clause"], len(item["evidence_sha256"])) == (True, "第12條", 64)
    empty = web.post(f"{BASE}/{sub.pk}/contract/return/evidence", {"file": SimpleUploadedFile("e.pdf", b"")})
    assert empty.status_code == 422
    assert web.put(f"{BASE}/{sub.pk}/contract/nope", {}, content_type="application/json").status_code == 404


def test_a_supervision_check_completes_the_yearly_processor_audit(login_as, officer, sub):
    from shouhu.law import services as law
    from shouhu.law.models import Obligation

    law.sync_calendar(actor=officer)
    web = login_as(officer)
    created = web.post(
        f"{BASE}/{sub.pk}/checks",
        {"checked_on": timezone.localdate().isoformat(), "method": "document", "result": "已檢視稽核報告"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert [c["result"] for c in web.get(f"{BASE}/{sub.pk}/checks").json()] == ["已檢視稽核報告"]
    assert Obligation.objects.get(key="processor-audit").last_done_on == timezone.localdate()
    bad = web.post(
        f"{BASE}/{sub.pk}/checks",
        {"checked_on": timezone.localdate().isoformat(), "method": "telepathy", "result": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 422


def test_an_auditor_reads_but_does_not_write(login_as, auditor, sub):
    web = login_as(auditor)
    assert web.get(f"{BASE}/{sub.pk}").status_code == 200
    assert (
        web.patch(f"{BASE}/{sub.pk}", {"countries": "日本"}, content_type="application/json").status_code
        == 403
    )
    put = web.put(f"{BASE}/{sub.pk}/contract/return", {"agreed": False}, content_type="application/json")
    assert put.status_code == 403
