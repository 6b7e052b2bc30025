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


def test_apply_updates_counts_date_source_and_categories(
    admin: User, linked_run: ScanRun, pd_file: PersonalDataFile
) -> None:
    services.apply_inventory(actor=admin, run=linked_run)
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
    services.apply_inventory(actor=admin, run=linked_run)
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
    response: Any = client.post(f"/scans/runs/{linked_run.pk}/inventory/")
    assert response.status_code == 302
    pd_file.refresh_from_db()
    assert pd_file.records_general == 2
