"""Named audit events of the accounts module."""

from __future__ import annotations

from typing import Any

from shouhu.audit.services import record


def login_succeeded(user: Any) -> None:
    record(actor=user, action="auth.login", obj=user)


def login_failed(username: str, *, reason: str) -> None:
    record(
        actor=None,
        action="auth.login_failed",
        object_type="accounts.user",
        object_repr=username[:150],
        actor_label=username[:150],
        changes={"reason": reason},
    )


def logged_out(user: Any, *, reason: str = "user") -> None:
    record(actor=user, action="auth.logout", obj=user, changes={"reason": reason})


def locked(scope: str, key: str, *, until: str) -> None:
    record(
        actor=None,
        action="auth.lockout",
        object_type=f"throttle.{scope}",
        object_id=key[:64],
        object_repr=key[:200],
        changes={"locked_until": until},
    )


def lock_released(scope: str, key: str, *, by: Any = None, reason: str = "expired") -> None:
    record(
        actor=by,
        action="auth.lockout_released",
        object_type=f"throttle.{scope}",
        object_id=key[:64],
        object_repr=key[:200],
        changes={"reason": reason},
    )
