"""Configuration problems reported by ``shouhu check`` (and Django's system checks)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from shouhu.core.strength import FIELD_KEY_MIN, SECRET_KEY_MIN, weak_secret


@dataclass(frozen=True)
class Problem:
    level: str  # error | warning
    message: str


def configuration_problems() -> list[Problem]:
    problems: list[Problem] = []
    prod = settings.PRODUCTION
    if settings.DEBUG:
        problems.append(
            Problem("error" if prod else "warning", "DEBUG 已開啟：錯誤頁會洩漏資料。/ DEBUG is on.")
        )
    if weak_secret(settings.SECRET_KEY, min_length=SECRET_KEY_MIN):
        problems.append(
            Problem("error", f"SECRET_KEY 太弱（至少 {SECRET_KEY_MIN} 字元且隨機）。/ Weak secret key.")
        )
    if weak_secret(settings.SHOUHU_FIELD_KEY, min_length=FIELD_KEY_MIN):
        problems.append(
            Problem(
                "error",
                f"SHOUHU_FIELD_KEY 太弱（至少 {FIELD_KEY_MIN} 字元且隨機）：TOTP 金鑰與連線帳密以它加密。"
                " / Weak field-encryption key.",
            )
        )
    if not settings.SHOUHU_BASE_URL:
        from shouhu.core.siteurl import base_url

        problems.append(
            Problem(
                "warning",
                f"未設定 SHOUHU_BASE_URL：提醒信中的連結使用網站實際服務的位址 {base_url()}；"
                "請設為使用者連線的網址。/ SHOUHU_BASE_URL unset: e-mail links use the served address.",
            )
        )
    if prod:
        if not settings.SESSION_COOKIE_SECURE or not settings.CSRF_COOKIE_SECURE:
            problems.append(
                Problem(
                    "error", "正式環境未啟用 HTTPS 安全 Cookie（SHOUHU_HTTPS=true）。/ Cookies not secure."
                )
            )
        if settings.SECURE_HSTS_SECONDS < 31536000:
            problems.append(Problem("warning", "HSTS 未設定或少於一年。/ HSTS missing or short."))
        if not settings.SECURE_SSL_REDIRECT:
            problems.append(
                Problem("warning", "未將 HTTP 導向 HTTPS（SHOUHU_SSL_REDIRECT）。/ No HTTPS redirect.")
            )
        if not settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
            problems.append(
                Problem("error", "SHOUHU_ALLOWED_HOSTS 未設定或為 *。/ Allowed hosts missing or wildcard.")
            )
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            problems.append(
                Problem(
                    "warning",
                    "正式環境建議使用 PostgreSQL（SHOUHU_DATABASE_URL）。/ Use PostgreSQL in production.",
                )
            )
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
            problems.append(
                Problem("warning", "未設定 SMTP（SHOUHU_SMTP_HOST），提醒信不會寄出。/ SMTP not configured.")
            )
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any driver error means unreachable
        problems.append(Problem("error", f"無法連線資料庫：{type(exc).__name__} / database unreachable"))
        return problems
    problems += _database_problems()
    return problems


def _database_problems() -> list[Problem]:
    from shouhu.core.fresh import pending_migrations

    if pending_migrations():
        return [
            Problem(
                "warning",
                "資料庫尚未套用全部遷移：請執行 shouhu serve（或 shouhu manage migrate）。"
                " / Migrations not applied.",
            )
        ]
    from shouhu.accounts.models import TOTPDevice
    from shouhu.core import crypto

    sample = TOTPDevice.objects.order_by("pk").values_list("secret_encrypted", flat=True).first()
    if sample:
        try:
            crypto.decrypt(sample)
        except crypto.DecryptionError:
            return [
                Problem(
                    "error",
                    "欄位加密金鑰與資料庫中的資料不符（例如還原了另一個安裝的備份）：雙因素驗證將無法使用。"
                    "請還原原安裝的金鑰（shouhu restore --keys）。/ The field key does not match the data.",
                )
            ]
    return []
