"""Reminders before a request's deadline: sent once per stage, to the owner and the 個資保護總負責人."""

from __future__ import annotations

import datetime as dt

from django.core import mail

from shouhu.organization.models import Designation
from shouhu.requests.reminders import send_due_reminders
from tests.factories import PersonFactory


def test_one_reminder_a_stage_to_owner_and_chief(open_case, officer):
    Designation.objects.create(
        kind=Designation.Kind.PRIVACY, person=PersonFactory(email="chief@example.com"), position="副總"
    )
    case = open_case("copy", owner=officer)
    before = case.due_at - dt.timedelta(hours=12)
    assert send_due_reminders(now=before)["sent"] == 1
    assert send_due_reminders(now=before + dt.timedelta(minutes=5))["sent"] == 0
    assert sorted(mail.outbox[0].to) == ["chief@example.com", "officer@example.com"]
    assert "剩不到 1 日" in mail.outbox[0].subject


def test_no_reminder_long_before_the_deadline(open_case, officer):
    case = open_case("copy", owner=officer)
    assert send_due_reminders(now=case.due_at - dt.timedelta(days=10))["sent"] == 0


def test_an_extension_moves_the_reminders_to_the_new_deadline(open_case, officer):
    from shouhu.requests import services

    case = open_case("copy", owner=officer)
    services.extend(actor=officer, request=case, reason="需調閱備份")
    assert send_due_reminders(now=case.due_at - dt.timedelta(hours=12))["sent"] == 0


def test_a_closed_case_is_not_reminded(open_case, officer):
    from shouhu.requests import services

    case = services.withdraw(actor=officer, request=open_case("copy", owner=officer), note="電話撤回")
    assert send_due_reminders(now=case.due_at)["sent"] == 0
