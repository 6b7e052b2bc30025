import datetime as dt

import pytest
from django.utils import timezone

from shouhu.accounts.models import LoginThrottle
from shouhu.accounts.services.lockout import check_password_login
from shouhu.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def attempt(username, password, ip="203.0.113.5"):
    return check_password_login(None, username=username, password=password, ip=ip)


def test_four_failures_do_not_lock(make_user, password):
    user = make_user()
    for _ in range(4):
        assert attempt(user.username, "wrong").locked_until is None
    assert attempt(user.username, password).user == user


def test_fifth_failure_locks_the_account_for_15_minutes(make_user):
    user = make_user()
    for _ in range(4):
        attempt(user.username, "wrong")
    result = attempt(user.username, "wrong")
    assert result.locked_until is not None
    minutes = (result.locked_until - timezone.now()).total_seconds() / 60
    assert 14.9 < minutes <= 15


def test_locked_account_refuses_the_right_password(make_user, password):
    user = make_user()
    for _ in range(5):
        attempt(user.username, "wrong")
    result = attempt(user.username, password)
    assert result.user is None
    assert "鎖定" in result.message


def test_lock_on_the_source_ip_blocks_other_accounts_from_that_ip(make_user, password):
    victim, other = make_user(), make_user()
    for _ in range(5):
        attempt(victim.username, "wrong", ip="198.51.100.7")
    assert attempt(other.username, password, ip="198.51.100.7").user is None
    assert attempt(other.username, password, ip="198.51.100.8").user == other


def test_lock_is_released_after_15_minutes_and_the_release_is_audited(make_user, password):
    user = make_user()
    for _ in range(5):
        attempt(user.username, "wrong")
    LoginThrottle.objects.update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert attempt(user.username, password).user == user
    assert AuditEvent.objects.filter(action="auth.lockout_released").count() == 2  # account and IP


def test_lock_is_audited(make_user):
    user = make_user()
    for _ in range(5):
        attempt(user.username, "wrong")
    assert AuditEvent.objects.filter(action="auth.lockout").count() == 2


def test_threshold_and_duration_are_configurable(make_user, settings):
    settings.SHOUHU_LOCKOUT_THRESHOLD = 3
    settings.SHOUHU_LOCKOUT_MINUTES = 60
    user = make_user()
    attempt(user.username, "wrong")
    attempt(user.username, "wrong")
    result = attempt(user.username, "wrong")
    assert result.locked_until is not None
    assert (result.locked_until - timezone.now()) > dt.timedelta(minutes=59)


def test_login_view_shows_lock_message_after_five_bad_passwords(client, make_user):
    user = make_user()
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": user.username, "password": "nope"})
    assert "鎖定" in response.content.decode()


def test_the_lock_message_is_in_the_page_language_only(client, make_user, settings):
    user = make_user()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": user.username, "password": "nope"})
    english = response.content.decode()
    assert "After repeated failed logins, the account or source IP is locked until" in english
    assert "鎖定" not in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    chinese = client.post(
        "/accounts/login/", {"username": user.username, "password": "nope"}
    ).content.decode()
    assert "因連續登入失敗，帳號或來源 IP 已鎖定至" in chinese
    assert "Locked after" not in chinese


def test_a_wrong_password_is_refused_in_the_page_language_only(client, make_user, settings):
    user = make_user()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.post(
        "/accounts/login/", {"username": user.username, "password": "nope"}
    ).content.decode()
    assert "Incorrect username or password." in english
    assert "帳號或密碼錯誤" not in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    chinese = client.post(
        "/accounts/login/", {"username": user.username, "password": "nope"}
    ).content.decode()
    assert "帳號或密碼錯誤。" in chinese
    assert "Incorrect username" not in chinese


def test_admin_unlocks_an_ip_from_the_locks_page(client, make_user, login_as):
    user = make_user()
    for _ in range(5):
        attempt(user.username, "wrong", ip="198.51.100.9")
    login_as(make_user("admin"))
    ip_lock = LoginThrottle.objects.get(scope="ip", key="198.51.100.9")
    assert "198.51.100.9" in client.get("/accounts/locks/").content.decode()
    client.post("/accounts/locks/", {"id": ip_lock.pk})
    ip_lock.refresh_from_db()
    assert ip_lock.locked_until is None
    assert AuditEvent.objects.filter(action="auth.lockout_released", changes__reason="admin").exists()


def test_locks_page_is_for_account_managers_only(client, make_user, login_as):
    login_as(make_user("auditor"))
    assert client.get("/accounts/locks/").status_code == 403
