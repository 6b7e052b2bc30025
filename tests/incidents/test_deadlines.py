"""Deadlines stored on an incident are exactly what the law engine gives for its facts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from shouhu.audit.models import AuditEvent
from shouhu.engines.law.deadlines import incident_deadlines
from shouhu.engines.law.inputs import IncidentFacts
from shouhu.incidents import clocks, lawfacts, services
from shouhu.incidents.models import Incident


def _engine(incident: Incident) -> set[tuple[str, str, dt.datetime]]:
    company = lawfacts.company_facts()
    assert company.industry_codes == ("6201",)
    client = incident.affected_clients.get()
    clients = [lawfacts.client_facts(client)]
    facts = IncidentFacts(
        discovered_at=incident.discovered_at,
        aware_at=incident.aware_at,
        occurred_at=incident.occurred_at,
        serious=incident.serious,
        affected_client_ids=(lawfacts.client_party_id(client),),
    )
    return {(d.rule_id, d.party_id, d.due_at) for d in incident_deadlines(facts, company, clients)}


def test_stored_deadlines_match_the_engine(incident: Incident) -> None:
    # given an incident reported with facts  # when the deadlines are stored  # then they are the engine's
    stored = {(r.rule_id, r.party_id, r.due_at) for r in incident.deadlines.filter(active=True)}
    assert stored == _engine(incident)
    moda = incident.deadlines.get(rule_id="moda-art8-report", party_id="self")
    assert moda.due_at == incident.aware_at + dt.timedelta(hours=72)
    assert "數位發展部" in moda.recipient_zh
    assert clocks.authority_deadline(incident) == moda


def test_aware_change_recomputes_and_audits(incident: Incident, officer: Any) -> None:
    moda = incident.deadlines.get(rule_id="moda-art8-report")
    new_aware = incident.aware_at + dt.timedelta(hours=2)
    services.update_incident(actor=officer, incident=incident, data={"aware_at": new_aware})
    incident.refresh_from_db()
    moda.refresh_from_db()
    assert moda.due_at == new_aware + dt.timedelta(hours=72)
    assert {(r.rule_id, r.party_id, r.due_at) for r in incident.deadlines.filter(active=True)} == _engine(
        incident
    )
    event = AuditEvent.objects.filter(action="incidents.deadline_recomputed", object_id=str(moda.pk)).get()
    assert event.changes["due_at"][1] == moda.due_at.isoformat()
    assert AuditEvent.objects.filter(action="incidents.incident_updated", object_id=str(incident.pk)).exists()


def test_not_serious_withdraws_the_authority_deadline(incident: Incident, officer: Any) -> None:
    services.update_incident(
        actor=officer,
        incident=incident,
        data={"serious": False, "decision_reason": "僅內部測試資料，無當事人受影響"},
    )
    row = incident.deadlines.get(rule_id="moda-art8-report")
    assert row.active is False
    assert clocks.authority_deadline(incident) is None


def test_out_of_order_timestamps_are_refused(incident: Incident, officer: Any) -> None:
    with pytest.raises(ValidationError) as err:
        services.update_incident(
            actor=officer,
            incident=incident,
            data={"aware_at": incident.discovered_at - dt.timedelta(hours=1)},
        )
    assert "知悉時間" in str(err.value.message_dict["aware_at"])
    assert "不可早於發現時間" in err.value.message_dict["aware_at"][0]


def test_future_timestamp_refused(incident: Incident, officer: Any, now: dt.datetime) -> None:
    with pytest.raises(ValidationError) as err:
        services.update_incident(
            actor=officer, incident=incident, data={"confirmed_at": now + dt.timedelta(days=1)}
        )
    assert "不可晚於現在" in err.value.message_dict["confirmed_at"][0]


def test_time_refusals_read_in_english_on_an_english_page(
    incident: Incident, officer: Any, now: dt.datetime
) -> None:
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as future:
        services.update_incident(
            actor=officer, incident=incident, data={"confirmed_at": now + dt.timedelta(days=1)}
        )
    with translation.override("en"), pytest.raises(ValidationError) as order:
        services.update_incident(
            actor=officer,
            incident=incident,
            data={"aware_at": incident.discovered_at - dt.timedelta(hours=1)},
        )
    assert future.value.message_dict["confirmed_at"][0].startswith("Confirmed cannot be later than now (20")
    assert order.value.message_dict["aware_at"][0].startswith("Became aware (20")
    assert "cannot be earlier than Discovered (20" in order.value.message_dict["aware_at"][0]


def test_leak_ticks_theft_and_leak(incident: Incident) -> None:
    assert incident.kinds == ["theft", "leak"]
    assert incident.kind_labels() == ["竊取", "洩漏"]


def test_tasks_seeded_and_timeline_append_only(incident: Incident) -> None:
    assert incident.tasks.count() >= 10
    assert incident.tasks.first().title.startswith("通報主管機關")
    entry = incident.timeline.first()
    entry.text = "changed"
    with pytest.raises(ValueError, match="不可修改"):
        entry.save()
    with pytest.raises(ValueError, match="不可刪除"):
        entry.delete()


def test_met_records_document(incident: Incident, officer: Any) -> None:
    row = clocks.authority_deadline(incident)
    assert row is not None
    services.mark_deadline_met(actor=officer, deadline=row, document="表2 初報")
    row.refresh_from_db()
    assert row.met_by == "表2 初報"
    assert row.met_at is not None
    assert clocks.status(row) == "met"


def test_status_colours(incident: Incident, now: dt.datetime) -> None:
    row = incident.deadlines.filter(active=True).first()
    row.due_at = now + dt.timedelta(hours=30)
    assert clocks.status(row, now) == "ok"
    row.due_at = now + dt.timedelta(hours=10)
    assert clocks.status(row, now) == "amber"
    row.due_at = now + dt.timedelta(hours=2)
    assert clocks.status(row, now) == "red"
    row.due_at = now - dt.timedelta(minutes=1)
    assert clocks.status(row, now) == "passed"


def test_drill_completion_selector(
    incident: Incident, officer: Any, facts: dict[str, Any], now: dt.datetime
) -> None:
    from shouhu.incidents.selectors import last_drill_completed_on

    assert last_drill_completed_on() is None
    drill = services.report_incident(actor=officer, data={**facts, "is_drill": True, "title": "年度演練"})
    services.update_incident(actor=officer, incident=drill, data={"handling_ended_at": now})
    services.transition(actor=officer, incident=drill, to="closed")
    from django.utils import timezone

    assert last_drill_completed_on() == timezone.localdate(now)
    assert str(drill).startswith("【演練】")


def test_close_needs_handling_ended(incident: Incident, officer: Any) -> None:
    with pytest.raises(ValidationError, match="處理結束時間"):
        services.transition(actor=officer, incident=incident, to="closed")
    with pytest.raises(ValidationError, match="不可變更"):
        services.transition(actor=officer, incident=incident, to="open")
