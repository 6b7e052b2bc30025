"""Setting and expiring passwords (validators, history of hashes, audit)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from shouhu.accounts.models import PasswordHistory, User
from shouhu.audit.services import record

HISTORY_KEPT = 10


@transaction.atomic
def set_password(*, actor: Any, user: User, password: str, force_change: bool = False) -> None:
    """Validate against every rule (raises ValidationError with zh-TW messages), store, keep history, audit."""
    validate_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.must_change_password = force_change
    user.save(update_fields=["password", "password_changed_at", "must_change_password"])
    PasswordHistory.objects.create(user=user, password_hash=user.password)
    stale = PasswordHistory.objects.filter(user=user).order_by("-created_at", "-id")[HISTORY_KEPT:]
    PasswordHistory.objects.filter(pk__in=[p.pk for p in stale]).delete()
    by_self = getattr(actor, "pk", None) == user.pk
    record(
        actor=actor,
        action="auth.password_changed" if by_self else "auth.password_set",
        obj=user,
        changes={"password": ["＊＊＊", "＊＊＊"], "must_change_password": [None, force_change]},
    )


def password_expired(user: User, *, now: dt.datetime | None = None) -> bool:
    if user.must_change_password:
        return True
    max_age = settings.SHOUHU_PASSWORD_MAX_AGE_DAYS
    if max_age <= 0:
        return False
    changed = user.password_changed_at or user.date_joined
    return (now or timezone.now()) - changed > dt.timedelta(days=max_age)
