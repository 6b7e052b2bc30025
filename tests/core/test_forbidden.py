"""A refused page explains itself inside the site layout, and no page links to a page its reader cannot open."""

from __future__ import annotations

import io
import re
from collections import Counter, deque
from typing import Any
from urllib.parse import urldefrag, urlsplit

from django.core.management import call_command
from django.test import Client

from shouhu.accounts.models import User

SKIP_PREFIXES = ("/static/", "/media/", "/accounts/logout", "/i18n/", "/api/")
MAX_PAGES = 400
PER_PATTERN = 2  # pages of one shape (/risk/7/, /risk/8/ …) answer alike: open two of each


def _links(html: str) -> list[str]:
    from html.parser import HTMLParser

    found: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "a":
                href = dict(attrs).get("href")
                if href:
                    found.append(href)

    Parser().feed(html)
    return found


def _crawl(client: Client, start: str = "/") -> dict[str, tuple[int, str]]:
    """Every internal page reachable from ``start`` by links: path -> (status, the page linking to it)."""
    seen: dict[str, tuple[int, str]] = {}
    shapes: Counter[str] = Counter()
    queue: deque[tuple[str, str]] = deque([(start, "")])
    while queue and len(seen) < MAX_PAGES:
        path, parent = queue.popleft()
        shape = re.sub(r"\d+", "#", urlsplit(path).path)
        if path in seen or shapes[shape] >= PER_PATTERN:
            continue
        shapes[shape] += 1
        response = client.get(path)
        seen[path] = (response.status_code, parent)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in _links(response.content.decode()):
            url = urldefrag(href).url
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(SKIP_PREFIXES) or url in seen:
                continue
            queue.append((url, path))
    return seen


def test_forbidden_page_uses_the_site_layout_and_explains_in_chinese(make_user: Any, login_as: Any) -> None:
    response = login_as(make_user("staff")).get("/audit/")
    page = response.content.decode()
    assert response.status_code == 403
    assert 'class="sidebar"' in page
    assert "沒有權限開啟這一頁" in page
    assert "請聯絡系統管理員" in page


def test_no_page_links_to_a_page_the_reader_cannot_open(make_user: Any, login_as: Any) -> None:
    """Crawl from the dashboard as each non-admin role over the demo data (one demo for all roles)."""
    call_command("demo", stdout=io.StringIO())
    refused: dict[str, dict[str, str]] = {}
    for role in ("staff", "auditor", "is_chief"):  # the company-wide managers hold every permission
        user: User = make_user(role)
        pages = _crawl(login_as(user))
        assert len(pages) > 5, role
        bad = {path: parent for path, (status, parent) in pages.items() if status == 403}
        if bad:
            refused[role] = bad
    assert refused == {}


def test_a_new_installation_links_staff_to_nothing_refused(make_user: Any, login_as: Any) -> None:
    """Before the company profile exists, the staff home says so without a link to the (admin's) form."""
    pages = _crawl(login_as(make_user("staff")))
    assert "尚未填寫公司基本資料" in login_as(make_user("staff")).get("/").content.decode()
    assert {path for path, (status, _parent) in pages.items() if status == 403} == set()


def test_not_found_page_uses_the_site_layout_in_the_reader_language(make_user: Any, login_as: Any) -> None:
    web = login_as(make_user("staff"))
    response = web.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert 'class="sidebar"' in page
    assert "找不到這一頁" in page
    web.cookies["django_language"] = "en"
    english = web.get("/still-no-such-page/").content.decode()
    assert "Page not found" in english
    assert "找不到這一頁" not in english
