"""From log lines to alerts, and every decision on an alert: confirm (知悉), assign, close, incident."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouhu.audit.models import AuditEvent
from shouhu.incidents.models import Incident
from shouhu.logwatch import selectors, services
from shouhu.logwatch.models import Alert, AlertStatus
from tests.logwatch.conftest import clf

pytestmark = pytest.mark.django_db

NIGHT = "".join(
    clf(f"09/May/2026:02:{i:02d}:00", user="chen.ops", path="/api/customers/export", size=1048576) + "\n"
    for i in range(55)
)


@pytest.fixture
def night_alert(officer, web_source, read) -> Alert:
    read(officer, web_source, NIGHT.encode())
    return Alert.objects.get(rule="after_hours")


def test_after_hours_bulk_read_becomes_one_alert_with_its_explanation(night_alert):
    assert (night_alert.subject, night_alert.count, night_alert.status) == ("chen.ops", 55, AlertStatus.OPEN)
    assert "非上班時間" in night_alert.explanation_zh
    assert "55 次" in night_alert.explanation_zh
    assert AuditEvent.objects.filter(action="logwatch.alert_raised", object_id=str(night_alert.pk)).exists()


def test_the_same_lines_sent_again_do_not_raise_a_second_alert(officer, web_source, read, night_alert):
    read(officer, web_source, NIGHT.encode())
    assert Alert.objects.filter(rule="after_hours").count() == 1
    night_alert.refresh_from_db()
    assert night_alert.count == 55


def test_alert_events_come_from_the_store(night_alert):
    events = selectors.alert_events(night_alert)
    assert len(events) == 20  # a finding keeps the first 20 line numbers
    assert events[0]["account"] == "chen.ops"
    assert events[0]["target"] == "/api/customers/export"


def test_confirming_records_awareness_and_is_audited(officer, night_alert):
    alert = services.acknowledge(actor=officer, alert=night_alert)
    assert alert.status == AlertStatus.ACKNOWLEDGED
    assert alert.acknowledged_by == officer
    assert alert.assignee == officer
    assert AuditEvent.objects.filter(action="logwatch.alert_acknowledged", object_id=str(alert.pk)).exists()
    with pytest.raises(ValidationError):
        services.acknowledge(actor=officer, alert=alert)


def test_assign_only_to_someone_who_may_handle_alerts(officer, make_user, night_alert):
    chief = make_user("is_chief", username="chief")
    staff = make_user("staff", username="staffer")
    assert services.assign(actor=officer, alert=night_alert, user=chief).assignee == chief
    with pytest.raises(ValidationError, match="沒有處理警示的權限"):
        services.assign(actor=officer, alert=night_alert, user=staff)
    assert AuditEvent.objects.filter(action="logwatch.alert_assigned").count() == 1


def test_close_needs_a_reason_and_an_explanation_for_false_positives(officer, night_alert):
    with pytest.raises(ValidationError) as exc:
        services.close(actor=officer, alert=night_alert, reason="false_positive")
    assert "note" in exc.value.message_dict
    alert = services.close(
        actor=officer, alert=night_alert, reason="false_positive", note="月底結帳，主管核准加班"
    )
    assert alert.status == AlertStatus.CLOSED
    assert alert.close_note == "月底結帳，主管核准加班"
    event = AuditEvent.objects.get(action="logwatch.alert_closed", object_id=str(alert.pk))
    assert event.changes["close_reason"] == [None, "false_positive"]
    with pytest.raises(ValidationError):
        services.close(actor=officer, alert=alert, reason="resolved")


def test_one_click_incident_with_facts_and_awareness_at_confirmation(officer, night_alert):
    confirmed = services.acknowledge(actor=officer, alert=night_alert)
    incident_id = services.to_incident(actor=officer, alert=confirmed)
    incident = Incident.objects.get(pk=incident_id)
    assert incident.aware_at == confirmed.acknowledged_at
    assert incident.discovered_at == night_alert.created_at
    assert incident.occurred_at == night_alert.first_at
    assert "chen.ops" in incident.title
    assert "非上班時間" in incident.summary
    assert incident.records_unknown is True
    night_alert.refresh_from_db()
    assert (night_alert.status, night_alert.incident_id) == (AlertStatus.INCIDENT, incident_id)
    assert AuditEvent.objects.filter(action="logwatch.alert_to_incident").exists()


def test_incident_without_earlier_confirmation_takes_the_click_as_awareness(officer, night_alert):
    incident = Incident.objects.get(pk=services.to_incident(actor=officer, alert=night_alert))
    night_alert.refresh_from_db()
    assert incident.aware_at == night_alert.acknowledged_at is not None


def test_auditors_read_alerts_but_cannot_decide(make_user, night_alert):
    auditor = make_user("auditor")
    assert night_alert in selectors.alerts(status="active")
    with pytest.raises(PermissionDenied):
        services.close(actor=auditor, alert=night_alert, reason="resolved")
    with pytest.raises(PermissionDenied):
        services.to_incident(actor=auditor, alert=night_alert)


def test_blocklist_import_and_hit(officer, web_source, read):
    blocklist = services.import_blocklist(
        actor=officer,
        name="abuse.ch Feodo",
        file=b"# Feodo Tracker\n185.220.101.33\n45.9.148.0/24\nnot-an-entry!!\n",
        filename="ipblocklist.txt",
    )
    assert (blocklist.networks, blocklist.domains, blocklist.ignored) == (2, 0, 1)
    read(officer, web_source, (clf("04/May/2026:10:00:00", ip="45.9.148.9") + "\n").encode())
    alert = Alert.objects.get(rule="blocklist")
    assert alert.facts["list"] == "abuse.ch Feodo"
    assert alert.subject == "45.9.148.9"


def test_rules_can_be_tuned_and_switched_off(officer, web_source, read):
    with pytest.raises(ValidationError) as exc:
        services.set_rules(
            actor=officer, source=web_source, data={"after_hours": {"enabled": True, "min_events": 0}}
        )
    assert "after_hours.min_events" in exc.value.message_dict
    services.set_rules(actor=officer, source=web_source, data={"after_hours": {"enabled": False}})
    read(officer, web_source, NIGHT.encode())
    assert not Alert.objects.filter(rule="after_hours").exists()


def test_inventory_personal_data_endpoint_served_without_login(officer, read):
    from shouhu.inventory.models import PersonalDataFile, System
    from tests.factories import DepartmentFactory

    system = System.objects.create(name="CRM", kind="client_store", location="cloud", network_zone="db")
    pd_file = PersonalDataFile.objects.create(
        name="客戶資料",
        natural_key="crm|客戶資料",
        department=DepartmentFactory(),
        storage_locations="PostgreSQL crm.customers、/api/customers",
    )
    pd_file.systems.add(system)
    source = services.create_source(
        actor=officer, data={"name": "crm", "format": "combined", "system": system}
    )
    read(officer, source, (clf("04/May/2026:10:00:00", path="/api/customers/77") + "\n").encode())
    alert = Alert.objects.get(rule="pd_endpoint")
    assert alert.facts == {
        "how": "anonymous",
        "endpoint": "客戶資料",
        "ip": "61.220.14.7",
        "day": "2026-05-04",
    }
