"""「建立個人資料檔案」 from a scan result: one prefilled form, the count shown as a lower bound, the new file
linked to the scanned source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shouhu.accounts.models import User
from shouhu.audit.models import AuditEvent
from shouhu.inventory.models import Category, PersonalDataFile, Purpose, System
from shouhu.inventory.reference import seed_moj_codes
from shouhu.organization.models import Department
from shouhu.scans import selectors, services
from shouhu.scans.models import ScanRun, ScanSource
from tests.factories import DepartmentFactory

RunSource = Callable[[ScanSource], ScanRun]


@pytest.fixture
def run(path_source: ScanSource, run_source: RunSource) -> ScanRun:
    seed_moj_codes()
    return run_source(path_source)


@pytest.fixture
def department(db: Any) -> Department:
    return DepartmentFactory(name="客服部")


def _data(department: Department, **overrides: Any) -> dict[str, Any]:
    return {
        "name": "客服匯出名單",
        "department": department,
        "role": "controller",
        "data_subjects": ["consumer"],
        "legal_bases": ["2"],
        "records_general": 2,
        "counted_on": dt.date(2026, 11, 2),
        "count_source": "scan",
        "purposes": [Purpose.objects.get(code="090")],
        "categories": list(Category.objects.filter(code__in=["C001", "C003"])),
        **overrides,
    }


def test_draft_holds_the_categories_found_the_scan_date_and_the_personal_data_locations(
    run: ScanRun, data_dir: Path
) -> None:
    draft = selectors.inventory_draft(run.pk)
    assert draft is not None
    assert draft.category_codes == ("C001", "C003")
    assert draft.estimated_records == 2
    assert draft.scanned_on == timezone.localdate(run.finished_at)
    assert draft.locations == (str(data_dir), f"{data_dir}/notes/call.txt", f"{data_dir}/people.csv")


def test_no_draft_for_a_run_without_personal_data(admin: User, tmp_path: Path, run_source: RunSource) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "readme.txt").write_text("沒有任何個人資料。\n", encoding="utf-8")
    source = services.create_source(
        actor=admin, data={"name": "說明文件", "kind": "path", "path": str(folder), "max_size_mb": 1}
    )
    empty = run_source(source)
    assert selectors.inventory_draft(empty.pk) is None
    with pytest.raises(ValidationError, match="沒有發現個人資料"):
        services.create_file_from_run(actor=admin, run_id=empty.pk, data={})


def test_creating_from_a_run_links_the_new_file_to_the_scanned_source_and_audits_it(
    admin: User, run: ScanRun, department: Department
) -> None:
    pd_file = services.create_file_from_run(actor=admin, run_id=run.pk, data=_data(department))
    assert list(run.source.files.all()) == [pd_file]
    assert (pd_file.records_general, pd_file.count_source) == (2, "scan")
    event = AuditEvent.objects.get(action="scans.file_created_from_run")
    assert event.changes == {"file": [None, pd_file.pk], "source_files": [[], [pd_file.pk]]}
    created = AuditEvent.objects.get(action="inventory.personaldatafile.created")
    assert created.object_id == str(pd_file.pk)


def test_a_count_below_the_scans_lower_bound_needs_a_confirmation(
    admin: User, run: ScanRun, department: Department
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_file_from_run(actor=admin, run_id=run.pk, data=_data(department, records_general=1))
    assert caught.value.message_dict["records_general"] == [
        "掃描至少讀到 2 筆，您填的 1 筆較少；確定較少請勾選確認。"
    ]
    assert not PersonalDataFile.objects.exists()
    pd_file = services.create_file_from_run(
        actor=admin, run_id=run.pk, data=_data(department, records_general=1), confirm_lower=True
    )
    assert pd_file.records_general == 1


def test_auditors_may_not_create_files_from_a_run(
    auditor: User, run: ScanRun, department: Department
) -> None:
    with pytest.raises(PermissionDenied):
        services.create_file_from_run(actor=auditor, run_id=run.pk, data=_data(department))
    assert not PersonalDataFile.objects.exists()


def test_form_is_prefilled_from_the_scan_and_says_the_count_is_a_lower_bound(
    admin: User, run: ScanRun, login_as: Any, data_dir: Path
) -> None:
    system = System.objects.create(name="客服系統")
    ScanSource.objects.filter(pk=run.source_id).update(system=system)
    page = login_as(admin).get(f"/inventory/files/new/?scan={run.pk}").content.decode()
    c001, c003 = (Category.objects.get(code=c).pk for c in ("C001", "C003"))
    assert f'name="categories" value="{c001}" id="id_categories_0" checked' in page
    assert f'value="{c003}"' in page
    assert page.count('name="categories"') == Category.objects.count()
    assert 'name="records_general" value="2"' in page
    assert '<option value="scan" selected>' in page
    assert f"{data_dir}\n{data_dir}/notes/call.txt\n{data_dir}/people.csv</textarea>" in page
    assert "筆數是下限估計" in page
    assert f'name="systems" value="{system.pk}" id="id_systems_0" checked' in page


def test_saving_the_prefilled_form_creates_the_linked_file(
    admin: User, run: ScanRun, login_as: Any, department: Department
) -> None:
    client = login_as(admin)
    form = {
        "name": "客服匯出名單",
        "department": department.pk,
        "role": "controller",
        "data_subjects": "consumer",
        "legal_bases": "2",
        "purposes": Purpose.objects.get(code="090").pk,
        "categories": [c.pk for c in Category.objects.filter(code__in=["C001", "C003"])],
        "records_general": "2",
        "records_special": "0",
        "counted_on": "2026-11-02",
        "count_source": "scan",
    }
    response = client.post(f"/inventory/files/new/?scan={run.pk}", form)
    pd_file = PersonalDataFile.objects.get(name="客服匯出名單")
    assert response.status_code == 302
    assert response.url == f"/inventory/files/{pd_file.pk}/"
    assert list(run.source.files.all()) == [pd_file]

    lowered = client.post(
        f"/inventory/files/new/?scan={run.pk}", {**form, "name": "另一份", "records_general": "1"}
    )
    assert "確定較少請勾選確認" in lowered.content.decode()
    assert not PersonalDataFile.objects.filter(name="另一份").exists()


def test_an_unknown_or_empty_scan_is_not_found(admin: User, login_as: Any, db: Any) -> None:
    assert login_as(admin).get("/inventory/files/new/?scan=999").status_code == 404


def test_run_page_offers_the_button_only_to_those_who_may_use_it(
    admin: User, auditor: User, run: ScanRun, login_as: Any
) -> None:
    link = f'href="/inventory/files/new/?scan={run.pk}"'
    assert link in login_as(admin).get(f"/scans/runs/{run.pk}/").content.decode()
    assert link not in login_as(auditor).get(f"/scans/runs/{run.pk}/").content.decode()
    assert login_as(auditor).get(f"/inventory/files/new/?scan={run.pk}").status_code == 403
