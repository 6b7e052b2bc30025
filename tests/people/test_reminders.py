"""E-mail reminders (real SMTP on 127.0.0.1): follow-ups near or past their due date, review campaigns near
or past theirs, and offboarding checklists still open after the leaving day — once a day each, one bad row
never stopping the rest, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.people import reminders, services
from shouhu.people.models import FollowUp, Offboarding, Review

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    return timezone.localdate()


def _to(inbox) -> list[tuple[str, str]]:
    return sorted((m["To"], str(m["Subject"]).strip()) for m in inbox.messages)


@pytest.fixture
def closed(officer, reviewer, accounts, make_user):
    """A closed review with follow-ups due in 2 days, owned by it.chief."""
    owner = make_user("pd_officer", username="it.chief", email="chief@example.tw")
    for account in accounts.accounts.all():
        decision = "revoke" if account.username == "temp01" else "keep"
        services.decide(actor=reviewer, account=account, decision=decision, reason="合約結束")
    services.close_review(actor=officer, review=accounts, followup_owner=owner,
                          followup_due_on=_today() + dt.timedelta(days=2))  # fmt: skip
    return accounts


def test_a_follow_up_near_its_due_date_reminds_the_action_owner_once_a_day(smtp, closed):
    assert reminders.send_reminders()["followup"] == 1
    assert _to(smtp) == [("chief@example.tw", "[守護] 權限撤銷待辦提醒：會員資料庫 temp01（2 日後到期）")]
    body = smtp.messages[0].get_content()
    action_id = FollowUp.objects.get().action_id
    assert f"矯正措施：CA-{action_id}（結案即完成此待辦）" in body
    assert f"/assessment/actions/{action_id}/" in body
    assert reminders.send_reminders()["sent"] == 0  # not again today
    assert reminders.send_reminders(on=_today() + dt.timedelta(days=3))["followup"] == 1  # overdue next day
    assert "已逾期 1 日" in smtp.messages[-1]["Subject"]


def test_a_follow_up_further_off_is_not_reminded_yet(smtp, officer, reviewer, accounts):
    for account in accounts.accounts.all():
        services.decide(actor=reviewer, account=account, decision="revoke", reason="離職")
    services.close_review(actor=officer, review=accounts)  # due in 14 days
    assert reminders.send_reminders()["followup"] == 0
    assert smtp.messages == []


def test_a_review_near_its_due_date_reminds_the_reviewers_with_undecided_accounts(
    smtp, review, accounts, reviewer
):
    Review.objects.filter(pk=review.pk).update(due_on=_today() + dt.timedelta(days=1))
    reviewer.email = "owner@example.tw"
    reviewer.save(update_fields=["email"])
    assert reminders.send_reminders()["review"] == 1
    assert _to(smtp) == [("owner@example.tw", f"[守護] 存取權限審查提醒：{review.title}（1 日後到期）")]
    assert "尚未決定：3 個帳號（共 3 個）" in smtp.messages[0].get_content()


def test_an_overdue_review_also_reminds_whoever_opened_it(smtp, officer, review, accounts, reviewer):
    Review.objects.filter(pk=review.pk).update(due_on=_today() - dt.timedelta(days=2))
    officer.email, reviewer.email = "officer@example.tw", "owner@example.tw"
    officer.save(update_fields=["email"])
    reviewer.save(update_fields=["email"])
    reminders.send_reminders()
    assert smtp.messages[0]["To"] == "owner@example.tw, officer@example.tw"
    assert "已逾期 2 日" in smtp.messages[0]["Subject"]


def test_a_fully_decided_review_is_not_reminded(smtp, review, accounts, reviewer):
    Review.objects.filter(pk=review.pk).update(due_on=_today())
    for account in accounts.accounts.all():
        services.decide(actor=reviewer, account=account, decision="keep", reason="職務需要")
    assert reminders.send_reminders()["review"] == 0


def test_an_offboarding_open_after_the_leaving_day_reminds_whoever_opened_it(smtp, officer, staff):
    officer.email = "officer@example.tw"
    officer.save(update_fields=["email"])
    offboarding = services.start_offboarding(actor=officer, person=staff["wu"], leaving_on=_today())
    assert reminders.send_reminders()["offboarding"] == 0  # the leaving day itself: not yet
    Offboarding.objects.filter(pk=offboarding.pk).update(leaving_on=_today() - dt.timedelta(days=3))
    assert reminders.send_reminders()["offboarding"] == 1
    message = smtp.messages[0]
    assert _to(smtp) == [("officer@example.tw", "[守護] 離職檢核未完成提醒：吳承翰")]
    assert "已過 3 日" in message.get_content()
    assert "- 歸還設備（筆電、門禁卡、權杖）" in message.get_content()


def test_one_row_that_cannot_be_sent_does_not_stop_the_others(smtp, closed, officer, staff, make_user):
    broken = make_user("pd_officer", username="broken", email="x@example.tw\nBcc: evil@example.com")
    offboarding = services.start_offboarding(actor=broken, person=staff["lee"], leaving_on=_today())
    Offboarding.objects.filter(pk=offboarding.pk).update(leaving_on=_today() - dt.timedelta(days=1))
    result = reminders.send_reminders()
    assert (result["followup"], result["offboarding"], result["failed"]) == (1, 0, 1)
    assert _to(smtp) == [("chief@example.tw", "[守護] 權限撤銷待辦提醒：會員資料庫 temp01（2 日後到期）")]
    assert Offboarding.objects.get(pk=offboarding.pk).last_reminded_on is None  # tried again next run
    event = AuditEvent.objects.get(action="people.reminders_sent")
    assert event.changes["followup"] == [None, [FollowUp.objects.get().pk]]
    assert event.changes["failed"] == [None, 1]


def test_the_reminder_job_is_on_the_worker_schedule():
    from shouhu.jobs.schedule import SCHEDULE
    from shouhu.jobs.services import registered_kinds

    assert reminders.REMIND_JOB in registered_kinds()
    assert reminders.REMIND_JOB in {s.kind for s in SCHEDULE}
