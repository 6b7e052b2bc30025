"""Helpers for the role journeys: a signed-in browser in a language and a screen size, and screenshots."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.conf import settings

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
_SAFE = re.compile(r"[^\w.-]+")


def sign_in(page: Any, user: Any, live_server: Any, *, language: str = "zh-hant") -> Any:
    """Put a signed-in session (MFA done) and the language cookie into the page's browser context.

    The sign-in form itself is walked by tests/browser/test_foundation.py; journeys start signed in.
    """
    from django.test import Client

    from shouhu.accounts.models import TOTPDevice
    from shouhu.core import crypto

    TOTPDevice.objects.get_or_create(
        user=user,
        defaults={
            "secret_encrypted": crypto.encrypt("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
            "confirmed_at": user.date_joined,
        },
    )
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )
    return page


def shot(page: Any, journey: str, step: str) -> Path:
    """Save a full-page screenshot under test-artefacts/<journey>/<step>.png (the folder is gitignored)."""
    folder = ARTEFACTS / _SAFE.sub("-", journey)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (_SAFE.sub("-", step) + ".png")
    page.screenshot(path=str(path), full_page=True)
    return path
