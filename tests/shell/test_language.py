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
    "plan:list",
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
    "law:deadline_preview",
    "logwatch:sources",
    "logwatch:alerts",
    "logwatch:source_create",
    "logwatch:blocklists",
    "logwatch:drills",
    "logwatch:summaries",
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
    "documents:list",
    "documents:mine",
    "training:list",
    "requests:list",
    "requests:new",
    "requests:suppression",
    "requests:intake_manage",
    "thirdparties:transfers",
    "thirdparties:transfer_new",
    "thirdparties:subprocessors",
    "thirdparties:subprocessor_new",
    "thirdparties:retention",
    "thirdparties:rule_new",
    "thirdparties:batch_new",
    "thirdparties:disposal_new",
    "thirdparties:certificate_new",
    "scans:mask",
    "accounts:mfa_setup",
    "accounts:password_change",
    "drills:list",
    "training:mine",
    "training:report",
    "law:company_facts",
    "law:catalogue",
]
# Pages whose English is not complete yet: checked for internal codes only, each with what is missing.
NOT_YET_ENGLISH: dict[str, str] = {}
# Addresses that are not pages a signed-in user reads: sign-in steps, downloads, POST-only actions.
NOT_PAGES = {
    "accounts:login": "signed-out page",
    "accounts:mfa_verify": "sign-in step (redirects without a pending sign-in)",
    "accounts:logout": "POST only",
    "accounts:password_reset": "signed-out page",
    "accounts:password_reset_done": "signed-out page",
    "law:calendar_sync": "POST only",
    "law:feed_token": "POST only",
    "inventory:systems_export": "XLSX download",
    "risk:export": "XLSX download",
    "plan:generate": "POST only",
    "plan:report_create": "POST only",
    "requests:intake_issue": "POST only",
    "requests:intake_close": "POST only",
    "requests:suppression_csv": "CSV download",
    "set_language": "POST only",
}
# The masking choice shows how a Chinese name is masked (王○明): an example of the data, not UI text.
ALLOWED_HAN |= {"王", "明"}


# An official zh-TW document shown for editing (the draft notice to a client or to data subjects): a text area
# marked lang="zh-Hant" data-official="notice" (``incidents.forms.OFFICIAL_NOTICE``). Its text is not UI text;
# the detail-page test checks that every such field holds exactly a notice Shouhu drafted or stored for that
# incident (``incidents.notices.official_texts``), so the mark cannot carry UI text.
OFFICIAL_NOTICE = re.compile(
    r'<textarea\b(?=[^>]*\blang="zh-Hant")(?=[^>]*\bdata-official="notice")[^>]*>(.*?)</textarea>', re.S
)


# Official text shown for comparison beside Shouhu's own English (the guideline's tables, law items): exactly
# this element, with nothing nested, written only by the ``{% official %}`` tag, which marks a text only when it
# is one of the registered official texts (shouhu.core.official). Such runs are not UI text; the tests below
# check that every marked run is official.
OFFICIAL = re.compile(r'<span lang="zh-Hant" data-official="([a-z]+)">([^<]*)</span>')


def official_runs(html: str) -> list[tuple[str, str]]:
    """(kind, text) of every run a page marks as official text."""
    from html import unescape

    return [(kind, unescape(text)) for kind, text in OFFICIAL.findall(html)]


def visible_text(html: str) -> str:
    """The text a reader sees or hears: tags dropped, but attribute values people read are kept; official
    text marked for comparison (``OFFICIAL``) and an official notice shown for editing (``OFFICIAL_NOTICE``)
    are left out."""
    html = OFFICIAL_NOTICE.sub(" ", OFFICIAL.sub(" ", html))
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


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_english_page_has_no_full_width_colon(admin_client: Client, name: str) -> None:
    """「Status：」: a label's colon follows the page's language (``{% translate "：" %}``), not the Chinese one."""
    from django.urls import reverse

    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = visible_text(admin_client.get(reverse(name)).content.decode())

    assert [text[max(0, i - 30) : i + 10] for i, c in enumerate(text) if c == "："] == []


@pytest.mark.parametrize("name", [*MAIN_PAGES, *NOT_YET_ENGLISH])
def test_chinese_page_shows_no_internal_codes(admin_client: Client, name: str) -> None:
    from django.urls import reverse

    response = admin_client.get(reverse(name))

    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert [p.pattern for p in INTERNAL if p.search(text)] == []


@pytest.mark.parametrize("name", [*MAIN_PAGES, *NOT_YET_ENGLISH])
def test_chinese_page_heading_has_no_english_subtitle(admin_client: Client, name: str) -> None:
    """No doubled 「矯正措施 Corrective actions」 headings: the English is in the catalogue, not beside the Chinese."""
    from django.urls import reverse

    html = admin_client.get(reverse(name)).content.decode()
    headings = [visible_text(h).strip() for h in re.findall(r"<h1\b[^>]*>(.*?)</h1>", html, flags=re.S)]

    assert [h for h in headings if re.search(r"[\u4e00-\u9fff].*\b[A-Z][a-z]+ ?[a-z]*$", h)] == []


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


def _pages_without_arguments() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif (
                isinstance(p, URLPattern)
                and p.name
                and not p.pattern.converters
                and "<" not in str(p.pattern)
            ):
                names.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns, None)
    return {n for n in names if not n.startswith(("api-", "admin:")) and n != "healthz"}


def test_every_page_is_checked_for_its_language() -> None:
    """A new page fails here until it is added to MAIN_PAGES (or, with a reason, to a list above)."""
    listed = set(MAIN_PAGES) | set(NOT_YET_ENGLISH) | set(NOT_PAGES)

    assert sorted(_pages_without_arguments() - listed) == []
    assert sorted(listed - _pages_without_arguments()) == []


# --- Detail pages (an object id in the address), found by following links from the main pages ------------

# Detail pages whose English or zh-TW is not complete yet, each with what is missing (kept short; the test
# fails when one of them becomes clean, so the list only shrinks).
DETAIL_NOT_YET: dict[str, str] = {}
# How many links deep the crawl follows from the main pages (it reads only pages: downloads, redirects and
# POST-only addresses are skipped).
CRAWL_DEPTH = 3


# Stored texts the law engine wrote in both languages: the page must show the one in its language, so they
# are not excused as data (the English incident page shows the English explanation of each clock).
ENGINE_TEXTS = {("incidents", "incidentdeadline"): {"explanation_zh", "explanation_en"}}


def _data_texts() -> list[str]:
    """Every text value stored in the database: what a page shows of them is data, not UI text."""
    from django.apps import apps
    from django.db import models

    texts: list[str] = []
    for model in apps.get_models():
        engine = ENGINE_TEXTS.get((model._meta.app_label, model._meta.model_name), set())
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
            and f.attname not in engine
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            texts += [str(v) for v in row if v]
    return texts


def _html(response: Any) -> str | None:
    """The page's HTML, or None for a download, a redirect or an error."""
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return None
    if getattr(response, "streaming", False):
        return None
    try:
        return str(response.content.decode())
    except UnicodeDecodeError:
        return None


def _is_official_text(kind: str, text: str) -> bool:
    """A marked run is part of an official text of its kind (the guideline's tables, law items)."""
    from shouhu.core.official import official_texts

    return any(text in official for official in official_texts(kind))


def _detail_pages(client: Client) -> dict[str, str]:
    """One address per detail page (URL name → path), by following the links of the main pages."""
    from django.urls import Resolver404, resolve, reverse

    found: dict[str, str] = {}
    frontier = [reverse(name) for name in MAIN_PAGES]
    seen = set(frontier)
    for _ in range(CRAWL_DEPTH):
        following: list[str] = []
        for path in frontier:
            html = _html(client.get(path))
            if html is None:
                continue
            for href in re.findall(r'href="(/[^"#?]*)', html):
                if href in seen:
                    continue
                seen.add(href)
                try:
                    match = resolve(href)
                except Resolver404:
                    continue
                if (
                    not (match.args or match.kwargs)
                    or match.view_name in found
                    or match.view_name in NOT_PAGES
                ):
                    continue
                found[match.view_name] = href
                following.append(href)
        frontier = following
    return found


def _marked_notices_not_official(path: str, html: str) -> list[str]:
    """Texts a page marks as an official notice that are not a notice Shouhu drafted or stored for the page's
    incident (the address's ``pk``); every marked text when the page belongs to no incident."""
    from html import unescape

    from django.urls import resolve

    from shouhu.incidents.models import Incident
    from shouhu.incidents.notices import official_texts

    marked = [unescape(t).replace("\r\n", "\n").strip() for t in OFFICIAL_NOTICE.findall(html)]
    if not marked:
        return []
    match = resolve(path)
    incident = Incident.objects.filter(
        pk=match.kwargs.get("pk") if match.view_name.startswith("incidents:") else None
    ).first()
    official = official_texts(incident) if incident else frozenset()
    return [text[:40] for text in marked if text not in official]


def _problems(client: Client, path: str, data: list[str]) -> list[str]:
    """What is wrong with one page: zh-TW UI text on the English page, codes or subtitles on the zh-TW one."""
    problems = []
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = _html(client.get(path))
    if html is None:
        return []
    ui = sorted(run for run in chinese_left(html) if not any(run in d for d in data))
    if ui:
        problems.append(f"English page shows {ui[:6]}")
    if wrong := _marked_notices_not_official(path, html):
        problems.append(f"English page marks text that is no notice of the incident as official {wrong[:3]}")
    marked = [text for kind, text in official_runs(html) if not _is_official_text(kind, text)]
    if marked:
        problems.append(f"English page marks non-official text as official {marked[:3]}")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    html = _html(client.get(path)) or ""
    text = visible_text(html)
    codes = [p.pattern for p in INTERNAL if p.search(text)]
    if codes:
        problems.append(f"zh-TW page shows codes {codes}")
    headings = [visible_text(h).strip() for h in re.findall(r"<h1\b[^>]*>(.*?)</h1>", html, flags=re.S)]
    doubled = [h for h in headings if re.search(r"[\u4e00-\u9fff].*\b[A-Z][a-z]+ ?[a-z]*$", h)]
    if doubled:
        problems.append(f"zh-TW heading with an English subtitle {doubled}")
    return problems


def test_detail_pages_speak_one_language(admin_client: Client) -> None:
    """Every detail page the demo data links to: English without zh-TW UI text (data excepted), zh-TW
    without internal codes or English subtitles. New detail pages are found by the crawl, not listed."""
    from django.core.management import call_command

    call_command("demo", verbosity=0)
    pages = _detail_pages(admin_client)
    data = _data_texts()

    problems = {name: p for name, path in sorted(pages.items()) if (p := _problems(admin_client, path, data))}

    assert len(pages) >= 20, sorted(pages)
    assert {n: p for n, p in problems.items() if n not in DETAIL_NOT_YET} == {}
    assert sorted(n for n in DETAIL_NOT_YET if n not in problems) == []


def test_a_notice_mark_on_ui_text_is_caught(admin_client: Client) -> None:
    """The official-notice mark is not a way to hide UI text: a marked field that is not a notice Shouhu drafted
    or stored for the incident is reported."""
    from django.core.management import call_command
    from django.urls import reverse

    from shouhu.incidents.models import Incident
    from shouhu.incidents.notices import official_texts

    call_command("demo", verbosity=0)
    incident = Incident.objects.filter(affected_clients__isnull=False).first()
    assert incident is not None
    path = reverse("incidents:subject_notice", args=[incident.pk])
    draft = sorted(official_texts(incident))[0]
    field = '<textarea name="body" lang="zh-Hant" data-official="notice">\n{}</textarea>'

    assert _marked_notices_not_official(path, field.format(draft)) == []
    assert _marked_notices_not_official(path, field.format("儲存並檢查")) == ["儲存並檢查"]
    assert chinese_left(field.format("儲存並檢查")) == set()
