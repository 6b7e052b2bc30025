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


def _corrected(open_case, officer):
    from shouhu.requests import services
    from shouhu.requests.models import RecipientNotice

    case = open_case("supplement_or_correct", owner=officer, explanation="地址已變更")
    services.verify_identity(actor=officer, request=case, method="document", note="身分證正本")
    services.grant(actor=officer, request=case, note="已更正地址", recipients="物流商乙公司")
    return RecipientNotice.objects.get(request=case)


def test_the_article_11_notice_task_is_reminded_once_a_stage_until_done(open_case, officer):
    from shouhu.requests import services
    from shouhu.requests.reminders import send_art11_reminders

    notice = _corrected(open_case, officer)
    assert notice.due_at is not None  # the law engine's deadline for PDPA Art. 11 V
    before = notice.due_at - dt.timedelta(hours=12)
    assert send_art11_reminders(now=before)["sent"] == 1
    assert send_art11_reminders(now=before + dt.timedelta(minutes=5))["sent"] == 0
    message = mail.outbox[-1]
    assert "更正後通知提醒（剩不到 1 日）" in message.subject
    assert "物流商乙公司" in message.body
    assert "第11條" in message.body
    services.complete_recipient_notice(actor=officer, notice=notice, note="已以電子郵件通知乙公司")
    assert send_art11_reminders(now=notice.due_at)["sent"] == 0  # done: no "passed" reminder


def test_the_reminder_job_sends_both_kinds(open_case, officer, django_capture_on_commit_callbacks):
    from shouhu.jobs.services import enqueue

    notice = _corrected(open_case, officer)
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue(actor=officer, kind="requests.remind", params={"now": notice.due_at.isoformat()})
    job.refresh_from_db()
    assert job.result["sent"] >= 1
    assert any("更正後通知提醒" in m.subject for m in mail.outbox)
