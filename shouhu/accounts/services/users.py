"""Creating users, activating/deactivating them, and assigning roles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.models import PasswordHistory, RoleAssignment, User
from shouhu.accounts.permissions import require
from shouhu.accounts.roles import Role
from shouhu.audit.services import created, diff, record

USER_FIELDS = ("username", "email", "first_name", "last_name", "is_active")


def _clear_role_cache(user: User) -> None:
    user.__dict__.pop("_shouhu_assignments", None)


@transaction.atomic
def create_user(
    *,
    actor: User | None,
    username: str,
    email: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    must_change_password: bool = True,
) -> User:
    """Create an account. ``actor=None`` only from the CLI (createadmin). Password rules apply."""
    if actor is not None:
        require(actor, "accounts.manage")
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("此帳號名稱已被使用。")})
    user = User(
        username=username,
        email=email.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        must_change_password=must_change_password,
    )
    user.full_clean(exclude=["password"])
    if password:
        validate_password(password, user)
        user.set_password(password)
        user.password_changed_at = timezone.now()
    else:
        user.set_unusable_password()
    user.save()
    if password:
        PasswordHistory.objects.create(user=user, password_hash=user.password)
    record(actor=actor, action="accounts.user_created", obj=user, changes=created(user, USER_FIELDS))
    return user


@transaction.atomic
def set_active(*, actor: User | None, user: User, active: bool) -> None:
    """Enable or disable an account. ``actor=None`` only from the CLI."""
    if actor is not None:
        require(actor, "accounts.manage")
    if actor is not None and actor.pk == user.pk and not active:
        raise ValidationError(_("不可停用自己的帳號。"))
    before = {"is_active": user.is_active}
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(actor=actor, action="accounts.user_updated", obj=user, changes=diff(before, {"is_active": active}))


def _end_sessions(user: User) -> int:
    """Delete every unexpired session signed in as ``user`` (database sessions: decoded one by one)."""
    from django.contrib.sessions.models import Session

    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id", "")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def disable_login(*, actor: Any, user: User, reason: str, check_perm: bool = True) -> dict[str, int]:
    """Stop ``user`` from signing in: the account is disabled, its sessions end and its API tokens are
    revoked, in one audited step. ``check_perm=False`` is for services that checked their own permission
    (a leaver's offboarding, ``people.manage``). Safe to run again: it reports what it still had to do."""
    if check_perm:
        require(actor, "accounts.manage")
    if getattr(actor, "pk", None) is not None and actor.pk == user.pk:
        raise ValidationError(_("不可停用自己的帳號。"))
    user = User.objects.select_for_update().get(pk=user.pk)
    was_active = user.is_active
    if was_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    now = timezone.now()
    tokens = user.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=now)
    sessions = _end_sessions(user)
    _clear_role_cache(user)
    record(
        actor=actor, action="accounts.login_disabled", obj=user,
        changes={"is_active": [was_active, False], "sessions_ended": [None, sessions],
                 "tokens_revoked": [None, tokens], "reason": [None, reason]},
    )  # fmt: skip
    return {"sessions": sessions, "tokens": tokens, "was_active": int(was_active)}


@transaction.atomic
def assign_role(
    *,
    actor: User | None,
    user: User,
    role: str,
    department: Any = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> RoleAssignment:
    if actor is not None:
        require(actor, "accounts.manage")
    if role not in Role.values:
        raise ValidationError({"role": _("未知的角色：{role}").format(role=role)})
    if department is not None and role != Role.PD_OFFICER:
        raise ValidationError({"department": _("只有個資管理專員可限定部門。")})
    start = starts_on or timezone.localdate()
    if ends_on is not None and ends_on < start:
        raise ValidationError({"ends_on": _("結束日不可早於開始日。")})
    assignment = RoleAssignment(user=user, role=role, department=department, starts_on=start, ends_on=ends_on)
    assignment.full_clean()
    assignment.save()
    _clear_role_cache(user)
    record(
        actor=actor,
        action="accounts.role_assigned",
        obj=user,
        changes={
            "role": [None, role],
            "department": [None, getattr(department, "pk", None)],
            "starts_on": [None, start.isoformat()],
            "ends_on": [None, ends_on.isoformat() if ends_on else None],
        },
    )
    return assignment


@transaction.atomic
def end_role(*, actor: User | None, assignment: RoleAssignment, ends_on: dt.date | None = None) -> None:
    """End a role. ``actor=None`` only from the CLI or as the consequence of a permitted change elsewhere
    (a new 總負責人 designation ends the previous holder's role; that service audits its own actor)."""
    if actor is not None:
        require(actor, "accounts.manage")
    end = ends_on or timezone.localdate()
    if end < assignment.starts_on:
        raise ValidationError({"ends_on": _("結束日不可早於開始日。")})
    old = assignment.ends_on
    assignment.ends_on = end
    assignment.save(update_fields=["ends_on"])
    _clear_role_cache(assignment.user)
    record(
        actor=actor,
        action="accounts.role_ended",
        obj=assignment.user,
        changes={
            "role": [assignment.role, assignment.role],
            "ends_on": [old.isoformat() if old else None, end.isoformat()],
        },
    )
