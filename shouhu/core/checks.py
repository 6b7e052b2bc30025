"""Configuration problems reported by ``shouhu check`` (and Django's system checks)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection

WEAK_SECRETS = {"", "changeme", "secret", "django-insecure", "shouhu"}


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
    key = settings.SECRET_KEY
    if (
        len(key) < 40
        or key.lower() in WEAK_SECRETS
        or key.startswith("django-insecure")
        or len(set(key)) < 10
    ):
        problems.append(Problem("error", "SECRET_KEY 太弱（至少 40 字元且隨機）。/ Weak secret key."))
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
