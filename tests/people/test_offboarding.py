"""Leaving: the checklist lists the leaver's systems and returns, is resolved item by item, and closes only
when everything is resolved; the person is then no longer active."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.people import selectors, services

pytestmark = pytest.mark.django_db


def test_the_checklist_starts_with_the_systems_the_person_has_accounts_on(officer, accounts, staff):
    offboarding = services.start_offboarding(
        actor=officer, person=staff["wu"], leaving_on=timezone.localdate()
    )
    assert [i.title for i in offboarding.items.all()] == [
        "停用帳號：會員資料庫", "歸還儲存媒體（隨身碟、外接硬碟、紙本資料）", "歸還設備（筆電、門禁卡、權杖）",
        "刪除或返還持有之個人資料",
    ]  # fmt: skip
    assert AuditEvent.objects.filter(action="people.offboarding.created").count() == 1


def test_only_one_offboarding_is_open_per_person(officer, staff):
    services.start_offboarding(actor=officer, person=staff["wu"], leaving_on=timezone.localdate())
    with pytest.raises(ValidationError, match="已有進行中的離職檢核"):
        services.start_offboarding(actor=officer, person=staff["wu"], leaving_on=timezone.localdate())


def test_not_applicable_needs_a_reason(officer, staff):
    offboarding = services.start_offboarding(
        actor=officer, person=staff["wu"], leaving_on=timezone.localdate()
    )
    with pytest.raises(ValidationError, match="請說明原因"):
        services.resolve_item(actor=officer, item=offboarding.items.first(), outcome="na")


def test_closing_waits_for_every_item_then_marks_the_person_inactive(officer, staff):
    wu = staff["wu"]
    offboarding = services.start_offboarding(actor=officer, person=wu, leaving_on=timezone.localdate())
    items = list(offboarding.items.all())
    for item in items[:-1]:
        services.resolve_item(actor=officer, item=item, outcome="done")
    with pytest.raises(ValidationError, match="尚有 1 個項目未完成"):
        services.close_offboarding(actor=officer, offboarding=offboarding)
    services.resolve_item(actor=officer, item=items[-1], outcome="na", note="未持有個資")
    services.close_offboarding(actor=officer, offboarding=offboarding)
    wu.refresh_from_db()
    assert wu.active is False
    assert selectors.open_offboarding(wu) is None


def test_closing_before_the_leaving_day_is_refused(officer, staff):
    offboarding = services.start_offboarding(
        actor=officer, person=staff["wu"], leaving_on=timezone.localdate() + dt.timedelta(days=10)
    )
    for item in offboarding.items.all():
        services.resolve_item(actor=officer, item=item, outcome="done")
    with pytest.raises(ValidationError, match="離職日尚未到"):
        services.close_offboarding(actor=officer, offboarding=offboarding)


def test_a_revoked_and_disabled_account_is_not_listed_again(officer, reviewer, accounts, staff):
    for account in accounts.accounts.all():
        services.decide(actor=reviewer, account=account, decision="revoke", reason="不再需要")
    services.close_review(actor=officer, review=accounts)
    followup = selectors.followups().get(account__username="wu")
    services.complete_followup(actor=officer, followup=followup, note="已停用")
    assert selectors.systems_of(staff["wu"]) == []
