"""Unknown is not "no": a clock that waits on an unanswered fact is kept, flagged, reminded; only an explicit
"no" with a written reason removes it, and that decision is kept, audited, timelined and reversible."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from shouhu.audit.models import AuditEvent
from shouhu.incidents import services
from shouhu.incidents.models import FactDecision, Incident
from shouhu.incidents.reminders import send_due_reminders

MODA = "moda-art8-report"
SERIOUS_LABEL = "是否危及正常營運或大量當事人權益"


@pytest.fixture
def first_hour(company: Any, officer: Any, chief: Any, now: dt.datetime) -> Incident:
    """An incident reported with first-hour facts only: what, when discovered and known."""
    return services.report_incident(
        actor=officer,
        data={
            "title": "客服信箱誤寄名單",
            "discovered_at": now - dt.timedelta(hours=2),
            "aware_at": now - dt.timedelta(hours=1),
            "summary": "員工誤寄含客戶姓名電話之檔案",
        },
    )


def _moda(incident: Incident) -> Any:
    return incident.deadlines.get(rule_id=MODA, party_id="self")


def test_new_incident_facts_start_unknown(first_hour: Incident) -> None:
    assert (first_hour.serious, first_hour.cyber, first_hour.caused_by_violation, first_hour.ncc_serious) == (
        None,
        None,
        None,
        None,
    )


def test_first_hour_incident_shows_the_moda_72h_clock_pending(first_hour: Incident) -> None:
    row = _moda(first_hour)
    assert row.active is True
    assert row.due_at == first_hour.aware_at + dt.timedelta(hours=72)
    assert [p["key"] for p in row.pending] == ["serious"]
    assert row.pending_zh == f"待判斷：{SERIOUS_LABEL}"


@pytest.mark.parametrize(
    ("value", "reason", "active", "pending"),
    [
        (None, "", True, ["serious"]),
        (True, "", True, []),
        (False, "僅內部測試帳號資料外洩，無當事人權益受影響", False, ["serious"]),
    ],
    ids=["unknown", "yes", "no-with-reason"],
)
def test_answer_decides_the_moda_clock(
    first_hour: Incident, officer: Any, value: bool | None, reason: str, active: bool, pending: list[str]
) -> None:
    services.decide_fact(actor=officer, incident=first_hour, fact="serious", value=value, reason=reason)
    row = _moda(first_hour)
    assert row.active is active
    assert [p["key"] for p in row.pending] == pending


def test_no_without_a_reason_is_refused(first_hour: Incident, officer: Any) -> None:
    with pytest.raises(ValidationError) as err:
        services.decide_fact(actor=officer, incident=first_hour, fact="serious", value=False, reason="  ")
    assert "理由" in err.value.message_dict["reason"][0]
    first_hour.refresh_from_db()
    assert first_hour.serious is None
    assert _moda(first_hour).active is True
    assert not FactDecision.objects.exists()


def test_no_is_kept_audited_and_timelined(first_hour: Incident, officer: Any) -> None:
    services.decide_fact(
        actor=officer, incident=first_hour, fact="serious", value="no", reason="僅3筆，已全數收回"
    )
    decision = FactDecision.objects.get()
    assert (decision.fact, decision.old_value, decision.value) == ("serious", None, False)
    assert (decision.reason, decision.decided_by) == ("僅3筆，已全數收回", officer)
    event = AuditEvent.objects.get(action="incidents.fact_decided")
    assert event.changes["serious"] == [None, False]
    assert event.changes["reason"] == [None, "僅3筆，已全數收回"]
    entry = first_hour.timeline.filter(text__contains=SERIOUS_LABEL).get()
    assert entry.text == f"判斷「{SERIOUS_LABEL}」：尚未判斷 → 否。理由：僅3筆，已全數收回"
    assert entry.actor == officer
    assert AuditEvent.objects.filter(action="incidents.deadline_withdrawn").exists()


@pytest.mark.parametrize(("back_to", "pending"), [(None, ["serious"]), (True, [])], ids=["unknown", "yes"])
def test_reversal_brings_the_clock_back(
    first_hour: Incident, officer: Any, back_to: bool | None, pending: list[str]
) -> None:
    services.decide_fact(
        actor=officer, incident=first_hour, fact="serious", value=False, reason="初判影響輕微"
    )
    services.decide_fact(actor=officer, incident=first_hour, fact="serious", value=back_to, reason="")
    row = _moda(first_hour)
    assert row.active is True
    assert [p["key"] for p in row.pending] == pending
    texts = list(first_hour.timeline.filter(text__contains=SERIOUS_LABEL).values_list("text", flat=True))
    assert texts[-1].startswith(f"更正判斷「{SERIOUS_LABEL}」：否 → ")
    assert FactDecision.objects.count() == 2


def test_same_answer_twice_records_nothing(first_hour: Incident, officer: Any) -> None:
    services.decide_fact(actor=officer, incident=first_hour, fact="serious", value=True)
    assert services.decide_fact(actor=officer, incident=first_hour, fact="serious", value=True) == []
    assert FactDecision.objects.count() == 1


def test_staff_cannot_decide(first_hour: Incident, make_user: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.decide_fact(actor=make_user("staff"), incident=first_hour, fact="serious", value=True)


def test_unknown_fact_name_refused(first_hour: Incident, officer: Any) -> None:
    with pytest.raises(ValidationError):
        services.decide_fact(actor=officer, incident=first_hour, fact="owner", value=True)


def test_edit_with_no_needs_a_reason(first_hour: Incident, officer: Any) -> None:
    with pytest.raises(ValidationError) as err:
        services.update_incident(actor=officer, incident=first_hour, data={"serious": False})
    assert "decision_reason" in err.value.message_dict


def test_report_with_no_and_reason_has_no_moda_clock(company: Any, officer: Any, now: dt.datetime) -> None:
    incident = services.report_incident(
        actor=officer,
        data={
            "title": "測試",
            "discovered_at": now - dt.timedelta(hours=1),
            "serious": False,
            "decision_reason": "測試環境假資料",
        },
    )
    assert not incident.deadlines.filter(rule_id=MODA, active=True).exists()
    assert FactDecision.objects.get().reason == "測試環境假資料"


def test_cyber_unknown_keeps_the_cyber_clock_pending(company: Any, officer: Any, now: dt.datetime) -> None:
    from shouhu.law.models import CompanyFacts

    # given our company is a 特定非公務機關 (a critical-infrastructure provider)
    CompanyFacts.objects.create(company=company, special_reasons=["ci_provider"])
    incident = services.report_incident(
        actor=officer, data={"title": "主機異常", "discovered_at": now - dt.timedelta(minutes=30)}
    )
    # then the 1-hour 資安 report waits on "is it also a cyber incident?"
    row = incident.deadlines.get(rule_id="cyber-snpa-report", party_id="self")
    assert row.active is True
    assert [p["key"] for p in row.pending][0] == "cyber"
    # and answering "not a cyber incident" with a reason removes it
    services.decide_fact(actor=officer, incident=incident, fact="cyber", value=False, reason="純屬誤寄")
    row.refresh_from_db()
    assert row.active is False


def test_reminders_include_pending_deadlines(first_hour: Incident, smtp: Any) -> None:
    row = _moda(first_hour)
    first_hour.deadlines.exclude(pk=row.pk).update(met_at=first_hour.discovered_at, met_by="test")
    assert send_due_reminders(now=row.due_at - dt.timedelta(hours=5))["sent"] == 1
    body = smtp.messages[-1].get_content()
    assert f"待判斷：{SERIOUS_LABEL}" in body
    assert f"/incidents/{first_hour.pk}/facts/serious/" in body


def test_migration_maps_old_false_to_unknown(first_hour: Incident) -> None:
    module = importlib.import_module("shouhu.incidents.migrations.0004_unknown_is_not_no")
    Incident.objects.filter(pk=first_hour.pk).update(serious=False, cyber=False)
    module.false_is_unknown(apps, None)
    first_hour.refresh_from_db()
    assert (first_hour.serious, first_hour.cyber) == (None, None)


def test_stale_clocks_of_live_incidents_are_recomputed(first_hour: Incident) -> None:
    from django.core.management import call_command

    # given a clock stored before facts became three-valued (withdrawn, nothing pending)
    _moda(first_hour).__class__.objects.filter(pk=_moda(first_hour).pk).update(active=False, pending=[])
    # when the recompute command runs (the reminder job does the same first)
    call_command("incidents", "recompute")
    # then the clock is back, flagged
    row = _moda(first_hour)
    assert row.active is True
    assert [p["key"] for p in row.pending] == ["serious"]
    assert AuditEvent.objects.filter(action="incidents.deadline_recomputed", object_id=str(row.pk)).exists()


def test_recompute_of_unchanged_clocks_writes_nothing(first_hour: Incident) -> None:
    from shouhu.incidents import clocks

    before = {r.pk: r.computed_at for r in first_hour.deadlines.all()}
    events = AuditEvent.objects.count()
    clocks.recompute_live()
    assert {r.pk: r.computed_at for r in first_hour.deadlines.all()} == before
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("pending", "url"),
    [
        ({"key": "serious", "party_id": None}, "/incidents/7/facts/serious/"),
        ({"key": "party.self.consumer_records", "party_id": "self"}, "/law/company/"),
        ({"key": "party.client-5.hospital_beds", "party_id": "client-5"}, "/law/clients/5/"),
        ({"key": "party.x.y", "party_id": "x"}, "/incidents/7/"),
    ],
    ids=["incident-fact", "own-threshold", "client-threshold", "unknown-party"],
)
def test_each_pending_fact_links_to_where_it_is_answered(pending: dict[str, Any], url: str) -> None:
    from shouhu.incidents.selectors import answer_url

    assert answer_url(7, pending) == url
