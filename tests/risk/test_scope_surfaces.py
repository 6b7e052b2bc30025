"""Read scope beyond lists and detail pages: dashboard counts and totals, form drop-downs (and the ids they
post), the data-subject lookup, and the documents that cover the whole company.

A 個資管理專員 of 資訊部 (``it_officer``) counts, picks and searches only 資訊部's records and the company's
(without a department); the company-wide documents (the plan, the 附錄三 package) need a company-wide role.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from shouhu.accounts.models import User
from shouhu.inventory import services as inventory
from shouhu.risk import services as risks
from shouhu.risk.models import Risk
from tests.requests.conftest import open_case, received  # noqa: F401
from tests.risk.test_register import system_risk
from tests.risk.test_scope import _actor, _api, _system

OUT_OF_SCOPE = "不存在，或屬於您無權檢視的部門"


@pytest.fixture
def two_departments(org: dict[str, Any], officer: User, make_file: Any) -> dict[str, Any]:
    """資訊部 and 人資部 each with a system, a consumer file (records counted) and a risk."""
    made: dict[str, Any] = {}
    for key, records in (("it", 100), ("hr", 7000)):
        system = _system(officer, org[key], f"{org[key].name}系統")
        made[f"{key}_system"] = system
        made[f"{key}_file"] = make_file(
            name=f"{org[key].name}會員檔", department=org[key], records_general=records, systems=[system]
        )
        made[f"{key}_risk"] = risks.create_risk(actor=officer, data=system_risk(system))
    made["company_system"] = _system(officer, None, "全公司共用系統")
    return made


def _request(user: User) -> Any:
    request = RequestFactory().get("/")
    request.user = user
    return request


# --- counts and totals ------------------------------------------------------------------------------------


def test_dashboard_panels_count_only_the_officers_departments(
    org: dict[str, Any], two_departments: dict[str, Any]
) -> None:
    from shouhu.inventory.panels import consumer_totals_panel
    from shouhu.risk.panels import risk_panel

    it_officer = _actor("it_officer", org)
    totals = consumer_totals_panel(_request(it_officer))
    assert totals is not None
    assert (totals.context["totals"].company, totals.context["files"], totals.context["totals"].scoped) == (
        100,
        1,
        True,
    )
    panel = risk_panel(_request(it_officer))
    assert panel is not None
    assert panel.context["stats"]["total"] == 1


def test_company_wide_readers_count_the_whole_company(
    org: dict[str, Any], two_departments: dict[str, Any]
) -> None:
    from shouhu.inventory.panels import consumer_totals_panel
    from shouhu.risk.panels import risk_panel

    chief = _actor("pd_chief", org)
    totals = consumer_totals_panel(_request(chief))
    assert totals is not None
    assert (totals.context["totals"].company, totals.context["totals"].scoped) == (7100, False)
    panel = risk_panel(_request(chief))
    assert panel is not None
    assert panel.context["stats"]["total"] == 2


def test_inventory_page_and_api_totals_say_they_cover_the_readers_departments(
    org: dict[str, Any], two_departments: dict[str, Any], client: Any, login_as: Any
) -> None:
    it_officer = _actor("it_officer", org)
    page = login_as(it_officer).get("/inventory/").content.decode()
    assert "消費者個資筆數（您可檢視的部門及全公司共用檔案）" in page
    assert "消費者個資筆數（全公司）" not in page
    body = _api(it_officer).get("/api/v1/inventory/totals").json()
    assert (body["company"], body["scoped"]) == (100, True)


def test_the_systems_list_counts_only_the_readers_files_of_a_shared_system(
    org: dict[str, Any], two_departments: dict[str, Any], officer: User
) -> None:
    from shouhu.inventory.selectors import systems

    shared = two_departments["company_system"]
    for key in ("it", "hr"):
        inventory.update_file(actor=officer, pd_file=two_departments[f"{key}_file"],
                              data={"systems": [two_departments[f"{key}_system"], shared]})  # fmt: skip
    assert systems(actor=_actor("it_officer", org)).get(pk=shared.pk).file_count == 1
    assert systems(actor=_actor("pd_chief", org)).get(pk=shared.pk).file_count == 2


def test_the_scan_panel_lists_only_readable_runs(org: dict[str, Any], officer: User) -> None:
    from shouhu.scans.models import RunStatus, ScanRun, ScanSource
    from shouhu.scans.panels import recent_scans_panel

    for key in ("it", "hr"):
        source = ScanSource.objects.create(
            name=f"來源-{key}", kind="path", path="/srv/x", system=_system(officer, org[key], f"掃描-{key}")
        )
        ScanRun.objects.create(source=source, status=RunStatus.SUCCEEDED, target="/srv/x")
    panel = recent_scans_panel(_request(_actor("it_officer", org)))
    assert panel is not None
    assert [r.source.name for r in panel.context["runs"]] == ["來源-it"]


# --- documents covering the whole company -------------------------------------------------------------------


def test_a_department_officer_may_not_generate_the_company_plan(org: dict[str, Any]) -> None:
    from shouhu.plan import services as plan

    with pytest.raises(PermissionDenied, match="涵蓋全公司"):
        plan.generate_draft(actor=_actor("it_officer", org))


def test_the_plan_page_says_it_covers_the_company_and_offers_no_generate_button(
    org: dict[str, Any], client: Any, login_as: Any
) -> None:
    page = login_as(_actor("it_officer", org)).get("/plan/").content.decode()
    assert 'data-testid="plan-company-wide"' in page
    assert 'data-testid="plan-generate"' not in page
    assert 'data-testid="report-create"' not in page


def test_the_plan_page_offers_generation_to_a_company_wide_officer(
    org: dict[str, Any], client: Any, login_as: Any
) -> None:
    page = login_as(_actor("pd_officer", org)).get("/plan/").content.decode()
    assert 'data-testid="plan-generate"' in page
    assert 'data-testid="plan-company-wide"' not in page


def test_the_regulator_package_needs_a_company_wide_role(
    org: dict[str, Any], client: Any, login_as: Any
) -> None:
    from django.utils import timezone

    from shouhu.incidents.models import Incident

    incident = Incident.objects.create(title="測試事件", discovered_at=timezone.now())
    web = login_as(_actor("it_officer", org))
    assert web.get(f"/incidents/{incident.pk}/package/").status_code == 403
    assert 'data-testid="package-build"' not in web.get(f"/incidents/{incident.pk}/").content.decode()


# --- drop-downs and posted ids ------------------------------------------------------------------------------


def _options(html: str, names: list[str]) -> list[str]:
    return [n for n in names if n in html]


NAMES = ["資訊部系統", "人資部系統", "全公司共用系統"]


def test_the_risk_form_lists_readable_systems_and_refuses_another_departments(
    org: dict[str, Any], two_departments: dict[str, Any], client: Any, login_as: Any
) -> None:
    web = login_as(_actor("it_officer", org))
    assert _options(web.get("/risk/new/").content.decode(), NAMES) == ["資訊部系統", "全公司共用系統"]
    before = Risk.objects.count()
    data = {**system_risk(two_departments["hr_system"]), "system": two_departments["hr_system"].pk}
    data.update(assessed_on="2026-11-01", next_review="2027-11-01", control_items="")
    response = web.post("/risk/new/", data)
    assert response.status_code == 200
    assert "所選的系統不存在，或屬於您無權檢視的部門。" in response.content.decode()
    assert Risk.objects.count() == before


def test_the_scan_source_form_lists_readable_files_and_systems(
    org: dict[str, Any], two_departments: dict[str, Any], client: Any, login_as: Any
) -> None:
    page = login_as(_actor("it_officer", org)).get("/scans/sources/new/").content.decode()
    assert _options(page, NAMES) == ["資訊部系統", "全公司共用系統"]
    assert _options(page, ["資訊部會員檔", "人資部會員檔"]) == ["資訊部會員檔"]


def test_the_scan_source_form_refuses_a_posted_file_of_another_department(
    org: dict[str, Any], two_departments: dict[str, Any], client: Any, login_as: Any
) -> None:
    from shouhu.scans.models import ScanSource

    web = login_as(_actor("it_officer", org))
    response = web.post(
        "/scans/sources/new/",
        {"name": "越權來源", "kind": "path", "path": "/srv/x", "max_size_mb": 1, "sample_rows": 0,
         "pd_files": [two_departments["hr_file"].pk]},
    )  # fmt: skip
    assert response.status_code == 200
    assert "所選的個人資料檔案不存在，或屬於您無權檢視的部門。" in response.content.decode()
    assert not ScanSource.objects.filter(name="越權來源").exists()


def test_the_scan_service_refuses_an_unreadable_system_posted_through_the_api(
    org: dict[str, Any], two_departments: dict[str, Any]
) -> None:
    from shouhu.scans import services as scans

    with pytest.raises(ValidationError) as refused:
        scans.create_source(
            actor=_actor("it_officer", org),
            data={"name": "越權", "kind": "path", "path": "/srv/x", "max_size_mb": 1,
                  "system": two_departments["hr_system"]},
        )  # fmt: skip
    assert OUT_OF_SCOPE in refused.value.message_dict["system"][0]


def test_editing_a_scan_source_keeps_the_links_the_editor_cannot_see(
    org: dict[str, Any], two_departments: dict[str, Any], tmp_path: Any
) -> None:
    from shouhu.scans import services as scans

    source = scans.create_source(
        actor=_actor("admin", org),
        data={"name": "共用來源", "kind": "path", "path": str(tmp_path), "max_size_mb": 1,
              "files": [two_departments["it_file"], two_departments["hr_file"]]},
    )  # fmt: skip
    from shouhu.scans.forms import SourceForm

    form = SourceForm(user=_actor("it_officer", org), source=source)
    offered = form.fields["pd_files"].queryset  # type: ignore[attr-defined]
    assert sorted(offered.values_list("name", flat=True)) == ["人資部會員檔", "資訊部會員檔"]
    assert sorted(f.name for f in form.initial["pd_files"]) == ["人資部會員檔", "資訊部會員檔"]


def test_the_logwatch_source_form_lists_readable_systems_and_refuses_others(
    org: dict[str, Any], two_departments: dict[str, Any], client: Any, login_as: Any
) -> None:
    from shouhu.logwatch.models import LogSource

    web = login_as(_actor("it_officer", org))
    assert _options(web.get("/logwatch/sources/new/").content.decode(), NAMES) == [
        "資訊部系統",
        "全公司共用系統",
    ]
    response = web.post(
        "/logwatch/sources/new/",
        {"name": "越權記錄", "format": "nginx", "system": two_departments["hr_system"].pk,
         "timezone": "Asia/Taipei", "allowed_countries": "TW", "pattern": "*.log"},
    )  # fmt: skip
    assert "所選的系統不存在，或屬於您無權檢視的部門。" in response.content.decode()
    assert not LogSource.objects.filter(name="越權記錄").exists()


def test_the_logwatch_service_refuses_an_unreadable_system(
    org: dict[str, Any], two_departments: dict[str, Any]
) -> None:
    from shouhu.logwatch import services as logwatch

    with pytest.raises(ValidationError) as refused:
        logwatch.create_source(
            actor=_actor("it_officer", org),
            data={"name": "越權", "format": "nginx", "system": two_departments["hr_system"],
                  "allowed_countries": "TW"},
        )  # fmt: skip
    assert OUT_OF_SCOPE in refused.value.message_dict["system"][0]


def test_the_file_form_lists_readable_systems_and_the_service_refuses_others(
    org: dict[str, Any], two_departments: dict[str, Any], file_data: Any, client: Any, login_as: Any
) -> None:
    it_officer = _actor("it_officer", org)
    assert _options(login_as(it_officer).get("/inventory/files/new/").content.decode(), NAMES) == [
        "資訊部系統",
        "全公司共用系統",
    ]
    with pytest.raises(ValidationError) as refused:
        inventory.create_file(
            actor=it_officer, data=file_data(name="越權檔案", systems=[two_departments["hr_system"]])
        )
    assert OUT_OF_SCOPE in refused.value.message_dict["systems"][0]


def test_the_access_review_form_lists_readable_systems(
    org: dict[str, Any], two_departments: dict[str, Any], client: Any, login_as: Any
) -> None:
    page = login_as(_actor("it_officer", org)).get("/people/reviews/").content.decode()
    assert _options(page, NAMES) == ["資訊部系統", "全公司共用系統"]


def test_the_access_review_service_refuses_another_departments_system(
    org: dict[str, Any], two_departments: dict[str, Any]
) -> None:
    import datetime as dt

    from django.utils import timezone

    from shouhu.people import services as people

    it_officer = _actor("it_officer", org)
    with pytest.raises(ValidationError) as refused:
        people.create_review(
            actor=it_officer, system_id=two_departments["hr_system"].pk, title="越權審查",
            due_on=timezone.localdate() + dt.timedelta(days=7), reviewers=[it_officer],
        )  # fmt: skip
    assert OUT_OF_SCOPE in refused.value.message_dict["system"][0]


def test_the_contract_and_pack_forms_list_readable_systems_and_evidence(
    org: dict[str, Any], two_departments: dict[str, Any], officer: User, client: Any, login_as: Any
) -> None:
    from shouhu.evidence import services as evidence

    for key in ("it", "hr"):
        evidence.store(actor=officer, file=f"證書 {key}".encode(), filename=f"cert-{key}.txt",
                       department_id=org[key].pk)  # fmt: skip
    web = login_as(_actor("it_officer", org))
    assert _options(web.get("/contracts/new/").content.decode(), NAMES) == ["資訊部系統", "全公司共用系統"]
    assert _options(
        web.get("/contracts/packs/", {"q": "cert"}).content.decode(), ["cert-it.txt", "cert-hr.txt"]
    ) == ["cert-it.txt"]


# --- the data-subject lookup -------------------------------------------------------------------------------


def test_locating_a_person_searches_only_readable_sources_and_says_so(
    org: dict[str, Any],
    officer: User,
    open_case: Any,  # noqa: F811
    client: Any,
    login_as: Any,
) -> None:
    from shouhu.requests import services as requests
    from shouhu.scans import selectors as scans_selectors
    from shouhu.scans.models import RunStatus, ScanFinding, ScanRun, ScanSource, ScanValueDigest

    category, digest = next(iter(scans_selectors.identifier_digests("0912345678").items()))
    for key in ("it", "hr"):
        source = ScanSource.objects.create(
            name=f"會員匯出-{key}",
            kind="path",
            path="/srv/x",
            system=_system(officer, org[key], f"會員-{key}"),
        )
        run = ScanRun.objects.create(source=source, status=RunStatus.SUCCEEDED, target="/srv/x")
        finding = ScanFinding.objects.create(run=run, location=f"/srv/x/{key}.csv", column="手機",
                                             category=category, count=1, distinct=1)  # fmt: skip
        ScanValueDigest.objects.create(finding=finding, digest=digest)
    it_officer = _actor("it_officer", org)
    case = open_case()
    located = requests.locate_data(actor=it_officer, request=case, identifiers=["0912345678"])
    assert [r["location"] for r in located.located] == ["/srv/x/it.csv"]
    assert located.located_departments == ["資訊部"]
    page = login_as(it_officer).get(f"/requests/{case.pk}/").content.decode()
    assert "其他部門之掃描來源未查找" in page
    everything = requests.locate_data(actor=_actor("pd_chief", org), request=case, identifiers=["0912345678"])
    assert sorted(r["location"] for r in everything.located) == ["/srv/x/hr.csv", "/srv/x/it.csv"]
    assert everything.located_departments is None


def test_a_contract_refuses_another_departments_system_posted_by_id(
    org: dict[str, Any], two_departments: dict[str, Any]
) -> None:
    from shouhu.contracts import services as contracts

    data = {"client": org["shop"], "number": "C-1", "title": "維運契約", "services": "維運", "active": True}
    with pytest.raises(ValidationError) as refused:
        contracts.save_contract(
            actor=_actor("it_officer", org), data=data, systems=[two_departments["hr_system"]]
        )
    assert OUT_OF_SCOPE in refused.value.message_dict["systems"][0]


def test_a_self_check_answer_refuses_another_departments_evidence_posted_by_id(
    org: dict[str, Any], officer: User
) -> None:
    import datetime as dt

    from shouhu.assessment import services as assessment
    from shouhu.evidence import services as evidence

    hr_file = evidence.store(
        actor=officer, file=b"hr evidence", filename="hr.txt", department_id=org["hr"].pk
    )
    it_officer = _actor("it_officer", org)
    made = assessment.create_assessment(
        actor=officer,
        data={"kind": "self", "tables": "pd", "company_name": "守護", "assessed_on": dt.date(2026, 11, 20),
              "scope": "資訊部"},
        assessors=[officer, it_officer],
    )  # fmt: skip
    with pytest.raises(ValidationError, match="找不到佐證檔案"):
        assessment.link_evidence(
            actor=it_officer, assessment=made, item_id="pd-1.1.1", evidence_id=hr_file.pk
        )


def test_the_law_module_uses_the_company_total_and_names_it_so(
    org: dict[str, Any], two_departments: dict[str, Any], officer: User
) -> None:
    from shouhu.law import selectors as law
    from shouhu.law import services as law_services
    from tests.law.conftest import company_data

    law_services.save_company_facts(actor=officer, data=company_data(records_from_inventory=True))
    count = law.record_count(law.company_facts())
    assert (count.value, count.source_zh) == (7100, "個資盤點全公司合計（各部門）")
