"""A closed incident drill completes the yearly drill obligation of the compliance calendar."""

import datetime as dt

import pytest
from django.utils import timezone

from shouhu.incidents import services
from shouhu.law.models import Obligation
from shouhu.law.services import sync_calendar

pytestmark = pytest.mark.django_db


def test_closing_a_drill_records_the_yearly_drill_as_done(company, officer, facts, now):
    sync_calendar(actor=officer)
    drill = services.report_incident(actor=officer, data={**facts, "is_drill": True}, clients=[])
    services.update_incident(
        actor=officer, incident=drill, data={"handling_ended_at": now - dt.timedelta(hours=1)}
    )
    services.transition(actor=officer, incident=drill, to="closed")
    obligation = Obligation.objects.get(key="incident-drill")
    assert obligation.last_done_on == timezone.localdate(now - dt.timedelta(hours=1))
    assert obligation.due_on == obligation.last_done_on.replace(year=obligation.last_done_on.year + 1)


def test_closing_a_real_incident_does_not_count_as_a_drill(company, officer, facts, now):
    sync_calendar(actor=officer)
    real = services.report_incident(actor=officer, data=facts, clients=[])
    services.update_incident(
        actor=officer, incident=real, data={"handling_ended_at": now - dt.timedelta(hours=1)}
    )
    services.transition(actor=officer, incident=real, to="closed")
    assert Obligation.objects.get(key="incident-drill").last_done_on is None


def test_dashboard_panel_lists_open_incident_deadlines(client, login_as, incident, officer):
    login_as(officer)
    body = client.get("/").content.decode()
    assert incident.title in body
    assert "沒有未完成之事故期限" not in body
