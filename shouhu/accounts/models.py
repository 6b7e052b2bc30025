"""Users, password history, login throttling, MFA devices, role assignments and API tokens."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from shouhu.accounts.roles import Role
from shouhu.core import messages


class User(AbstractUser):
    """One person, one account (no shared accounts)."""

    password_changed_at = models.DateTimeField(null=True, blank=True)
    must_change_password = models.BooleanField(default=False)
    language = models.CharField(max_length=10, default="zh-hant")

    class Meta:
        verbose_name = "使用者"
        verbose_name_plural = "使用者"

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class PasswordHistory(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password_hash = models.CharField(max_length=256)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"password of {self.user_id} at {self.created_at:%Y-%m-%d}"


class LoginThrottle(models.Model):
    """Consecutive failures and lock state per account name or per source IP."""

    class Scope(models.TextChoices):
        USER = "user", _("帳號")
        IP = "ip", _("來源 IP")

    scope = models.CharField(max_length=4, choices=Scope.choices)
    key = models.CharField(max_length=150)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="uniq_throttle_scope_key")]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"

    def is_locked(self, now: dt.datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


class TOTPDevice(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret_encrypted = models.TextField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_step = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"TOTP {self.user_id}"


class RecoveryCode(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"recovery code of {self.user_id}"


ROLE_NAME = messages.define("accounts.name.role", gettext_noop("{user} {role}"), messages.labels(role=Role))


class RoleAssignment(messages.Named, models.Model):
    """A role held by a person's account, optionally limited to one department, with start and end dates."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        "organization.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    starts_on = models.DateField(default=dt.date.today)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["role", "starts_on"]

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return ROLE_NAME, {"user": str(self.user), "role": self.role}

    def active_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class ApiToken(models.Model):
    """Personal API token; only a hash is stored, the token itself is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
