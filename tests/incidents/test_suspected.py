"""An employee's suspected-event report: provisional clocks, the chiefs e-mailed at once (configurable),
triage that records 知悉 and confirms or closes with a reason; staff see only their own reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from shouhu.audit.models import AuditEvent
from shouhu.incidents import suspected
from shouhu.incidents.models import Incident, State
from shouhu.incidents.reminders import send_due_reminders
from shouhu.organization.models import Designation
from tests.factories import PersonFactory

MODA = "moda-art8-report"


@pytest.fixture
def employee(make_user: Any) -> Any:
    return make_user("staff", username="employee", email="employee@example.com")


@pytest.fixture
def security_chief(db: Any) -> Any:
    person = PersonFactory(name="林資安", email="ciso@example.com")
    return Designation.objects.create(kind=Designation.Kind.SECURITY, person=person, position="資訊長")


def _report(employee: Any, now: dt.datetime, capture: Any) -> Incident:
    with capture(execute=True):
        return suspected.report_suspected(
            actor=employee,
            what="把客戶名單寄錯給外部廠商\n檔案含姓名與電話",
            noticed_at=now - dt.timedelta(minutes=20),
            data_items="客戶姓名、電話",
            contact="分機 123",
        )


def test_staff_report_is_a_suspected_event_with_provisional_pending_clock(
    company: Any, employee: Any, now: dt.datetime, django_capture_on_commit_callbacks: Any
) -> None:
    incident = _report(employee, now, django_capture_on_commit_callbacks)
    assert incident.state == State.SUSPECTED
    assert incident.reported_by == employee
    assert incident.title == "把客戶名單寄錯給外部廠商"
    assert (incident.data_items, incident.reporter_contact) == ("客戶姓名、電話", "分機 123")
    row = incident.deadlines.get(rule_id=MODA, party_id="self")
    assert row.active is True
    assert row.due_at == incident.discovered_at + dt.timedelta(hours=72)
    assert [p["key"] for p in row.pending] == ["serious"]


def test_chiefs_are_emailed_at_once(
    company: Any,
    employee: Any,
    chief: Any,
    security_chief: Any,
    now: dt.datetime,
    smtp: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    incident = _report(employee, now, django_capture_on_commit_callbacks)
    assert len(smtp.messages) == 1
    assert set(smtp.envelopes[0].rcpt_tos) == {"chief@example.com", "ciso@example.com"}
    assert f"INC-{incident.pk}" in smtp.messages[0]["Subject"]
    assert f"/incidents/{incident.pk}/" in smtp.messages[0].get_content()
    assert incident.timeline.filter(text="已以電子郵件通知：個資保護總負責人、資安總負責人").exists()


def test_notification_target_is_configurable(
    company: Any,
    employee: Any,
    officer: Any,
    chief: Any,
    security_chief: Any,
    now: dt.datetime,
    smtp: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    suspected.update_notify_settings(
        actor=officer,
        data={
            "notify_privacy_chief": True,
            "notify_security_chief": False,
            "extra_recipients": "soc@example.com",
        },
    )
    _report(employee, now, django_capture_on_commit_callbacks)
    assert set(smtp.envelopes[0].rcpt_tos) == {"chief@example.com", "soc@example.com"}
    assert AuditEvent.objects.filter(action="incidents.notifysettings.updated").exists()


def test_bad_extra_address_refused(company: Any, officer: Any) -> None:
    with pytest.raises(ValidationError) as err:
        suspected.update_notify_settings(
            actor=officer,
            data={
                "notify_privacy_chief": True,
                "notify_security_chief": True,
                "extra_recipients": "a@b.c, nope",
            },
        )
    assert "nope" in err.value.message_dict["extra_recipients"][0]


def test_mail_failure_keeps_the_report(
    company: Any,
    employee: Any,
    chief: Any,
    now: dt.datetime,
    smtp: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    smtp.refuse = True
    incident = _report(employee, now, django_capture_on_commit_callbacks)
    assert Incident.objects.filter(pk=incident.pk, state=State.SUSPECTED).exists()
    assert incident.timeline.filter(text__contains="寄送失敗").exists()


def test_no_recipient_is_said_on_the_timeline(
    company: Any, employee: Any, now: dt.datetime, django_capture_on_commit_callbacks: Any
) -> None:
    incident = _report(employee, now, django_capture_on_commit_callbacks)
    assert incident.timeline.filter(text__startswith="未能通知").exists()


def test_triage_confirm_records_aware_and_recomputes(
    company: Any, employee: Any, officer: Any, now: dt.datetime, django_capture_on_commit_callbacks: Any
) -> None:
    incident = _report(employee, now, django_capture_on_commit_callbacks)
    aware = now - dt.timedelta(minutes=5)
    suspected.triage_confirm(actor=officer, incident=incident, aware_at=aware)
    incident.refresh_from_db()
    assert (incident.state, incident.aware_at, incident.owner, incident.triaged_by) == (
        State.OPEN,
        aware,
        officer,
        officer,
    )
    assert incident.deadlines.get(rule_id=MODA).due_at == aware + dt.timedelta(hours=72)
    assert AuditEvent.objects.get(action="incidents.triaged").changes["state"] == ["suspected", "open"]
    assert incident.timeline.filter(text__startswith="分流：確認為個資事故").exists()


def test_triage_dismiss_needs_a_reason_and_withdraws_the_clocks(
    company: Any, employee: Any, officer: Any, now: dt.datetime, django_capture_on_commit_callbacks: Any
) -> None:
    incident = _report(employee, now, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        suspected.triage_dismiss(actor=officer, incident=incident, reason=" ")
    suspected.triage_dismiss(actor=officer, incident=incident, reason="收件者為本公司另一部門，未外流")
    incident.refresh_from_db()
    assert incident.state == State.DISMISSED
    assert incident.aware_at is not None
    assert not incident.deadlines.filter(active=True).exists()
    assert incident.timeline.filter(text__endswith="理由：收件者為本公司另一部門，未外流").exists()
    # a dismissed report cannot be triaged again without reopening it
    with pytest.raises(ValidationError):
        suspected.triage_confirm(actor=officer, incident=incident)


def test_reopened_dismissal_brings_clocks_back(
    company: Any, employee: Any, officer: Any, now: dt.datetime, django_capture_on_commit_callbacks: Any
) -> None:
    from shouhu.incidents import services

    incident = _report(employee, now, django_capture_on_commit_callbacks)
    suspected.triage_dismiss(actor=officer, incident=incident, reason="誤報")
    services.transition(actor=officer, incident=incident, to=State.SUSPECTED)
    assert incident.deadlines.filter(rule_id=MODA, active=True).exists()


def test_staff_cannot_triage(
    company: Any, employee: Any, now: dt.datetime, django_capture_on_commit_callbacks: Any
) -> None:
    incident = _report(employee, now, django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        suspected.triage_confirm(actor=employee, incident=incident)


def test_reminders_run_for_suspected_events(
    company: Any,
    employee: Any,
    chief: Any,
    now: dt.datetime,
    smtp: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    incident = _report(employee, now, django_capture_on_commit_callbacks)
    row = incident.deadlines.get(rule_id=MODA)
    incident.deadlines.exclude(pk=row.pk).update(met_at=now, met_by="test")
    assert send_due_reminders(now=row.due_at - dt.timedelta(hours=2))["sent"] == 1
    assert "疑似事件" in smtp.messages[-1]["Subject"]


def test_staff_menu_home_form_and_only_own_reports(
    company: Any,
    employee: Any,
    make_user: Any,
    login_as: Any,
    now: dt.datetime,
    django_capture_on_commit_callbacks: Any,
) -> None:
    other = make_user("staff", username="other")
    theirs = _report(other, now, django_capture_on_commit_callbacks)
    c = login_as(employee)
    home = c.get(reverse("core:dashboard")).content.decode()
    assert reverse("incidents:suspect") in home
    assert 'data-testid="home-suspect"' in home
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            reverse("incidents:suspect"),
            {"what": "筆電遺失", "noticed_at": (now - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")},
        )
    assert response.status_code == 302
    mine = Incident.objects.get(reported_by=employee)
    listing = c.get(reverse("incidents:list")).content.decode()
    assert "筆電遺失" in listing
    assert theirs.title not in listing
    assert c.get(reverse("incidents:detail", args=[theirs.pk])).status_code == 403
    page = c.get(reverse("incidents:detail", args=[mine.pk])).content.decode()
    assert "待分流" in page
    assert 'data-testid="triage-confirm"' not in page
    assert c.post(reverse("incidents:triage_confirm", args=[mine.pk])).status_code == 403


def test_suspected_page_says_the_clocks_are_provisional_in_one_english_sentence(
    company: Any, employee: Any, login_as: Any, now: dt.datetime, django_capture_on_commit_callbacks: Any
) -> None:
    mine = _report(employee, now, django_capture_on_commit_callbacks)
    c = login_as(employee)
    c.cookies["django_language"] = "en"
    page = c.get(reverse("incidents:detail", args=[mine.pk])).content.decode()
    assert (
        "The legal deadlines below are <strong>provisional</strong>, counted from the time of discovery"
        in page
    )
