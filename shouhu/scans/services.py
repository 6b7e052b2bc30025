"""Writes for scans: sources (URL encrypted), starting runs, and turning a run into inventory counts.

Each checks ``scans.manage``, validates with zh-TW messages, saves and writes an audit row. Audit rows
hold the masked URL only, never the password, and never a scanned value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import may_link, require
from shouhu.audit.services import diff, record, snapshot
from shouhu.core import crypto
from shouhu.engines.pii import mask_url
from shouhu.jobs.services import enqueue
from shouhu.scans import inventory_link
from shouhu.scans.models import RunStatus, ScanRun, ScanSource, SourceKind
from shouhu.scans.selectors import inventory_draft, run_codes, scan_date
from shouhu.scans.validation import may_use_any_db_host, source_errors

SOURCE_FIELDS = (
    "name",
    "kind",
    "path",
    "include",
    "exclude",
    "max_size_mb",
    "url_masked",
    "sample_rows",
    "system",
)
JOB_KIND = "scans.run"


def _apply_fields(source: ScanSource, data: Mapping[str, Any], *, actor: Any = None) -> None:
    for name in ("name", "kind", "path", "include", "exclude", "max_size_mb", "sample_rows", "system"):
        if name in data:
            value = data[name]
            setattr(source, name, value.strip() if isinstance(value, str) else value)
    if source.kind == SourceKind.PATH:
        source.url_encrypted, source.url_masked = "", ""
    else:
        source.path = ""
        url = str(data.get("database_url") or "").strip()
        if url:
            source.url_encrypted, source.url_masked = crypto.encrypt(url), mask_url(url)
            source.url_set_by_admin = may_use_any_db_host(actor)


def _scope_errors(actor: Any, source: ScanSource | None, data: Mapping[str, Any]) -> dict[str, str]:
    """A file or system the actor may not read cannot be newly linked (the API posts ids; the pages list
    only readable ones); links already on the source stay, so an edit never drops what the editor cannot see."""
    errors: dict[str, str] = {}
    linked_files = set(source.files.values_list("pk", flat=True)) if source else set()
    if any(
        f.pk not in linked_files and not may_link(actor, "inventory.view", f.department_id)
        for f in data.get("files") or []
    ):
        errors["files"] = _("所選的個人資料檔案不存在，或屬於您無權檢視的部門。")
    system = data.get("system")
    if (
        system is not None
        and (source is None or system.pk != source.system_id)
        and not may_link(actor, "inventory.view", system.department_id)
    ):
        errors["system"] = _("所選的系統不存在，或屬於您無權檢視的部門。")
    return errors


def _validate(actor: Any, source: ScanSource | None, data: Mapping[str, Any]) -> None:
    merged = {f: getattr(source, f) for f in SOURCE_FIELDS} if source else {}
    merged.update(data)
    stored = bool(source and source.url_encrypted and source.kind == SourceKind.DATABASE)
    errors = {
        **source_errors(merged, user=actor, has_stored_url=stored),
        **_scope_errors(actor, source, data),
    }
    if errors:
        raise ValidationError(errors)


def _set_files(actor: Any, source: ScanSource, files: Any) -> None:
    before = sorted(source.files.values_list("pk", flat=True))
    after = sorted(int(f.pk) for f in files)
    if before != after:
        source.files.set(after)
        record(
            actor=actor, action="scans.source_files_updated", obj=source, changes={"files": [before, after]}
        )


@transaction.atomic
def create_source(*, actor: Any, data: Mapping[str, Any]) -> ScanSource:
    require(actor, "scans.manage")
    _validate(actor, None, data)
    source = ScanSource(created_by=actor if getattr(actor, "is_authenticated", False) else None)
    _apply_fields(source, data, actor=actor)
    source.full_clean()
    source.save()
    record(
        actor=actor,
        action="scans.source_created",
        obj=source,
        changes=diff({}, snapshot(source, SOURCE_FIELDS)),
    )
    _set_files(actor, source, data.get("files") or [])
    return source


@transaction.atomic
def update_source(*, actor: Any, source: ScanSource, data: Mapping[str, Any]) -> ScanSource:
    require(actor, "scans.manage")
    _validate(actor, source, data)
    before = snapshot(source, SOURCE_FIELDS)
    old_token = source.url_encrypted
    _apply_fields(source, data, actor=actor)
    source.full_clean()
    changes = diff(before, snapshot(source, SOURCE_FIELDS))
    if source.url_encrypted != old_token and "url_masked" not in changes:
        changes["url_masked"] = ["（已更換密碼）", source.url_masked]
    if changes:
        source.save()
        record(actor=actor, action="scans.source_updated", obj=source, changes=changes)
    if "files" in data:
        _set_files(actor, source, data["files"] or [])
    return source


@transaction.atomic
def delete_source(*, actor: Any, source: ScanSource) -> None:
    require(actor, "scans.manage")
    record(
        actor=actor,
        action="scans.source_deleted",
        obj=source,
        changes=diff(snapshot(source, SOURCE_FIELDS), {}),
    )
    source.delete()


def source_url(source: ScanSource) -> str:
    """The clear database URL, for the scanner only (never shown, logged or stored)."""
    return crypto.decrypt(source.url_encrypted)


@transaction.atomic
def start_run(*, actor: Any, source: ScanSource) -> ScanRun:
    require(actor, "scans.manage")
    active = [RunStatus.QUEUED, RunStatus.RUNNING]
    if source.runs.filter(status__in=active, job__status__in=active).exists():  # a dead job frees the source
        raise ValidationError(_("此來源已有掃描正在進行，請等待完成後再執行。"))
    run = ScanRun.objects.create(
        source=source,
        target=source.target,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    run.job = enqueue(actor=actor, kind=JOB_KIND, params={"run_id": run.pk})
    run.save(update_fields=["job"])
    record(actor=actor, action="scans.run_started", obj=run, changes={"source": [None, source.pk]})
    return run


# --- inventory update --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountChange:
    """What applying a run would change in one linked personal-data file."""

    file: Any
    old_records: int
    old_counted_on: dt.date | None
    new_records: int
    counted_on: dt.date
    new_codes: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return (
            self.old_records != self.new_records
            or self.old_counted_on != self.counted_on
            or bool(self.new_codes)
        )

    @property
    def lowers(self) -> bool:
        """The scan's estimate (a lower bound) is below the recorded count: lowering needs a confirmation."""
        return self.new_records < self.old_records


def inventory_preview(run: ScanRun) -> list[CountChange]:
    """Record-count changes per personal-data file linked to the run's source."""
    if run.status != RunStatus.SUCCEEDED:
        raise ValidationError(_("掃描尚未完成，無法更新盤點。"))
    day, codes = scan_date(run), run_codes(run)
    changes = []
    for pd_file in run.source.files.order_by("name", "pk"):
        existing = inventory_link.category_codes(pd_file)
        changes.append(
            CountChange(
                file=pd_file,
                old_records=pd_file.records_general,
                old_counted_on=pd_file.counted_on,
                new_records=run.estimated_records,
                counted_on=day,
                new_codes=tuple(c for c in codes if c not in existing),
            )
        )
    return changes


@transaction.atomic
def apply_inventory(*, actor: Any, run: ScanRun, lower: Iterable[int] = ()) -> list[CountChange]:
    """Write the previewed counts (with the scan date) to every linked file, in one transaction.

    A scan counts what it read, a lower bound; where that is below the recorded count the file keeps its
    count, date and count source (new categories are still added) unless its id is in ``lower``, the
    files whose lower count the user explicitly confirmed.
    """
    require(actor, "scans.manage")
    run = ScanRun.objects.select_for_update().get(pk=run.pk)
    changes = inventory_preview(run)
    if not changes:
        raise ValidationError(_("此掃描來源尚未對應任何個人資料檔案。"))
    confirmed = {int(pk) for pk in lower}
    kept = []
    for change in changes:
        if change.lowers and change.file.pk not in confirmed:
            kept.append(change.file.pk)
            if change.new_codes:
                inventory_link.add_categories(actor=actor, pd_file=change.file, codes=change.new_codes)
            continue
        inventory_link.set_scanned_count(
            actor=actor,
            pd_file=change.file,
            records=change.new_records,
            counted_on=change.counted_on,
            add_codes=change.new_codes,
        )
    run.applied_at, run.applied_by = timezone.now(), actor
    run.save(update_fields=["applied_at", "applied_by"])
    record(
        actor=actor,
        action="scans.inventory_applied",
        obj=run,
        changes={
            "files": [None, [c.file.pk for c in changes if c.file.pk not in kept]],
            "kept_higher_count": [None, kept],
            "records": [None, run.estimated_records],
            "counted_on": [None, scan_date(run).isoformat()],
        },
    )
    return changes


@transaction.atomic
def create_file_from_run(
    *, actor: Any, run_id: int, data: Mapping[str, Any], confirm_lower: bool = False
) -> Any:
    """Create a personal-data file from what a finished run found, and link it to the run's source.

    ``data`` is the file as the user confirmed it on the prefilled form (categories found, the source's
    system and locations, the scan's count as a lower bound). A count below the scan's lower bound needs
    ``confirm_lower``. Linking makes the next run of the source offer its count for this file, through
    the usual preview that never lowers a count unconfirmed.
    """
    require(actor, "scans.manage")
    draft = inventory_draft(run_id, actor=actor)
    if draft is None:
        raise ValidationError(_("這次掃描沒有發現個人資料（或尚未完成），無法據以建立個人資料檔案。"))
    records = data.get("records_general")
    if records is not None and records < draft.estimated_records and not confirm_lower:
        raise ValidationError(
            {
                "records_general": _(
                    "掃描至少讀到 {scanned} 筆，您填的 {records} 筆較少；確定較少請勾選確認。"
                ).format(scanned=f"{draft.estimated_records:,}", records=f"{records:,}")
            }
        )
    run = ScanRun.objects.select_related("source").get(pk=run_id)
    pd_file = inventory_link.create_file(actor=actor, data=data)
    before = sorted(run.source.files.values_list("pk", flat=True))
    run.source.files.add(pd_file)
    record(
        actor=actor,
        action="scans.file_created_from_run",
        obj=run,
        changes={"file": [None, pd_file.pk], "source_files": [before, sorted([*before, pd_file.pk])]},
    )
    return pd_file
