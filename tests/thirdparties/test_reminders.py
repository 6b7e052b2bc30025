"""Purge-due reminders: the 個資保護總負責人 hears of each due batch once per stage."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.utils import timezone

from shouhu.organization.models import Designation
from shouhu.thirdparties import services
from shouhu.thirdparties.reminders import send_purge_reminders
from tests.factories import PersonFactory


def test_a_due_batch_is_announced_once(officer):
    Designation.objects.create(
        kind=Designation.Kind.PRIVACY, person=PersonFactory(email="chief@example.com"), position="副總"
    )
    rule = services.save_rule(
        actor=officer,
        data={
            "name": "客服錄音",
            "duration": 6,
            "unit": "months",
            "basis": "規範",
            "start_event": "collected",
        },
    )
    services.start_batch(
        actor=officer, rule=rule, label="上半年", started_on=timezone.localdate() - dt.timedelta(days=170)
    )
    assert send_purge_reminders()["sent"] == 1
    assert send_purge_reminders()["sent"] == 0
    assert mail.outbox[0].to == ["chief@example.com"]
    assert "客服錄音「上半年」" in mail.outbox[0].body


def test_nothing_is_sent_when_nothing_is_due(officer):
    assert send_purge_reminders() == {"sent": 0, "batches": 0}
