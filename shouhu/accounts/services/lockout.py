"""Login with lockout: N consecutive failures lock the account name and the source IP for M minutes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from shouhu.accounts import events
from shouhu.accounts.models import LoginThrottle, User


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    locked_until: dt.datetime | None = None
    message: str = ""


def _throttles(username: str, ip: str | None) -> list[tuple[str, str]]:
    keys = [(LoginThrottle.Scope.USER.value, username.strip().lower()[:150])]
    if ip:
        keys.append((LoginThrottle.Scope.IP.value, ip))
    return keys


def _release_if_expired(throttle: LoginThrottle, now: dt.datetime) -> None:
    if throttle.locked_until is not None and throttle.locked_until <= now:
        throttle.failures = 0
        throttle.locked_until = None
        throttle.save(update_fields=["failures", "locked_until"])
        events.lock_released(throttle.scope, throttle.key)


def current_lock(username: str, ip: str | None) -> dt.datetime | None:
    now = timezone.now()
    until = None
    for scope, key in _throttles(username, ip):
        throttle = LoginThrottle.objects.filter(scope=scope, key=key).first()
        if throttle is None:
            continue
        _release_if_expired(throttle, now)
        if throttle.is_locked(now) and throttle.locked_until is not None:
            until = max(until, throttle.locked_until) if until else throttle.locked_until
    return until


def locked_message(until: dt.datetime) -> str:
    """Why the login is refused, in the page's language (the time in Taipei)."""
    local = timezone.localtime(until)
    return gettext(
        "因連續登入失敗，帳號或來源 IP 已鎖定至 {time}（台北時間）。請稍後再試或聯絡系統管理員。"
    ).format(time=f"{local:%H:%M}")


@transaction.atomic
def register_failure(username: str, ip: str | None, *, reason: str) -> dt.datetime | None:
    """Count one failure against the account name and the IP; lock when the threshold is reached."""
    now = timezone.now()
    events.login_failed(username, reason=reason)
    locked_until = None
    for scope, key in _throttles(username, ip):
        throttle, _ = LoginThrottle.objects.select_for_update().get_or_create(scope=scope, key=key)
        _release_if_expired(throttle, now)
        throttle.failures += 1
        throttle.last_failure_at = now
        if throttle.failures >= settings.SHOUHU_LOCKOUT_THRESHOLD and not throttle.is_locked(now):
            throttle.locked_until = now + dt.timedelta(minutes=settings.SHOUHU_LOCKOUT_MINUTES)
            events.locked(scope, key, until=throttle.locked_until.isoformat())
        throttle.save(update_fields=["failures", "last_failure_at", "locked_until"])
        if throttle.is_locked(now) and throttle.locked_until is not None:
            locked_until = max(locked_until, throttle.locked_until) if locked_until else throttle.locked_until
    return locked_until


def reset_failures(username: str, ip: str | None) -> None:
    for scope, key in _throttles(username, ip):
        LoginThrottle.objects.filter(scope=scope, key=key, locked_until__isnull=True).update(failures=0)


def check_password_login(
    request: HttpRequest | None, *, username: str, password: str, ip: str | None
) -> LoginResult:
    """First factor. Refuses while locked (without even checking the password)."""
    until = current_lock(username, ip)
    if until:
        events.login_failed(username, reason="locked")
        return LoginResult(None, until, locked_message(until))
    user = authenticate(request, username=username, password=password)
    if user is None or not isinstance(user, User):
        until = register_failure(username, ip, reason="bad_credentials")
        if until:
            return LoginResult(None, until, locked_message(until))
        return LoginResult(None, None, gettext("帳號或密碼錯誤。"))
    return LoginResult(user)


@transaction.atomic
def unlock(*, actor: User, scope: str, key: str) -> None:
    from shouhu.accounts.permissions import require

    require(actor, "accounts.manage")
    updated = LoginThrottle.objects.filter(scope=scope, key=key).update(failures=0, locked_until=None)
    if updated:
        events.lock_released(scope, key, by=actor, reason="admin")
