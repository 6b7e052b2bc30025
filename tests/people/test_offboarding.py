"""Leaving: the checklist lists the leaver's systems and returns, is resolved item by item, and closes only
when everything is resolved; the person is then no longer active."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from shouhu.accounts.services import tokens
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


def test_a_revoked_and_disabled_account_is_not_listed_again(officer, reviewer, accounts, staff, close_action):
    for account in accounts.accounts.all():
        services.decide(actor=reviewer, account=account, decision="revoke", reason="不再需要")
    services.close_review(actor=officer, review=accounts)
    close_action(selectors.followups().get(account__username="wu").action, record="已停用")
    assert selectors.systems_of(staff["wu"]) == []


def _leaver_with_login(make_user: Any, staff: dict[str, Any]) -> tuple[Any, str, Client]:
    """吳承翰 with a Shouhu account, signed in on a browser session and holding an API token."""
    user = make_user("staff", username="wu.login")
    wu = staff["wu"]
    wu.user = user
    wu.save(update_fields=["user"])
    _, plain = tokens.create_token(actor=None, user=user, name="script")
    browser = Client()
    browser.force_login(user)
    return user, plain, browser


def test_closing_the_offboarding_stops_the_leaver_signing_in(officer, make_user, staff):
    user, plain, browser = _leaver_with_login(make_user, staff)
    offboarding = services.start_offboarding(
        actor=officer, person=staff["wu"], leaving_on=timezone.localdate()
    )
    for item in offboarding.items.exclude(kind="shouhu"):
        services.resolve_item(actor=officer, item=item, outcome="na", note="無")
    shouhu_item = offboarding.items.get(kind="shouhu")
    services.resolve_item(actor=officer, item=shouhu_item, outcome="na", note="稍後處理")
    services.close_offboarding(actor=officer, offboarding=offboarding)
    user.refresh_from_db()
    assert user.is_active is False
    assert tokens.authenticate_token(plain) is None
    assert not Session.objects.filter(expire_date__gt=timezone.now()).exists()
    assert browser.get("/api/v1/people/reviews").status_code == 401
    shouhu_item.refresh_from_db()
    assert shouhu_item.outcome == "done"
    event = AuditEvent.objects.get(action="accounts.login_disabled")
    assert event.changes["sessions_ended"] == [None, 1]
    assert event.changes["tokens_revoked"] == [None, 1]


def test_marking_the_shouhu_item_done_disables_the_login_at_once(officer, make_user, staff):
    user, plain, _ = _leaver_with_login(make_user, staff)
    offboarding = services.start_offboarding(
        actor=officer, person=staff["wu"], leaving_on=timezone.localdate() + dt.timedelta(days=5)
    )
    services.resolve_item(actor=officer, item=offboarding.items.get(kind="shouhu"), outcome="done")
    user.refresh_from_db()
    assert user.is_active is False
    assert tokens.authenticate_token(plain) is None
    assert AuditEvent.objects.filter(action="accounts.login_disabled", object_id=str(user.pk)).count() == 1


def test_an_officer_cannot_disable_their_own_login_through_an_offboarding(officer, staff):
    wu = staff["wu"]
    wu.user = officer
    wu.save(update_fields=["user"])
    offboarding = services.start_offboarding(actor=officer, person=wu, leaving_on=timezone.localdate())
    with pytest.raises(ValidationError, match="不可停用自己的守護帳號"):
        services.resolve_item(actor=officer, item=offboarding.items.get(kind="shouhu"), outcome="done")
    officer.refresh_from_db()
    assert officer.is_active is True
