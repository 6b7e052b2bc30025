"""Idle logout and the security gate (forced MFA enrolment, forced password change).

The checks live in small functions so the API's session authentication (``shouhu.api.auth``) applies exactly
the gates a web page passes, answering with JSON instead of a redirect.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Literal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from shouhu.accounts import events

# /api/ is gated by the API's own session authentication (JSON answers); token calls have no session.
EXEMPT_PREFIXES = ("/static/", "/i18n/", "/api/", "/healthz")
# Idle time is measured to the minute; refreshing the stamp more often would write the session every request.
TOUCH_SECONDS = 60

IDLE_MESSAGE = "閒置超過時間，已自動登出，請重新登入。/ Signed out after inactivity."

Step = Literal["mfa", "password"]


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def end_if_idle(request: HttpRequest) -> bool:
    """Log the session out (audit row ``auth.logout`` reason idle) when it has been idle too long.

    Otherwise refresh its last-seen stamp (at most once a minute). Returns True when the session ended.
    """
    user: Any = request.user
    now = int(time.time())
    last = request.session.get("last_seen")
    if last is not None and now - int(last) > settings.SHOUHU_IDLE_TIMEOUT_MINUTES * 60:
        events.logged_out(user, reason="idle")
        logout(request)
        return True
    if last is None or now - int(last) >= TOUCH_SECONDS:
        request.session["last_seen"] = now  # written at most once a minute, not on every request
    return False


def pending_step(user: Any) -> Step | None:
    """The security step a signed-in user must finish before anything else: MFA enrolment, then password."""
    from shouhu.accounts.permissions import mfa_required
    from shouhu.accounts.services.mfa import has_confirmed_device
    from shouhu.accounts.services.passwords import password_expired

    if mfa_required(user) and not has_confirmed_device(user):
        return "mfa"
    if password_expired(user):
        return "password"
    return None


class IdleTimeoutMiddleware:
    """End a session after SHOUHU_IDLE_TIMEOUT_MINUTES without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and end_if_idle(request)
        ):
            messages.info(request, IDLE_MESSAGE)
            return _redirect(request, reverse("accounts:login"))
        return self.get_response(request)


class SecurityGateMiddleware:
    """Send a signed-in user to MFA enrolment or password change before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(EXEMPT_PREFIXES):
            step = pending_step(user)
            if step is not None:
                target = reverse("accounts:mfa_setup" if step == "mfa" else "accounts:password_change")
                if request.path not in {reverse("accounts:logout"), target}:
                    return _redirect(request, target)
        return self.get_response(request)
