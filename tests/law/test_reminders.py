"""Reminder e-mails through a real SMTP server (aiosmtpd on 127.0.0.1), by job and by command."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from shouhu.audit.models import AuditEvent
from shouhu.jobs.models import Job
from shouhu.jobs.services import enqueue
from shouhu.law import services
from shouhu.law.models import Obligation, Reminder
from tests.smtp import Inbox

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 26)


def _owned(officer: Any, key: str, due: dt.date) -> Obligation:
    row = Obligation.objects.get(key=key)
    services.set_owner(actor=officer, obligation=row, owner=officer)
    Obligation.objects.filter(pk=row.pk).update(due_on=due)
    row.refresh_from_db()
    return row


def test_upcoming_and_overdue_reminders_reach_the_owner_once(officer: Any, smtp: Inbox) -> None:
    services.sync_calendar(actor=officer, on=TODAY)
    _owned(officer, "training", TODAY + dt.timedelta(days=14))  # upcoming, on the edge
    _owned(officer, "incident-drill", TODAY - dt.timedelta(days=3))  # overdue
    _owned(officer, "phishing-drill", TODAY + dt.timedelta(days=15))  # beyond the window
    result = services.send_reminders(on=TODAY, days_before=14)
    assert result == {"sent": 2, "skipped": 0, "invalid": 0, "failed": 0}
    subjects = sorted(str(m["Subject"]).strip() for m in smtp.messages)
    assert subjects == ["【守護】14 日後到期：個資及資安教育訓練", "【守護】已逾期 3 日：事故演練及檢討"]
    assert {str(m["To"]) for m in smtp.messages} == {"officer@example.com"}
    body = next(m for m in smtp.messages if "逾期" in str(m["Subject"])).get_content()
    assert "民國115年11月23日到期" in body
    assert "指引第三章" in body
    again = services.send_reminders(on=TODAY, days_before=14)
    assert again == {"sent": 0, "skipped": 2, "invalid": 0, "failed": 0}
    assert len(smtp.messages) == 2
    assert Reminder.objects.count() == 2
    assert AuditEvent.objects.filter(action="law.reminder_sent").count() == 2


def test_items_without_owner_or_email_get_no_mail(officer: Any, make_user: Any, smtp: Inbox) -> None:
    services.sync_calendar(actor=officer, on=TODAY)
    row = Obligation.objects.get(key="training")
    Obligation.objects.filter(pk=row.pk).update(due_on=TODAY)
    no_mail = make_user("auditor", email="")
    services.set_owner(actor=officer, obligation=Obligation.objects.get(key="incident-drill"), owner=no_mail)
    assert services.send_reminders(on=TODAY) == {"sent": 0, "skipped": 0, "invalid": 0, "failed": 0}
    assert smtp.messages == []


def test_job_and_command_use_the_same_mechanism(
    officer: Any, smtp: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    services.sync_calendar(actor=officer, on=TODAY)
    _owned(officer, "training", TODAY + dt.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue(actor=officer, kind="law.send_reminders", params={"on": "115/11/26", "days_before": 7})
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"sent": 1, "skipped": 0, "invalid": 0, "failed": 0}
    _owned(officer, "incident-drill", TODAY - dt.timedelta(days=1))
    out = StringIO()
    call_command("deadlines", "remind", "--date", "2026-11-26", "--days-before", "7", stdout=out)
    assert "已寄送 1 封提醒，略過 1 項" in out.getvalue()
    assert len(smtp.messages) == 2
    assert AuditEvent.objects.filter(action="law.reminder_sent", channel="cli").count() == 1


def test_a_stored_bad_date_is_counted_and_the_other_items_are_reminded(officer: Any, smtp: Inbox) -> None:
    # given two owned items due, one of them with a last completion written around the services (year 71)
    services.sync_calendar(actor=officer, on=TODAY)
    _owned(officer, "training", TODAY + dt.timedelta(days=3))
    bad = _owned(officer, "incident-drill", TODAY - dt.timedelta(days=1))
    Obligation.objects.filter(pk=bad.pk).update(last_done_on=dt.date(71, 1, 1))
    # when the reminders run
    result = services.send_reminders(on=TODAY, days_before=14)
    # then the bad one is counted and skipped, the good one is sent
    assert result == {"sent": 1, "skipped": 0, "invalid": 1, "failed": 0}
    assert [str(m["Subject"]).strip() for m in smtp.messages] == ["【守護】3 日後到期：個資及資安教育訓練"]


def test_a_completion_dated_year_71_is_refused_naming_the_field(officer: Any) -> None:
    services.sync_calendar(actor=officer, on=TODAY)
    row = _owned(officer, "training", TODAY + dt.timedelta(days=3))
    with pytest.raises(ValidationError) as caught:
        services.complete(actor=officer, obligation=row, done_on=dt.date(71, 1, 1))
    assert "完成日" in caught.value.message_dict["done_on"][0]
