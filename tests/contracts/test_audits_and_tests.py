"""Client audits raise corrective actions; security-test reports are flagged after a year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shouhu.assessment.models import ActionState, CorrectiveAction, Finding
from shouhu.contracts import selectors, services


@pytest.fixture
def audit_data(client_a):
    return {
        "client": client_a,
        "audited_on": timezone.localdate() - dt.timedelta(days=10),
        "scope": "個資保護管理制度及代管系統",
        "auditor": "甲電商稽核室",
        "summary": "發現兩項缺失",
    }


def test_each_audit_finding_becomes_a_draft_corrective_action(officer, audit_data):
    audit = services.record_audit(
        actor=officer,
        data=audit_data,
        findings=[services.FindingInput("備份未加密", "NAS 備份為明文", "high")],
    )
    finding = audit.findings.get()
    action = CorrectiveAction.objects.get()
    assert finding.action == action
    assert (action.state, action.finding.severity, action.finding.source) == (
        ActionState.DRAFT,
        "high",
        Finding.Source.CLIENT_AUDIT,
    )
    assert action.finding.assessment is None
    assert action.finding.origin.startswith("委託者稽核：甲電商股份有限公司")


def test_an_audit_in_the_future_is_refused(officer, audit_data):
    data = {**audit_data, "audited_on": timezone.localdate() + dt.timedelta(days=1)}
    with pytest.raises(ValidationError):
        services.record_audit(actor=officer, data=data)
    assert not CorrectiveAction.objects.exists()


def test_a_contract_of_another_client_is_refused(officer, audit_data, contract_data, client_b):
    other = services.save_contract(actor=officer, data={**contract_data, "client": client_b})
    with pytest.raises(ValidationError) as caught:
        services.record_audit(actor=officer, data={**audit_data, "contract": other})
    assert caught.value.message_dict["contract"] == ["所選契約不屬於該委託者"]


def test_a_finding_without_a_title_is_refused_and_nothing_is_kept(officer, audit_data):
    with pytest.raises(ValidationError):
        services.record_audit(actor=officer, data=audit_data, findings=[services.FindingInput("  ")])
    assert not selectors.audits().exists()


def test_the_latest_report_older_than_a_year_is_flagged(officer, system):
    today = timezone.localdate()
    base = {"system": system, "tester": "資安公司", "high_count": 2, "medium_count": 5}
    services.save_test(
        actor=officer, data={**base, "kind": "pentest", "tested_on": today - dt.timedelta(days=400)}
    )
    services.save_test(
        actor=officer, data={**base, "kind": "vulnscan", "tested_on": today - dt.timedelta(days=700)}
    )
    services.save_test(
        actor=officer, data={**base, "kind": "vulnscan", "tested_on": today - dt.timedelta(days=30)}
    )
    stale = selectors.stale_tests()
    assert [(t.kind, t.tested_on) for t in stale] == [("pentest", today - dt.timedelta(days=400))]


def test_a_retest_result_needs_its_date_and_cannot_precede_the_test(officer, system):
    data = {
        "system": system,
        "kind": "pentest",
        "tested_on": timezone.localdate() - dt.timedelta(days=5),
        "tester": "資安公司",
        "retest": "passed",
    }
    with pytest.raises(ValidationError) as caught:
        services.save_test(actor=officer, data=data)
    assert caught.value.message_dict["retested_on"] == ["已有複測結果時，請填寫複測日期"]
    with pytest.raises(ValidationError) as caught:
        services.save_test(
            actor=officer, data={**data, "retested_on": timezone.localdate() - dt.timedelta(days=9)}
        )
    assert caught.value.message_dict["retested_on"] == ["複測日期不可早於檢測日期"]
