"""Turning a run into inventory record counts: preview per linked file, then apply once (audited)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from shouhu.accounts.models import User
from shouhu.audit.models import AuditEvent
from shouhu.inventory.models import PersonalDataFile
from shouhu.scans import services
from shouhu.scans.models import ScanRun, ScanSource

RunSource = Callable[[ScanSource], ScanRun]


@pytest.fixture
def linked_run(
    admin: User, path_source: ScanSource, pd_file: PersonalDataFile, run_source: RunSource
) -> ScanRun:
    services.update_source(actor=admin, source=path_source, data={"files": [pd_file]})
    return run_source(path_source)


def test_preview_lists_the_count_change_per_linked_file(
    linked_run: ScanRun, pd_file: PersonalDataFile
) -> None:
    [change] = services.inventory_preview(linked_run)
    assert (change.file, change.old_records, change.new_records) == (pd_file, 500, 2)
    assert change.counted_on == timezone.localdate(linked_run.finished_at)
    assert change.new_codes == ("C003",)


def test_preview_marks_a_scan_count_below_the_recorded_one(linked_run: ScanRun) -> None:
    [change] = services.inventory_preview(linked_run)
    assert change.lowers


def test_apply_keeps_a_higher_recorded_count_without_confirmation(
    admin: User, linked_run: ScanRun, pd_file: PersonalDataFile
) -> None:
    before = (pd_file.records_general, pd_file.counted_on, pd_file.count_source)
    services.apply_inventory(actor=admin, run=linked_run)
    pd_file.refresh_from_db()
    assert (pd_file.records_general, pd_file.counted_on, pd_file.count_source) == before
    assert sorted(pd_file.categories.values_list("code", flat=True)) == ["C001", "C003"]
    event = AuditEvent.objects.get(action="scans.inventory_applied")
    assert event.changes["kept_higher_count"] == [None, [pd_file.pk]]


def test_apply_raises_a_lower_count_when_the_scan_finds_more(
    admin: User, linked_run: ScanRun, pd_file: PersonalDataFile
) -> None:
    PersonalDataFile.objects.filter(pk=pd_file.pk).update(records_general=1)
    services.apply_inventory(actor=admin, run=linked_run)
    pd_file.refresh_from_db()
    assert (pd_file.records_general, pd_file.count_source) == (2, "scan")


def test_apply_updates_counts_date_source_and_categories(
    admin: User, linked_run: ScanRun, pd_file: PersonalDataFile
) -> None:
    services.apply_inventory(actor=admin, run=linked_run, lower=[pd_file.pk])
    pd_file.refresh_from_db()
    assert (pd_file.records_general, pd_file.counted_on, pd_file.count_source) == (
        2,
        timezone.localdate(linked_run.finished_at),
        "scan",
    )
    assert sorted(pd_file.categories.values_list("code", flat=True)) == ["C001", "C003"]
    linked_run.refresh_from_db()
    assert linked_run.applied_by == admin


def test_apply_is_audited_on_the_run_and_the_file(
    admin: User, linked_run: ScanRun, pd_file: PersonalDataFile
) -> None:
    services.apply_inventory(actor=admin, run=linked_run, lower=[pd_file.pk])
    assert (
        AuditEvent.objects.filter(action="scans.inventory_applied", object_id=str(linked_run.pk)).count() == 1
    )
    file_event = AuditEvent.objects.filter(
        action="inventory.personaldatafile.updated", object_id=str(pd_file.pk)
    ).get()
    assert file_event.changes["records_general"] == [500, 2]


def test_apply_without_linked_files_is_refused(
    admin: User, path_source: ScanSource, run_source: RunSource
) -> None:
    run = run_source(path_source)
    with pytest.raises(ValidationError):
        services.apply_inventory(actor=admin, run=run)


def test_auditor_cannot_apply(auditor: User, linked_run: ScanRun) -> None:
    with pytest.raises(PermissionDenied):
        services.apply_inventory(actor=auditor, run=linked_run)


def test_preview_page_then_one_confirmation(
    admin: User, linked_run: ScanRun, pd_file: PersonalDataFile, login_as: Callable[[User], Client]
) -> None:
    client = login_as(admin)
    page = client.get(f"/scans/runs/{linked_run.pk}/inventory/").content.decode()
    assert "會員資料" in page
    assert 'data-testid="apply-inventory"' in page
    pd_file.refresh_from_db()
    assert pd_file.records_general == 500  # the preview changes nothing
    response: Any = client.post(f"/scans/runs/{linked_run.pk}/inventory/", {"lower": [str(pd_file.pk)]})
    assert response.status_code == 302
    pd_file.refresh_from_db()
    assert pd_file.records_general == 2


def test_preview_page_shows_old_and_new_count_with_an_unticked_confirmation(
    admin: User, linked_run: ScanRun, pd_file: PersonalDataFile, login_as: Callable[[User], Client]
) -> None:
    PersonalDataFile.objects.filter(pk=pd_file.pk).update(records_general=5000)
    page = login_as(admin).get(f"/scans/runs/{linked_run.pk}/inventory/").content.decode()
    assert "掃描筆數 2 少於目前記錄的 5,000，預設保留 5,000。" in page, page[page.find("warning-box") :][:400]
    assert (
        f'<input type="checkbox" name="lower" value="{pd_file.pk}" data-testid="lower-{pd_file.pk}">' in page
    )


def test_posting_without_the_confirmation_keeps_the_recorded_count(
    admin: User, linked_run: ScanRun, pd_file: PersonalDataFile, login_as: Callable[[User], Client]
) -> None:
    PersonalDataFile.objects.filter(pk=pd_file.pk).update(records_general=5000)
    login_as(admin).post(f"/scans/runs/{linked_run.pk}/inventory/")
    pd_file.refresh_from_db()
    assert pd_file.records_general == 5000
