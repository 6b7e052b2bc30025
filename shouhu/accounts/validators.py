"""Password rules from the guideline: ≥12 characters, 3 of 4 character classes, none of the last 3."""

from __future__ import annotations

import string
from typing import Any

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator:
    def __init__(self, min_length: int = 12) -> None:
        self.min_length = min_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                _("密碼長度至少 {min_length} 個字元（目前 {value} 個）。").format(
                    min_length=self.min_length, value=len(password)
                ),
                code="password_too_short",
            )

    def get_help_text(self) -> str:
        return f"至少 {self.min_length} 個字元。"


def character_classes(password: str) -> set[str]:
    classes = set()
    for ch in password:
        if ch in string.ascii_uppercase:
            classes.add("upper")
        elif ch in string.ascii_lowercase:
            classes.add("lower")
        elif ch.isdigit():
            classes.add("digit")
        else:
            classes.add("symbol")
    return classes


CLASS_NAMES = {"upper": "大寫英文字母", "lower": "小寫英文字母", "digit": "數字", "symbol": "特殊符號"}


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        have = character_classes(password)
        if len(have) < self.min_classes:
            missing = "、".join(
                CLASS_NAMES[c] for c in ("upper", "lower", "digit", "symbol") if c not in have
            )
            raise ValidationError(
                _(
                    "密碼須包含大寫、小寫、數字、特殊符號四類中的至少 {min_classes} 類（目前 {value} 類，缺少：{missing}）。"
                ).format(min_classes=self.min_classes, value=len(have), missing=missing),
                code="password_classes",
            )

    def get_help_text(self) -> str:
        return f"大寫、小寫、數字、特殊符號至少 {self.min_classes} 類。"


class PasswordHistoryValidator:
    def __init__(self, history: int = 3) -> None:
        self.history = history

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or getattr(user, "pk", None) is None:
            return
        from shouhu.accounts.models import PasswordHistory

        recent = PasswordHistory.objects.filter(user=user).order_by("-created_at", "-id")[: self.history]
        if any(check_password(password, entry.password_hash) for entry in recent):
            raise ValidationError(
                _("不可與最近 {history} 次使用過的密碼相同。").format(history=self.history),
                code="password_reused",
            )

    def get_help_text(self) -> str:
        return f"不可與最近 {self.history} 次的密碼相同。"


class NotSimilarToUserValidator:
    """Refuse passwords containing the username or the e-mail's local part."""

    def validate(self, password: str, user: Any = None) -> None:
        if user is None:
            return
        lowered = password.lower()
        for attr in ("username", "email"):
            value = (getattr(user, attr, "") or "").split("@")[0].lower()
            if len(value) >= 4 and value in lowered:
                raise ValidationError(
                    _("密碼不可包含帳號或電子郵件名稱。"),
                    code="password_too_similar",
                )

    def get_help_text(self) -> str:
        return "不可包含帳號名稱。"
