"""Contract, audit and test pages, the dashboard panel and the API."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from shouhu.assessment.models import CorrectiveAction
from shouhu.contracts import services
from shouhu.contracts.models import ClientContract, SecurityTest


def test_the_contract_form_creates_a_contract_with_systems(login_as, officer, client_a, system):
    web = login_as(officer)
    response = web.post(
        reverse("contracts:contract_new"),
        {
            "client": client_a.pk,
            "number": "C-9",
            "title": "維運契約",
            "services": "系統維運",
            "notice_hours": "48",
            "active": "on",
            "systems": [system.pk],
        },
    )
    contract = ClientContract.objects.get()
    assert response["Location"] == reverse("contracts:contract", args=[contract.pk])
    assert (contract.notice_hours, list(contract.systems.all())) == (48, [system])


def test_a_term_is_set_from_the_contract_page(login_as, officer, contract_data):
    contract = services.save_contract(actor=officer, data=contract_data)
    web = login_as(officer)
    web.post(
        reverse("contracts:contract", args=[contract.pk]),
        {
            "key": "pdpa:breach",
            "agreed": "true",
            "clause": "第9條",
            "evidence": SimpleUploadedFile("c.pdf", b"%PDF-1.4\n"),
        },
    )
    page = web.get(reverse("contracts:contract", args=[contract.pk])).content.decode()
    assert "第9條" in page
    term = contract.terms.get(key="pdpa:breach")
    assert web.get(reverse("contracts:term_evidence", args=[term.pk])).status_code == 200


def test_an_auditor_reads_contracts_but_gets_no_edit_link(login_as, officer, auditor, contract_data):
    contract = services.save_contract(actor=officer, data=contract_data)
    web = login_as(auditor)
    page = web.get(reverse("contracts:contract", args=[contract.pk])).content.decode()
    assert reverse("contracts:contract_edit", args=[contract.pk]) not in page
    assert (
        web.post(reverse("contracts:contract", args=[contract.pk]), {"key": "pdpa:scope"}).status_code == 403
    )


def test_a_finding_added_on_the_audit_page_opens_a_corrective_action(login_as, officer, client_a):
    web = login_as(officer)
    response = web.post(
        reverse("contracts:audit_new"),
        {
            "client": client_a.pk,
            "audited_on": (timezone.localdate() - dt.timedelta(days=3)).isoformat(),
            "scope": "代管系統",
            "auditor": "甲電商稽核室",
            "report": SimpleUploadedFile("報告.pdf", b"%PDF-1.4\n% report\n"),
        },
    )
    audit_url = response["Location"]
    web.post(audit_url, {"title": "權限未定期審查", "severity": "medium"})
    action = CorrectiveAction.objects.get()
    assert reverse("assessment:action", args=[action.pk]) in web.get(audit_url).content.decode()
    assert "甲電商" in web.get(reverse("assessment:action", args=[action.pk])).content.decode()


def test_the_dashboard_flags_an_old_test_report(login_as, officer, system):
    services.save_test(
        actor=officer,
        data={
            "system": system,
            "kind": "pentest",
            "tested_on": timezone.localdate() - dt.timedelta(days=500),
            "tester": "資安公司",
        },
    )
    page = login_as(officer).get("/").content.decode()
    assert 'data-testid="stale-tests-panel"' in page
    assert "會員系統" in page


def test_the_test_form_stores_the_report(login_as, officer, system):
    web = login_as(officer)
    web.post(
        reverse("contracts:test_new"),
        {
            "system": system.pk,
            "kind": "vulnscan",
            "tested_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
            "tester": "內部",
            "high_count": "0",
            "medium_count": "3",
            "retest": "not_needed",
            "report": SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n% scan\n"),
        },
    )
    test = SecurityTest.objects.get()
    assert test.report.original_name == "scan.pdf"
    assert web.get(reverse("contracts:test_report", args=[test.pk])).status_code == 200


def test_the_api_creates_a_contract_and_an_audit_with_findings(login_as, officer, client_a, system):
    web = login_as(officer)
    created = web.post(
        "/api/v1/contracts/",
        {
            "client_id": client_a.pk,
            "number": "A-1",
            "title": "維運",
            "services": "維運",
            "notice_hours": 12,
            "system_ids": [system.pk],
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["notice_hours"], body["system_ids"], len(body["terms"])) == (12, [system.pk], 15)
    set_term = web.put(
        f"/api/v1/contracts/{body['id']}/terms/pdpa:scope",
        {"agreed": True, "clause": "第3條"},
        content_type="application/json",
    )
    assert set_term.json()["terms"][0]["agreed"] is True
    audit = web.post(
        "/api/v1/contracts/audits",
        {
            "client_id": client_a.pk,
            "contract_id": body["id"],
            "audited_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            "scope": "全面",
            "auditor": "稽核室",
            "findings": [{"title": "日誌保存不足", "severity": "high"}],
        },
        content_type="application/json",
    )
    assert audit.status_code == 201
    assert audit.json()["findings"][0]["action_id"] == CorrectiveAction.objects.get().pk


def test_the_api_refuses_unbounded_input(login_as, officer, client_a):
    web = login_as(officer)
    response = web.post(
        "/api/v1/contracts/",
        {"client_id": client_a.pk, "number": "x" * 61, "title": "t", "services": "s", "notice_hours": 0},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not ClientContract.objects.exists()


def test_the_api_lists_stale_tests(login_as, officer, system, auditor):
    services.save_test(
        actor=officer,
        data={
            "system": system,
            "kind": "pentest",
            "tested_on": timezone.localdate() - dt.timedelta(days=400),
            "tester": "x",
        },
    )
    rows = login_as(auditor).get("/api/v1/contracts/tests?stale=true").json()
    assert [(r["system"], r["stale"]) for r in rows] == [("會員系統", True)]
