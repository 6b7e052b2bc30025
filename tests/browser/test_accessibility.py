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
    "people:mine",
    "training:mine",
    "training:report",
    "drills:list",
    # Check: clients' contracts, audits, security tests and the assurance pack
    "contracts:contracts",
    "contracts:contract_new",
    "contracts:audits",
    "contracts:audit_new",
    "contracts:tests",
    "contracts:test_new",
    "contracts:packs",
    # and the pages the other roles start from
    "incidents:suspect",
    "incidents:notify_settings",
    "law:company_facts",
    "law:deadline_preview",
    "risk:matrix",
    "inventory:flows",
    "inventory:reference",
    "logwatch:sources",
    "scans:mask",
]
# Pages of one record (the demo's first), where most of the daily work happens.
RECORD_PAGES = [
    ("contracts:contract", "shouhu.contracts.models.ClientContract"),
    ("contracts:audit", "shouhu.contracts.models.ClientAudit"),
    ("drills:detail", "shouhu.drills.models.Drill"),
    ("training:detail", "shouhu.training.models.Session"),
    ("documents:detail", "shouhu.documents.models.Document"),
    ("people:person", "shouhu.organization.models.Person"),
    ("plan:detail", "shouhu.plan.models.PlanVersion"),
    ("requests:detail", "shouhu.requests.models.SubjectRequest"),
    ("incidents:detail", "shouhu.incidents.models.Incident"),
    ("assessment:detail", "shouhu.assessment.models.Assessment"),
    ("inventory:file", "shouhu.inventory.models.PersonalDataFile"),
    ("thirdparties:subprocessor", "shouhu.thirdparties.models.SubProcessor"),
]


def record_url(name: str, model_path: str) -> str:
    from django.utils.module_loading import import_string

    obj = import_string(model_path)._default_manager.order_by("pk").first()
    assert obj is not None, f"the demo has no {model_path}"
    return reverse(name, args=[obj.pk])


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

    urls = [(name, reverse(name)) for name in MAIN_PAGES]
    urls += [(name, record_url(name, model)) for name, model in RECORD_PAGES]
    for name, url in urls:
        response = page.goto(url)
        if response is None or response.status != 200:
            found[name] = [f"HTTP {response.status if response else '?'}"]
            continue
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
