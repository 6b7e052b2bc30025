"""The client contract's agreed notice period reaches that client's incident clock; an unknown one stays
pending. (Several clients with different periods: tests/incidents/test_contract_periods.py.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from shouhu.contracts import services as contracts
from shouhu.incidents import services as incidents

RULE = "pdpa-er-art8-contractor-notice"


@pytest.fixture
def facts() -> dict[str, Any]:
    now = timezone.now().replace(microsecond=0)
    return {
        "title": "客戶資料外洩",
        "discovered_at": now - dt.timedelta(hours=3),
        "aware_at": now - dt.timedelta(hours=2),
        "kinds": ["leak"],
        "caused_by_violation": True,
    }


def _notice(incident: Any, client: Any) -> Any:
    return incident.deadlines.get(rule_id=RULE, client=client, active=True)


def test_an_incident_takes_the_clients_agreed_hours(officer, company, contract_data, client_a, facts):
    contracts.save_contract(actor=officer, data=contract_data)
    incident = incidents.report_incident(actor=officer, data=facts, clients=[client_a])
    row = _notice(incident, client_a)
    assert (row.due_at, row.pending) == (incident.aware_at + dt.timedelta(hours=24), [])
    assert incident.timeline.filter(text__contains="甲電商股份有限公司 24 小時（契約 C-2026-001）").exists()


def test_hours_entered_by_hand_do_not_override_a_clients_contract(
    officer, company, contract_data, client_a, facts
):
    contracts.save_contract(actor=officer, data=contract_data)
    incident = incidents.report_incident(
        actor=officer, data={**facts, "contract_notice_hours": 8}, clients=[client_a]
    )
    assert incident.contract_notice_hours == 8
    assert _notice(incident, client_a).due_at == incident.aware_at + dt.timedelta(hours=24)


def test_an_unknown_period_leaves_the_contract_deadline_pending(
    officer, company, contract_data, client_a, facts
):
    contracts.save_contract(actor=officer, data={**contract_data, "notice_hours": None})
    incident = incidents.report_incident(actor=officer, data=facts, clients=[client_a])
    row = _notice(incident, client_a)
    assert incident.contract_notice_hours is None
    assert [p["key"] for p in row.pending] == ["contract_notice_hours"]
    assert row.due_at == incident.aware_at  # counted as immediate until the contract is checked


def test_adding_a_client_later_fills_in_its_period(officer, company, contract_data, client_a, facts):
    contracts.save_contract(actor=officer, data=contract_data)
    incident = incidents.report_incident(actor=officer, data=facts, clients=[])
    incidents.update_incident(actor=officer, incident=incident, data={}, clients=[client_a])
    incident.refresh_from_db()
    row = _notice(incident, client_a)
    assert (row.due_at, row.pending) == (incident.aware_at + dt.timedelta(hours=24), [])


def test_the_incident_page_names_each_clients_contract(
    login_as, officer, company, contract_data, client_a, client_b, facts
):
    contracts.save_contract(actor=officer, data=contract_data)
    incident = incidents.report_incident(actor=officer, data=facts, clients=[client_a, client_b])
    page = login_as(officer).get(f"/incidents/{incident.pk}/").content.decode()
    assert "契約 C-2026-001 約定 24 小時" in page
    assert f'{client_b.name} · <span class="badge warn">不明</span> 未登錄履約中之契約' in page
