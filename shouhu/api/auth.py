"""API authentication: a personal token, or the web session passing exactly the web pages' gates."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from shouhu.accounts.middleware import IDLE_MESSAGE, end_if_idle, pending_step
from shouhu.accounts.services.tokens import authenticate_token

STEP_MESSAGES = {
    "mfa": "請先在網頁完成多因素驗證（MFA）設定後再使用 API。/ Set up MFA in the web app before using the API.",
    "password": "請先在網頁變更密碼後再使用 API。/ Change your password in the web app before using the API.",
}


class TokenAuth(HttpBearer):
    """``Authorization: Bearer shu_…`` with a personal token (``shouhu token create --user U``)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = authenticate_token(token)
        if user is not None:
            request.user = user
        return user


class GatedSessionAuth(SessionAuth):
    """The signed-in web session (CSRF checked on writes), refused like a web page would be: idle past the
    timeout (401, session ended), MFA enrolment or a password change still due (403)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        if end_if_idle(request):
            raise HttpError(401, IDLE_MESSAGE)
        step = pending_step(user)
        if step is not None:
            raise HttpError(403, STEP_MESSAGES[step])
        return user


def signed_in_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the OpenAPI document and the docs page: a valid token or a session that passes the gates.

    The docs page sends a browser to the sign-in page; the JSON document answers 401/403 in JSON.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() == "bearer" and token and authenticate_token(token.strip()) is not None:
            return view(request, *args, **kwargs)
        user = request.user
        if user.is_authenticated:
            if end_if_idle(request):
                return _refuse(request, 401, IDLE_MESSAGE)
            step = pending_step(user)
            if step is None:
                return view(request, *args, **kwargs)
            return _refuse(request, 403, STEP_MESSAGES[step])
        return _refuse(request, 401, "請先登入。/ Please sign in.")

    return wrapper


def _refuse(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if request.path.endswith(".json"):
        return JsonResponse({"detail": message}, status=status)
    if status == 401:
        return redirect_to_login(request.get_full_path())
    return redirect("/")  # the web gate middleware then sends the user to the step still due
