"""Playwright driving Debian's Chromium (/usr/bin/chromium, headless, --no-sandbox) against live_server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pyotp
import pytest

from tests.needs import missing

CHROMIUM = os.environ.get("SHOUHU_CHROMIUM", "/usr/bin/chromium")
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath) or "browser" in item.keywords:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        missing(f"找不到 Chromium（{CHROMIUM}）：apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei", base_url=live_server.url)
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def mfa_user(make_user: Callable[..., Any]) -> Callable[..., Any]:
    """A user with the given roles and a confirmed TOTP device whose secret is TOTP_SECRET."""

    def make(*roles: str, **kwargs: Any) -> Any:
        from django.utils import timezone

        from shouhu.accounts.models import TOTPDevice
        from shouhu.core import crypto

        user = make_user(*roles, **kwargs)
        TOTPDevice.objects.create(
            user=user, secret_encrypted=crypto.encrypt(TOTP_SECRET), confirmed_at=timezone.now()
        )
        return user

    return make


@pytest.fixture
def browser_login(page: Any, password: str) -> Callable[[Any], Any]:
    """Sign in through the real login form (and the TOTP step when the user has a device)."""

    def login(user: Any) -> Any:
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        page.click("[data-testid=login-submit]")
        if "/login/mfa/" in page.url:
            page.fill("input[name=code]", pyotp.TOTP(TOTP_SECRET).now())
            page.click("[data-testid=mfa-submit]")
        page.wait_for_url(lambda url: "/accounts/login" not in url)
        return page

    return login
