"""Idle logout and the security gate (forced MFA enrolment, forced password change)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from shouhu.accounts import events

EXEMPT_PREFIXES = ("/static/", "/i18n/", "/api/", "/healthz")
# Idle time is measured to the minute; refreshing the stamp more often would write the session every request.
TOUCH_SECONDS = 60


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class IdleTimeoutMiddleware:
    """End a session after SHOUHU_IDLE_TIMEOUT_MINUTES without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(EXEMPT_PREFIXES):
            now = int(time.time())
            last = request.session.get("last_seen")
            if last is not None and now - int(last) > settings.SHOUHU_IDLE_TIMEOUT_MINUTES * 60:
                events.logged_out(user, reason="idle")
                logout(request)
                messages.info(request, "閒置超過時間，已自動登出，請重新登入。/ Signed out after inactivity.")
                return _redirect(request, reverse("accounts:login"))
            if last is None or now - int(last) >= TOUCH_SECONDS:
                request.session["last_seen"] = now  # written at most once a minute, not on every request
        return self.get_response(request)


class SecurityGateMiddleware:
    """Send a signed-in user to MFA enrolment or password change before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(EXEMPT_PREFIXES):
            from shouhu.accounts.permissions import mfa_required
            from shouhu.accounts.services.mfa import has_confirmed_device
            from shouhu.accounts.services.passwords import password_expired

            allowed = {reverse("accounts:logout")}
            mfa_url = reverse("accounts:mfa_setup")
            password_url = reverse("accounts:password_change")
            if mfa_required(user) and not has_confirmed_device(user):
                if request.path not in allowed | {mfa_url}:
                    return _redirect(request, mfa_url)
            elif password_expired(user) and request.path not in allowed | {password_url}:
                return _redirect(request, password_url)
        return self.get_response(request)
