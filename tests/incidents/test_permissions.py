"""Who may do what: staff report, auditors read, officers manage; every write is audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from shouhu.audit.models import AuditEvent
from shouhu.incidents import clocks, notices, package, reports, services
from shouhu.incidents.models import Incident


@pytest.mark.parametrize("role", ["auditor", "staff"])
def test_readers_and_staff_cannot_manage(
    incident: Incident, make_user: Any, client_a: Any, role: str
) -> None:
    user = make_user(role)
    row = clocks.authority_deadline(incident)
    attempts = [
        lambda: services.update_incident(actor=user, incident=incident, data={"title": "x"}),
        lambda: services.mark_deadline_met(actor=user, deadline=row, document="x"),
        lambda: services.transition(actor=user, incident=incident, to="closed"),
        lambda: reports.generate(actor=user, incident=incident, with_pdf=False),
        lambda: notices.prepare_client_notice(actor=user, incident=incident, client=client_a),
        lambda: package.build(actor=user, incident=incident, letter={}),
        lambda: services.add_timeline(actor=user, incident=incident, text="x"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()


def test_auditor_cannot_report(make_user: Any, facts: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        services.report_incident(actor=make_user("auditor"), data=facts)


def test_writes_are_audited(incident: Incident, officer: Any) -> None:
    services.add_timeline(actor=officer, incident=incident, text="已報警（165）")
    task = incident.tasks.first()
    services.set_task_done(actor=officer, task=task, done=True)
    actions = set(AuditEvent.objects.filter(object_id=str(incident.pk)).values_list("action", flat=True))
    assert {"incidents.incident_reported", "incidents.timeline_added", "incidents.task_done"} <= actions
    assert AuditEvent.objects.filter(action="incidents.deadline_added").count() == incident.deadlines.count()


def test_drill_reminder_is_marked(incident: Incident, officer: Any, smtp: Any) -> None:
    from shouhu.incidents.reminders import send_due_reminders

    services.update_incident(actor=officer, incident=incident, data={"is_drill": True})
    row = clocks.authority_deadline(incident)
    incident.deadlines.exclude(pk=row.pk).update(met_at=incident.discovered_at, met_by="test")
    send_due_reminders(now=row.due_at)
    assert smtp.messages[0]["Subject"].strip().startswith("【演練】")


def test_command_refuses_naive_time(db: Any) -> None:
    with pytest.raises(CommandError, match="時區"):
        call_command("incidents", "remind", "--now", "2026-11-26T10:00")
    with pytest.raises(CommandError, match="格式錯誤"):
        call_command("incidents", "remind", "--now", "yesterday")
