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
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.browser

# Fields a save legitimately moves (timestamps of the write itself).
VOLATILE = {"updated_at", "computed_at"}
SUBMIT = "form[method=post]:not([action]) button.btn:not(.secondary):not(.danger)"


@dataclass(frozen=True)
class Case:
    name: str
    url_name: str  # the edit view, so the list can be checked against every edit view there is
    get: Callable[[], models.Model | None]
    args: Callable[[Any], list[Any]] = lambda o: [o.pk]
    submit: str = SUBMIT  # the save button, where the page holds more than one form

    def url(self, obj: Any) -> str:
        return reverse(self.url_name, args=self.args(obj))


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
    from shouhu.contracts.models import ClientContract, SecurityTest
    from shouhu.drills.models import Drill
    from shouhu.incidents import suspected
    from shouhu.incidents.models import Incident, SubjectNotice
    from shouhu.inventory.models import PersonalDataFile, System
    from shouhu.law.models import ClientFacts, CompanyFacts, Obligation
    from shouhu.logwatch.models import LogSource
    from shouhu.organization.models import Client, CompanyProfile, Department, Person
    from shouhu.people.models import Review
    from shouhu.requests.models import FEE_KINDS, SubjectRequest
    from shouhu.risk.models import RiskMatrix
    from shouhu.scans.models import ScanSource
    from shouhu.thirdparties.models import SubProcessor, Transfer

    def none(o: Any) -> list[Any]:
        return []

    return [
        Case("company", "organization:company_edit", lambda: CompanyProfile.objects.get(), none),
        Case("department", "organization:department_edit", lambda: Department.objects.first()),
        Case("person", "organization:person", lambda: Person.objects.first()),
        Case("client", "organization:client", lambda: Client.objects.first()),
        Case("company facts", "law:company_facts", lambda: CompanyFacts.objects.get(), none),
        Case(
            "client facts",
            "law:client_facts",
            lambda: (
                ClientFacts.objects.exclude(threshold_reached_on=None).first() or ClientFacts.objects.first()
            ),
            lambda o: [o.client_id],
        ),
        Case(
            "personal-data file",
            "inventory:file",
            lambda: PersonalDataFile.objects.exclude(counted_on=None).first(),
        ),
        Case("system", "inventory:system", lambda: System.objects.first()),
        Case("risk matrix", "risk:matrix", lambda: RiskMatrix.objects.order_by("pk").first(), none),
        Case("self-check", "assessment:edit", lambda: SelfCheck.objects.first()),
        Case("finding", "assessment:finding_edit", lambda: Finding.objects.first()),
        Case(
            "corrective action",
            "assessment:action",
            lambda: CorrectiveAction.objects.exclude(due_on=None).exclude(state=ActionState.CLOSED).first(),
        ),
        Case("incident", "incidents:edit", lambda: Incident.objects.exclude(aware_at=None).first()),
        Case(
            "subject notice",
            "incidents:subject_notice_edit",
            lambda: SubjectNotice.objects.filter(sent_at=None).first(),
            lambda o: [o.incident_id, o.pk],
        ),
        Case("notification targets", "incidents:notify_settings", suspected.notify_settings, none),
        Case("log source", "logwatch:source_edit", lambda: LogSource.objects.first()),
        Case("scan source", "scans:source_edit", lambda: ScanSource.objects.first()),
        # The Do modules' edit forms (plan, documents, training, people and requests record new rows or steps)
        Case("transfer", "thirdparties:transfer_edit", lambda: Transfer.objects.first()),
        Case("sub-processor", "thirdparties:subprocessor_edit", lambda: SubProcessor.objects.first()),
        Case("drill", "drills:edit", lambda: Drill.objects.exclude(results=None).first()),
        Case("client contract", "contracts:contract_edit", lambda: ClientContract.objects.first()),
        Case("security test", "contracts:test_edit", lambda: SecurityTest.objects.first()),
        # Edit forms inside a record's page beside other forms (their own save button)
        Case(
            "calendar item owner",
            "law:obligation",
            lambda: (
                Obligation.objects.exclude(owner=None).first() or Obligation.objects.order_by("pk").first()
            ),
            submit="form:has(input[name=action][value=owner]) button",
        ),
        Case(
            "access-review reviewers",
            "people:review",
            lambda: Review.objects.exclude(reviewers=None).first(),
            submit="form[action$='/reviewers/'] button",
        ),
        Case(
            "data-subject request fee",
            "requests:detail",
            lambda: next(
                (r for r in SubjectRequest.objects.order_by("pk") if r.kind in FEE_KINDS and not r.closed),
                None,
            ),
            submit="form[action$='/do/fee/'] button",
        ),
    ]


# Views named like an edit page that are not a stored record's edit form (each with the reason).
# (Edit forms on a record's own page — person, client, file, system, facts, matrix, action — are listed in
# _cases() by hand; only views named like an edit page are found automatically.)
NOT_EDIT_FORMS: dict[str, str] = {}


def _edit_views() -> set[str]:
    """Every page URL named ``edit``, ``*_edit`` or ``*_settings`` (outside the API)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name and not namespace.startswith("api"):
                if p.name == "edit" or p.name.endswith(("_edit", "_settings")):
                    found.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns, "")
    return found


def test_every_edit_view_is_in_the_round_trip() -> None:
    listed = {case.url_name for case in _cases()}
    missing = _edit_views() - listed - set(NOT_EDIT_FORMS)
    assert missing == set(), f"add these edit forms to _cases(): {sorted(missing)}"


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
    from shouhu.incidents import notices
    from shouhu.incidents.models import Incident

    incident = Incident.objects.exclude(aware_at=None).first()
    notices.save_subject_notice(
        actor=user,
        incident=incident,
        channel="email",
        kinds=["leak"],
        data_items="姓名、電話",
        measures="已封鎖來源並更換密碼。",
        hotline="02-2700-0000",
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
            page.locator(case.submit).last.click()
        errors = page.locator(".errorlist")
        assert errors.count() == 0, f"{case.name}: {errors.all_inner_texts()}"
        after = _snapshot(obj)
        diff = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        if diff:
            changed[case.name] = diff
    page.goto("/assessment/new/")
    assert page.input_value("input[name=assessed_on]") == timezone.localdate().isoformat()
    assert changed == {}, "\n".join(f"{name}: {diff}" for name, diff in changed.items())
