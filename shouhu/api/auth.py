from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from shouhu.accounts.services.tokens import authenticate_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer shu_…`` with a personal token (``shouhu token create --user U``)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = authenticate_token(token)
        if user is not None:
            request.user = user
        return user
