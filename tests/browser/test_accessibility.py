"""axe-core on the main page of every module (zh-TW, demo data): no serious or critical violation."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.browser.journeys import sign_in

# The main page of each module, as a privacy officer or administrator opens it every day.
MAIN_PAGES = [
    "core:dashboard",
    "accounts:profile",
    "organization:company",
    "organization:people",
    "organization:clients",
    "audit:list",
    "evidence:list",
    "jobs:list",
    "law:catalogue",
    "law:calendar",
    "inventory:files",
    "inventory:file_create",
    "inventory:systems",
    "risk:list",
    "risk:create",
    "assessment:list",
    "assessment:actions",
    "incidents:list",
    "incidents:report",
    "scans:list",
    "logwatch:alerts",
    # The Do modules
    "plan:list",
    "documents:list",
    "documents:mine",
    "training:list",
    "requests:list",
    "requests:new",
    "requests:suppression",
    "thirdparties:transfers",
    "thirdparties:subprocessors",
    "thirdparties:retention",
    "people:index",
    "people:reviews",
]


def serious(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {', '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.mark.browser
def test_main_pages_have_no_serious_accessibility_violations(
    page: Any, make_user: Any, live_server: Any
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    call_command("demo", verbosity=0)
    admin = make_user("admin", username="a11y-admin")
    sign_in(page, admin, live_server)
    axe = Axe()
    found: dict[str, list[str]] = {}

    for name in MAIN_PAGES:
        page.goto(reverse(name))
        problems = serious(axe.run(page).response["violations"])
        if problems:
            found[name] = problems

    assert found == {}, "\n".join(
        f"{page_name}: {problem}" for page_name, ps in found.items() for problem in ps
    )


@pytest.mark.browser
def test_every_form_field_has_a_label(page: Any, make_user: Any, live_server: Any) -> None:
    admin = make_user("admin", username="a11y-forms")
    sign_in(page, admin, live_server)
    unlabelled: dict[str, list[str]] = {}

    for name in ["organization:company_edit", "organization:person_create", "inventory:file_create",
                 "inventory:system_create", "risk:create", "assessment:create", "incidents:report",
                 "scans:source_create", "documents:list", "training:list", "requests:new",
                 "thirdparties:transfer_new", "thirdparties:subprocessor_new", "thirdparties:rule_new",
                 "thirdparties:batch_new", "thirdparties:disposal_new", "thirdparties:certificate_new"]:  # fmt: skip
        page.goto(reverse(name))
        missing = page.evaluate(
            """() => Array.from(document.querySelectorAll('main input:not([type=hidden]):not([type=submit]),'
                 + ' main select, main textarea'))
                 .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                               && !el.getAttribute('aria-labelledby') && !el.closest('label'))
                 .map(el => el.name || el.id)"""
        )
        if missing:
            unlabelled[name] = missing

    assert unlabelled == {}
