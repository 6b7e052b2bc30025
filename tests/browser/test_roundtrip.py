"""Every edit form, opened and saved unchanged in zh-TW and in English, leaves every stored field as it was.

The demo organisation fills each module through its services; the browser opens each edit page, presses
save without touching anything, and the stored rows are compared field by field before and after.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.db import models
from django.utils import timezone

pytestmark = pytest.mark.browser

# Fields a save legitimately moves (timestamps of the write itself).
VOLATILE = {"updated_at", "computed_at"}
SUBMIT = "form[method=post]:not([action]) button.btn:not(.secondary):not(.danger)"


@dataclass(frozen=True)
class Case:
    name: str
    get: Callable[[], models.Model]
    url: Callable[[models.Model], str]


def _snapshot(obj: models.Model) -> dict[str, Any]:
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    values = {
        f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields if f.name not in VOLATILE
    }
    for m2m in fresh._meta.many_to_many:
        values[m2m.name] = sorted(getattr(fresh, m2m.name).values_list("pk", flat=True))
    return values


def _cases() -> list[Case]:
    from shouhu.assessment.models import ActionState, CorrectiveAction, Finding
    from shouhu.assessment.models import Assessment as SelfCheck
    from shouhu.incidents.models import Incident
    from shouhu.inventory.models import PersonalDataFile, System
    from shouhu.law.models import ClientFacts, CompanyFacts
    from shouhu.logwatch.models import LogSource
    from shouhu.organization.models import Client, CompanyProfile, Department, Person
    from shouhu.risk.models import RiskMatrix
    from shouhu.scans.models import ScanSource
    from shouhu.thirdparties.models import SubProcessor, Transfer

    # Not here: the risk page's form is a re-assessment (a new dated assessment, blank date = today), not an edit.
    return [
        Case("company", lambda: CompanyProfile.objects.get(), lambda o: "/organization/company/edit/"),
        Case(
            "department", lambda: Department.objects.first(), lambda o: f"/organization/departments/{o.pk}/"
        ),
        Case("person", lambda: Person.objects.first(), lambda o: f"/organization/people/{o.pk}/"),
        Case("client", lambda: Client.objects.first(), lambda o: f"/organization/clients/{o.pk}/"),
        Case("company facts", lambda: CompanyFacts.objects.get(), lambda o: "/law/company/"),
        Case(
            "client facts",
            lambda: (
                ClientFacts.objects.exclude(threshold_reached_on=None).first() or ClientFacts.objects.first()
            ),
            lambda o: f"/law/clients/{o.client_id}/",
        ),
        Case(
            "personal-data file",
            lambda: PersonalDataFile.objects.exclude(counted_on=None).first(),
            lambda o: f"/inventory/files/{o.pk}/",
        ),
        Case("system", lambda: System.objects.first(), lambda o: f"/inventory/systems/{o.pk}/"),
        Case("risk matrix", lambda: RiskMatrix.objects.order_by("pk").first(), lambda o: "/risk/matrix/"),
        Case("self-check", lambda: SelfCheck.objects.first(), lambda o: f"/assessment/{o.pk}/edit/"),
        Case("finding", lambda: Finding.objects.first(), lambda o: f"/assessment/findings/{o.pk}/"),
        Case(
            "corrective action",
            lambda: CorrectiveAction.objects.exclude(due_on=None).exclude(state=ActionState.CLOSED).first(),
            lambda o: f"/assessment/actions/{o.pk}/",
        ),
        Case(
            "incident",
            lambda: Incident.objects.exclude(aware_at=None).first(),
            lambda o: f"/incidents/{o.pk}/edit/",
        ),
        Case("log source", lambda: LogSource.objects.first(), lambda o: f"/logwatch/sources/{o.pk}/edit/"),
        Case("scan source", lambda: ScanSource.objects.first(), lambda o: f"/scans/sources/{o.pk}/edit/"),
        # The Do modules' edit forms (plan, documents, training and requests record new rows or steps only)
        Case("transfer", lambda: Transfer.objects.first(), lambda o: f"/thirdparties/transfers/{o.pk}/"),
        Case(
            "sub-processor",
            lambda: SubProcessor.objects.first(),
            lambda o: f"/thirdparties/subprocessors/{o.pk}/edit/",
        ),
    ]


@pytest.fixture
def organisation(mfa_user: Any, tmp_path: Any) -> Any:
    call_command("demo", stdout=io.StringIO())
    from shouhu.logwatch import services as logwatch
    from shouhu.risk import services as risk
    from shouhu.risk.scoring import current_matrix
    from shouhu.scans import services as scans

    user = mfa_user("admin", "pd_chief", "is_chief", "pd_officer", username="roundtrip")
    defaults = current_matrix()
    risk.save_matrix(actor=user, data={name: getattr(defaults, name) for name in risk.MATRIX_FIELDS})
    logwatch.create_source(
        actor=user, data={"name": "官網 nginx", "format": "combined", "allowed_countries": "TW"}
    )
    scans.create_source(
        actor=user,
        data={"name": "匯出檔", "kind": "path", "path": str(tmp_path), "max_size_mb": 1, "sample_rows": 1000},
    )
    return user


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_every_edit_form_saved_unchanged_changes_nothing(page, organisation, browser_login, language):
    browser_login(organisation)
    if language == "en":
        page.click("[data-testid=lang-en]")
        page.wait_for_selector("[data-testid=lang-zh]")
    changed = {}
    for case in _cases():
        obj = case.get()
        assert obj is not None, f"the demo has no {case.name}"
        before = _snapshot(obj)
        page.goto(case.url(obj))
        with page.expect_navigation():
            page.locator(SUBMIT).last.click()
        errors = page.locator(".errorlist")
        assert errors.count() == 0, f"{case.name}: {errors.all_inner_texts()}"
        after = _snapshot(obj)
        diff = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        if diff:
            changed[case.name] = diff
    page.goto("/assessment/new/")
    assert page.input_value("input[name=assessed_on]") == timezone.localdate().isoformat()
    assert changed == {}, "\n".join(f"{name}: {diff}" for name, diff in changed.items())
