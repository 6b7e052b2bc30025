"""Per-user API tokens: the secret is shown once, only its SHA-256 is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from shouhu.accounts.models import ApiToken, User
from shouhu.accounts.permissions import require
from shouhu.audit.services import record

PREFIX = "shu_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_token(
    *, actor: User | None, user: User, name: str, days: int | None = 365
) -> tuple[ApiToken, str]:
    if actor is not None and actor.pk != user.pk:
        require(actor, "accounts.manage")
    if not name.strip():
        raise ValueError("請輸入權杖名稱。/ Token name is required.")
    if days is not None and days <= 0:
        raise ValueError("有效天數必須大於 0。/ Days must be positive.")
    plain = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=plain[:12],
        token_hash=_digest(plain),
        expires_at=timezone.now() + dt.timedelta(days=days) if days else None,
    )
    record(
        actor=actor,
        action="api.token_created",
        obj=token,
        actor_label="" if actor else "cli",
        changes={"user": [None, user.username], "name": [None, token.name]},
    )
    return token, plain


def authenticate_token(plain: str) -> User | None:
    if not plain.startswith(PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=_digest(plain), revoked_at__isnull=True)
        .first()
    )
    now = timezone.now()
    if token is None or (token.expires_at and token.expires_at <= now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def revoke_token(*, actor: User, token: ApiToken) -> None:
    if actor.pk != token.user_id:
        require(actor, "accounts.manage")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(actor=actor, action="api.token_revoked", obj=token)
