"""Several clients on one incident: each client's contract deadline (個資法施行細則第8條第2項第4款) counts
from that client's own agreed notice period, on the page, in reminders and in the client's notice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from shouhu.audit.models import AuditEvent
from shouhu.contracts import services as contracts
from shouhu.incidents import clocks, notices, services
from shouhu.incidents.models import Incident
from shouhu.incidents.reminders import send_due_reminders
from shouhu.organization.models import ClientContact
from tests.factories import ClientFactory

RULE = "pdpa-er-art8-contractor-notice"


@pytest.fixture
def client_b(db: Any) -> Any:
    client = ClientFactory(name="乙銀行股份有限公司", industry_code="6411")
    ClientContact.objects.create(
        client=client, name="資安窗口", email="soc@b.example.com", is_security_contact=True
    )
    return client


def _contract(actor: Any, client: Any, number: str, hours: int | None) -> Any:
    return contracts.save_contract(
        actor=actor,
        data={
            "client": client,
            "number": number,
            "title": "系統維運契約",
            "services": "系統代管及維運",
            "notice_hours": hours,
            "active": True,
        },
    )


def _report(officer: Any, facts: dict[str, Any], clients: list[Any], **more: Any) -> Incident:
    return services.report_incident(
        actor=officer, data={**facts, "caused_by_violation": True, **more}, clients=clients
    )


def _due(incident: Incident, client: Any) -> Any:
    return incident.deadlines.get(rule_id=RULE, client=client, active=True)


def test_each_client_gets_the_deadline_of_its_own_contract(
    company: Any, officer: Any, client_a: Any, client_b: Any, chief: Any, facts: dict[str, Any]
) -> None:
    _contract(officer, client_a, "A-1", 24)
    _contract(officer, client_b, "B-1", 4)
    incident = _report(officer, facts, [client_a, client_b])
    aware = incident.aware_at
    assert _due(incident, client_a).due_at == aware + dt.timedelta(hours=24)
    assert _due(incident, client_b).due_at == aware + dt.timedelta(hours=4)
    assert incident.contract_notice_hours is None  # no single period is written over every client
    assert incident.timeline.filter(
        text="各委託者契約約定之通知時限：乙銀行股份有限公司 4 小時（契約 B-1）；甲電商股份有限公司 24 小時（契約 A-1）"
    ).exists()


def test_a_client_without_a_known_period_is_pending_and_immediate_while_the_other_keeps_its_own(
    company: Any, officer: Any, client_a: Any, client_b: Any, chief: Any, facts: dict[str, Any]
) -> None:
    _contract(officer, client_a, "A-1", 24)
    unstated = _contract(officer, client_b, "B-1", None)
    incident = _report(officer, facts, [client_a, client_b])
    row_a, row_b = _due(incident, client_a), _due(incident, client_b)
    assert (row_a.due_at, row_a.pending) == (incident.aware_at + dt.timedelta(hours=24), [])
    assert row_b.due_at == incident.aware_at
    assert [(p["key"], p["party_id"]) for p in row_b.pending] == [
        ("contract_notice_hours", f"client-{client_b.pk}")
    ]
    from shouhu.incidents.selectors import pending_links

    assert pending_links(row_b)[0]["url"] == f"/contracts/{unstated.pk}/edit/"


def test_the_incidents_period_fills_in_only_for_clients_whose_contract_states_none(
    company: Any, officer: Any, client_a: Any, client_b: Any, chief: Any, facts: dict[str, Any]
) -> None:
    _contract(officer, client_a, "A-1", 24)
    incident = _report(officer, facts, [client_a, client_b], contract_notice_hours=8)
    assert _due(incident, client_a).due_at == incident.aware_at + dt.timedelta(hours=24)
    assert _due(incident, client_b).due_at == incident.aware_at + dt.timedelta(hours=8)
    assert [p.source for p in clocks.client_periods(incident)] == ["incident", "contract"]  # by name


def test_a_period_recorded_in_the_contract_later_moves_only_that_clients_clock(
    company: Any, officer: Any, client_a: Any, client_b: Any, chief: Any, facts: dict[str, Any]
) -> None:
    _contract(officer, client_a, "A-1", 24)
    b = _contract(officer, client_b, "B-1", None)
    incident = _report(officer, facts, [client_a, client_b])
    contracts.save_contract(actor=officer, data={"notice_hours": 12}, contract=b)
    assert clocks.recompute_live(actor=officer) == {"checked": 1, "failed": 0}
    row_b = _due(incident, client_b)
    assert (row_b.due_at, row_b.pending) == (incident.aware_at + dt.timedelta(hours=12), [])
    assert _due(incident, client_a).due_at == incident.aware_at + dt.timedelta(hours=24)
    moved = AuditEvent.objects.filter(action="incidents.deadline_recomputed", object_id=str(row_b.pk))
    assert moved.count() == 1


def test_the_incident_page_shows_one_contract_deadline_per_client(
    login_as: Any, company: Any, officer: Any, client_a: Any, client_b: Any, chief: Any, facts: dict[str, Any]
) -> None:
    _contract(officer, client_a, "A-1", 24)
    incident = _report(officer, facts, [client_a, client_b])
    page = login_as(officer).get(f"/incidents/{incident.pk}/").content.decode()
    assert "甲電商股份有限公司 · 契約 A-1 約定 24 小時" in page
    assert (
        '乙銀行股份有限公司 · <span class="badge warn">不明</span> 未登錄履約中之契約（以立即通知計）' in page
    )
    for client in (client_a, client_b):
        assert page.count(f'data-rule="{RULE}" data-party="client-{client.pk}"') == 1


def test_each_clients_reminder_and_notice_carry_its_own_deadline(
    company: Any, officer: Any, client_a: Any, client_b: Any, chief: Any, facts: dict[str, Any], smtp: Any
) -> None:
    _contract(officer, client_a, "A-1", 24)
    _contract(officer, client_b, "B-1", 4)
    incident = _report(officer, facts, [client_a, client_b])
    row_a, row_b = _due(incident, client_a), _due(incident, client_b)
    incident.deadlines.exclude(pk=row_b.pk).update(met_at=incident.aware_at, met_by="test")
    assert send_due_reminders(now=row_b.due_at - dt.timedelta(hours=3))["sent"] == 1
    body = smtp.messages[0].get_content()
    assert "義務：本公司（受託者）→ 委託者「乙銀行股份有限公司」" in body
    incident.deadlines.filter(pk=row_a.pk).update(met_at=None)
    text_a = notices.draft_body(incident, client_a)
    assert notices.roc_time(row_a.due_at) in text_a
    assert notices.roc_time(row_b.due_at) not in text_a


def test_the_api_gives_each_clients_period_and_its_source(
    login_as: Any, company: Any, officer: Any, client_a: Any, client_b: Any, chief: Any, facts: dict[str, Any]
) -> None:
    _contract(officer, client_a, "A-1", 24)
    incident = _report(officer, facts, [client_a, client_b])
    body = login_as(officer).get(f"/api/v1/incidents/{incident.pk}").json()
    periods = {p["client_id"]: p for p in body["client_notice_periods"]}
    assert (periods[client_a.pk]["hours"], periods[client_a.pk]["source"]) == (24, "contract")
    assert periods[client_a.pk]["contract_number"] == "A-1"
    assert (periods[client_b.pk]["hours"], periods[client_b.pk]["source"]) == (None, "unknown")
    assert body["contract_notice_hours"] is None
