"""Every module's main pages speak one language: English pages carry no Chinese UI text, zh-TW pages no codes."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

HAN = re.compile(r"[\u3400-\u9fff]+")
# What stays in Chinese on an English page: the switch back to Chinese and the brand are names, not UI text.
ALLOWED_HAN = {"繁體中文"}
# Internal codes that must never reach a zh-TW page: guideline item ids, rule ids, Python reprs.
INTERNAL = [
    re.compile(r"\bpd-\d+(\.\d+)+\b"),
    re.compile(r"\b[a-z-]+@20\d\d\b"),
    re.compile(r"\{'[a-z_]+': "),
]

MAIN_PAGES = [
    "core:dashboard",
    "accounts:profile",
    "accounts:locks",
    "organization:company",
    "organization:company_edit",
    "organization:people",
    "organization:person_create",
    "organization:clients",
    "organization:client_create",
    "organization:department_create",
    "audit:list",
    "evidence:list",
    "jobs:list",
    "inventory:files",
    "inventory:file_create",
    "inventory:systems",
    "inventory:system_create",
    "inventory:flows",
    "inventory:reference",
    "risk:list",
    "risk:create",
    "risk:matrix",
    "assessment:list",
    "assessment:create",
    "assessment:actions",
    "incidents:list",
    "incidents:report",
    "incidents:suspect",
    "incidents:notify_settings",
    "scans:list",
    "scans:source_create",
    "law:calendar",
    "logwatch:sources",
    "contracts:contracts",
    "contracts:contract_new",
    "contracts:audits",
    "contracts:audit_new",
    "contracts:tests",
    "contracts:test_new",
    "contracts:packs",
    "people:index",
    "people:reviews",
    "people:mine",
    "drills:list",
    "training:list",
    "training:mine",
    "training:report",
]
# Not listed: law:catalogue, law:company_facts and law:deadline_preview quote the laws' official names and
# wording (which stay in Chinese); logwatch:alerts lists its built-in rule names, which are not yet translated.


def visible_text(html: str) -> str:
    """The text a reader sees or hears: tags dropped, but attribute values people read are kept."""
    keep = re.findall(r'(?:placeholder|title|aria-label|alt|data-confirm)="([^"]*)"', html)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return body + " " + " ".join(keep)


def chinese_left(html: str) -> set[str]:
    return {run for run in HAN.findall(visible_text(html)) if run not in ALLOWED_HAN}


@pytest.fixture
def admin_client(make_user: Callable[..., Any], login_as: Callable[[Any], Client]) -> Client:
    user = make_user("admin", username="admin", first_name="Ada", last_name="Admin")
    return login_as(user)


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_english_page_has_no_chinese_ui_text(admin_client: Client, name: str) -> None:
    from django.urls import reverse

    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = admin_client.get(reverse(name))

    assert response.status_code == 200
    assert chinese_left(response.content.decode()) == set()


@pytest.mark.parametrize("name", [*MAIN_PAGES, "law:catalogue", "law:company_facts", "law:deadline_preview"])
def test_chinese_page_shows_no_internal_codes(admin_client: Client, name: str) -> None:
    from django.urls import reverse

    response = admin_client.get(reverse(name))

    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert [p.pattern for p in INTERNAL if p.search(text)] == []


def test_pages_full_of_demo_records_show_no_internal_codes(admin_client: Client) -> None:
    from django.core.management import call_command
    from django.urls import reverse

    call_command("demo", verbosity=0)
    found = {}

    for name in MAIN_PAGES:
        text = visible_text(admin_client.get(reverse(name)).content.decode())
        codes = [m.group(0) for p in INTERNAL for m in p.finditer(text)]
        if codes:
            found[name] = codes[:5]

    assert found == {}
