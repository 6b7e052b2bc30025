"""Reminder e-mails at 24 h, 6 h, 1 h before and when passed, sent once each, through a real SMTP server."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management import call_command

from shouhu.incidents import clocks
from shouhu.incidents.models import Incident, Reminder
from shouhu.incidents.reminders import current_stage, send_due_reminders
from shouhu.jobs.services import enqueue


def _only_authority_open(incident: Incident) -> Any:
    row = clocks.authority_deadline(incident)
    incident.deadlines.exclude(pk=row.pk).update(met_at=incident.discovered_at, met_by="test")
    return row


def test_stage_table() -> None:
    due = dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC)
    assert current_stage(due, due - dt.timedelta(hours=25)) is None
    assert current_stage(due, due - dt.timedelta(hours=23))[0] == "24h"
    assert current_stage(due, due - dt.timedelta(hours=5))[0] == "6h"
    assert current_stage(due, due - dt.timedelta(minutes=30))[0] == "1h"
    assert current_stage(due, due + dt.timedelta(seconds=1))[0] == "passed"


def test_reminders_via_real_smtp_sent_once(incident: Incident, smtp: Any) -> None:
    # given one open deadline, the incident owner and the 總負責人 with e-mail addresses
    row = _only_authority_open(incident)
    due = row.due_at
    # when the job runs 23 hours before, twice
    assert send_due_reminders(now=due - dt.timedelta(hours=23))["sent"] == 1
    assert send_due_reminders(now=due - dt.timedelta(hours=22))["sent"] == 0
    # then one e-mail reached the SMTP server, addressed to both
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert set(smtp.envelopes[0].rcpt_tos) == {"officer@example.com", "chief@example.com"}
    assert "剩不到 24 小時" in message["Subject"]
    assert row.title_zh in message.get_content()
    # the 6 h, 1 h and passed stages each once more
    for hours, label in ((5, "6 小時"), (0.5, "1 小時"), (-0.1, "已逾期")):
        now = due - dt.timedelta(hours=hours)
        assert send_due_reminders(now=now)["sent"] == 1
        assert send_due_reminders(now=now)["sent"] == 0
        assert label in smtp.messages[-1]["Subject"]
    assert len(smtp.messages) == 4
    assert Reminder.objects.filter(deadline=row).count() == 4


def test_recomputed_due_time_restarts_stages(incident: Incident, smtp: Any) -> None:
    row = _only_authority_open(incident)
    send_due_reminders(now=row.due_at - dt.timedelta(hours=2))
    row.due_at += dt.timedelta(hours=10)
    row.save(update_fields=["due_at"])
    assert send_due_reminders(now=row.due_at - dt.timedelta(hours=2))["sent"] == 1
    assert len(smtp.messages) == 2


def test_met_deadline_gets_no_reminder(incident: Incident, smtp: Any) -> None:
    row = _only_authority_open(incident)
    row.met_at, row.met_by = row.due_at, "表2"
    row.save()
    assert send_due_reminders(now=row.due_at + dt.timedelta(hours=1))["sent"] == 0
    assert smtp.messages == []


def test_smtp_refusal_is_retried_next_run(incident: Incident, smtp: Any) -> None:
    row = _only_authority_open(incident)
    smtp.refuse = True
    result = send_due_reminders(now=row.due_at - dt.timedelta(hours=3))
    assert result == {"sent": 0, "skipped": 0, "failed": 1, "invalid": 0}
    assert not Reminder.objects.exists()
    smtp.refuse = False
    assert send_due_reminders(now=row.due_at - dt.timedelta(hours=3))["sent"] == 1


def test_command_and_job_use_the_same_function(
    incident: Incident, officer: Any, smtp: Any, django_capture_on_commit_callbacks: Any
) -> None:
    row = _only_authority_open(incident)
    at = (row.due_at - dt.timedelta(minutes=30)).isoformat()
    call_command("incidents", "remind", "--now", at)
    assert len(smtp.messages) == 1
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue(actor=officer, kind="incidents.remind", params={"now": at})
    job.refresh_from_db()
    assert job.status == "succeeded"
    assert job.result["sent"] == 0
    assert len(smtp.messages) == 1
