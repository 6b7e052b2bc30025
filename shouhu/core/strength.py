"""Is a configured secret strong enough? Shared by the settings (refuse to start) and ``shouhu check``."""

from __future__ import annotations

WEAK_SECRETS = frozenset({"", "changeme", "secret", "password", "django-insecure", "shouhu", "test", "key"})


def weak_secret(value: str, *, min_length: int) -> bool:
    """Too short, a known placeholder, Django's insecure default, or too few distinct characters."""
    return (
        len(value) < min_length
        or value.lower() in WEAK_SECRETS
        or value.startswith("django-insecure")
        or len(set(value)) < 10
    )


# Minimum lengths: the Django secret key signs sessions and reset links; the field key encrypts TOTP
# seeds and stored credentials (a 32-byte random value encodes to 43 characters).
SECRET_KEY_MIN = 40
FIELD_KEY_MIN = 32


def production_problems(*, secret_key: str, field_key: str, allowed_hosts: list[str]) -> list[str]:
    """One zh-TW / English line per reason production must refuse to start."""
    lines = []
    if not secret_key:
        lines.append(
            "SHOUHU_SECRET_KEY 未設定：正式環境必須提供 / SHOUHU_SECRET_KEY is required in production"
        )
    elif weak_secret(secret_key, min_length=SECRET_KEY_MIN):
        lines.append(
            f"SHOUHU_SECRET_KEY 太弱：至少 {SECRET_KEY_MIN} 個隨機字元 / SHOUHU_SECRET_KEY is too weak "
            f"(at least {SECRET_KEY_MIN} random characters)"
        )
    if not field_key:
        lines.append("SHOUHU_FIELD_KEY 未設定：正式環境必須提供 / SHOUHU_FIELD_KEY is required in production")
    elif weak_secret(field_key, min_length=FIELD_KEY_MIN):
        lines.append(
            f"SHOUHU_FIELD_KEY 太弱：至少 {FIELD_KEY_MIN} 個隨機字元 / SHOUHU_FIELD_KEY is too weak "
            f"(at least {FIELD_KEY_MIN} random characters)"
        )
    if not allowed_hosts:
        lines.append(
            "SHOUHU_ALLOWED_HOSTS 未設定：請列出網站主機名稱 / SHOUHU_ALLOWED_HOSTS is required in production"
        )
    elif "*" in allowed_hosts:
        lines.append("SHOUHU_ALLOWED_HOSTS 不可為 * / SHOUHU_ALLOWED_HOSTS must not be a wildcard")
    return lines
