"""Pending imports: upload → preview (each row valid or its errors) → fix rows → confirm → bulk write.

Nothing reaches the target tables before ``confirm_import``. Large confirmed imports run as a background job
with progress (``imports.confirm``). Permission: the spec's ``permission`` for every step."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouhu.accounts.permissions import require
from shouhu.audit.services import Entry, diff, record, record_many
from shouhu.core.importing.base import (
    RowChange,
    column_label,
    column_labels,
    header_aliases,
    params_from,
    run_validation,
    spec_for,
)
from shouhu.core.importing.reader import ImportFileError, Row, read_table, restored, stored
from shouhu.core.messages import Message, compose, define
from shouhu.imports.models import ImportBatch

JOB_THRESHOLD = 2000  # rows; a larger confirmed batch is written by the ``imports.confirm`` job
JOB_KIND = "imports.confirm"


def max_bytes() -> int:
    """Largest upload accepted (``SHOUHU_IMPORT_MAX_BYTES``, default 20 MB)."""
    return int(settings.SHOUHU_IMPORT_MAX_BYTES)


def max_rows() -> int:
    """Most data rows accepted in one file (``SHOUHU_IMPORT_MAX_ROWS``, default 50,000)."""
    return int(settings.SHOUHU_IMPORT_MAX_ROWS)


def size_error(size: int) -> str | None:
    """The zh-TW refusal of an upload of ``size`` bytes, or ``None`` when it is within the cap."""
    if size <= max_bytes():
        return None
    return _("檔案過大：上限為 {limit} MB（SHOUHU_IMPORT_MAX_BYTES）；請分批匯入。").format(
        limit=round(max_bytes() / 1024 / 1024, 1)
    )


# A batch sent back to its preview says why (``result["error"]``, zh-TW, beside ``result["error_message"]``).
WORKER_LOST = define(
    "imports.worker_lost", gettext_noop("背景程序中斷，匯入未完成（未寫入任何資料）；請重新確認。")
)
CHANGED = define("imports.changed", gettext_noop("資料在確認前已變更，部分列不再有效；請重新檢視預覽。"))


def _rows(batch: ImportBatch) -> list[Row]:
    return [
        Row(r["row"], r["values"], restored(r.get("read_errors", {}), r.get("read_error_keys")),
            restored(r.get("errors", {}), r.get("error_keys")))
        for r in batch.rows
    ]  # fmt: skip


def _store(rows: list[Row]) -> list[dict[str, Any]]:
    """Each row with its errors as zh-TW text (``errors``) and, at the same places, their message keys and
    facts (``error_keys``), so the preview shows them in the reader's language."""
    out = []
    for r in rows:
        read_errors, read_error_keys = stored(r.read_errors)
        errors, error_keys = stored(r.errors)
        out.append({"row": r.number, "values": r.values, "read_errors": read_errors, "errors": errors,
                    "read_error_keys": read_error_keys, "error_keys": error_keys})  # fmt: skip
    return out


def _error(message: Message) -> dict[str, Any]:
    """``result`` entries for a batch sent back to its preview: the zh-TW text and the message."""
    return {"error": message.text, "error_message": {"key": message.key, "facts": message.facts}}


@transaction.atomic
def stage_import(
    *, actor: Any, kind: str, filename: str, data: bytes, params: Mapping[str, Any] | None = None
) -> ImportBatch:
    """Read and validate an upload; keep it as a pending batch. Raises ValidationError for unreadable files.

    ``params``: what the import applies to, as given (the upload page's query); the spec's ``params_from``
    checks and normalises them (an unknown target is a ValidationError), a spec without one ignores them."""
    spec = spec_for(kind)
    require(actor, spec.permission)
    params = params_from(spec, {str(k): str(v) for k, v in (params or {}).items()}, actor=actor)
    too_big = size_error(len(data))
    if too_big:
        raise ValidationError({"file": too_big})
    try:
        table = read_table(filename, data, spec.columns, spec.required, max_rows=max_rows(),
                           aliases=header_aliases(spec),
                           labels=dict(zip(spec.columns, column_labels(spec, spec.columns), strict=True)))  # fmt: skip
    except ImportFileError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    if not table.rows:
        raise ValidationError({"file": _("檔案中沒有資料列。")})
    checked = run_validation(spec, table.rows, actor=actor, params=params)
    batch = ImportBatch.objects.create(
        kind=kind,
        params=params,
        filename=filename[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=table.encoding,
        headers=table.headers,
        rows=_store(checked.rows),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        result={"letters": table.letters},
    )
    record(
        actor=actor,
        action="imports.staged",
        obj=batch,
        changes={
            "kind": [None, kind],
            "params": [None, params],
            "rows": [None, len(table.rows)],
            "error_rows": [None, batch.error_rows],
            "sha256": [None, batch.sha256],
        },
    )
    return batch


def _pending(batch: ImportBatch) -> None:
    if batch.status != ImportBatch.Status.PENDING:
        raise ValidationError(
            _("此匯入目前為「{value}」，不能再修改或確認。").format(value=batch.get_status_display())
        )


@transaction.atomic
def fix_row(*, actor: Any, batch: ImportBatch, row_number: int, values: dict[str, str]) -> ImportBatch:
    """Correct cells of one row in the preview and validate the whole batch again (duplicates span rows)."""
    require(actor, spec_for(batch.kind).permission)
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    _pending(batch)
    rows = _rows(batch)
    target = next((r for r in rows if r.number == row_number), None)
    if target is None:
        raise ValidationError(_("找不到第 {row_number} 列。").format(row_number=row_number))
    changed = {
        h: [target.values.get(h, ""), v.strip()]
        for h, v in values.items()
        if h in batch.headers and target.values.get(h, "") != v.strip()
    }
    for header, (_old, new) in changed.items():
        target.values[header] = new
        target.read_errors.pop(header, None)
    checked = run_validation(spec_for(batch.kind), rows, actor=actor, params=batch.params)
    batch.rows = _store(checked.rows)
    batch.save(update_fields=["rows"])
    record(
        actor=actor,
        action="imports.row_fixed",
        obj=batch,
        changes={"row": [None, row_number], "columns": [None, sorted(changed)]},
    )
    return batch


def missing_columns(batch: ImportBatch) -> tuple[list[str], list[str]]:
    """The kind's required and optional columns the batch does not have, in the kind's column order."""
    spec = spec_for(batch.kind)
    absent = [c for c in spec.columns if c not in batch.headers]
    return [c for c in absent if c in spec.required], [c for c in absent if c not in spec.required]


def added_columns(batch: ImportBatch) -> list[str]:
    """Columns added on the preview (not in the uploaded file); they can be set again."""
    return [c for c in batch.result.get("added", []) if c in batch.headers]


@transaction.atomic
def add_column(
    *,
    actor: Any,
    batch: ImportBatch,
    header: str,
    value: str | None = None,
    values: Mapping[int, str] | None = None,
) -> ImportBatch:
    """Give the batch a column its file lacked — ``value`` for every row, or ``values`` by row number (rows
    left out are blank) — and validate the whole batch again. A column added earlier may be set again; a
    column that came with the file is corrected row by row (``fix_row``)."""
    spec = spec_for(batch.kind)
    require(actor, spec.permission)
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    _pending(batch)
    if header not in spec.columns:
        raise ValidationError(_("「{header}」不是此匯入可辨識的欄位。").format(header=header))
    added = list(batch.result.get("added", []))
    if header in batch.headers and header not in added:
        raise ValidationError(
            _("檔案已有欄位「{header}」；請在錯誤列中逐列修正。").format(header=column_label(spec, header))
        )
    if (value is None) == (values is None):
        raise ValidationError(_("請填寫所有列相同的值，或逐列填寫。"))
    rows = _rows(batch)
    numbers = {r.number for r in rows}
    unknown = sorted(set(values or {}) - numbers)
    if unknown:
        raise ValidationError(_("找不到第 {row_number} 列。").format(row_number=unknown[0]))
    for row in rows:
        cell = value if value is not None else (values or {}).get(row.number, "")
        row.values[header] = cell.strip()
        row.read_errors.pop(header, None)
    checked = run_validation(spec, rows, actor=actor, params=batch.params)
    batch.rows = _store(checked.rows)
    if header not in batch.headers:
        batch.headers = [*batch.headers, header]
    batch.result = {**batch.result, "added": [*added, header] if header not in added else added}
    batch.save(update_fields=["rows", "headers", "result"])
    record(
        actor=actor,
        action="imports.column_added",
        obj=batch,
        changes={
            "column": [None, header],
            "same_for_all_rows": [None, value is not None],
            "rows_filled": [None, sum(1 for r in rows if r.values[header])],
        },
    )
    return batch


@transaction.atomic
def cancel_import(*, actor: Any, batch: ImportBatch) -> ImportBatch:
    require(actor, spec_for(batch.kind).permission)
    _pending(batch)
    batch.status = ImportBatch.Status.CANCELLED
    batch.rows = []
    batch.save(update_fields=["status", "rows"])
    record(actor=actor, action="imports.cancelled", obj=batch)
    return batch


def confirm_import(*, actor: Any, batch: ImportBatch, skip_invalid: bool = False) -> ImportBatch:
    """Write the batch. Refused while rows have errors unless ``skip_invalid``. Large batches become a job."""
    require(actor, spec_for(batch.kind).permission)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _pending(batch)
        required, _optional = missing_columns(batch)
        if required:
            raise ValidationError(
                _("檔案缺少必填欄位「{columns}」；請先在預覽頁新增此欄位。").format(
                    columns=_("」「").join(column_labels(spec_for(batch.kind), required))
                )
            )
        if batch.error_rows and not skip_invalid:
            raise ValidationError(
                _("仍有 {error_rows} 列有錯誤；請修正，或選擇略過錯誤列後再確認。").format(
                    error_rows=batch.error_rows
                )
            )
        if batch.error_rows == len(batch.rows):
            raise ValidationError(_("沒有可匯入的有效資料列。"))
        batch.status = ImportBatch.Status.RUNNING
        batch.result = {k: v for k, v in batch.result.items() if k not in ("error", "error_message")} | {
            "skip_invalid": skip_invalid
        }
        batch.save(update_fields=["status", "result"])
        if len(batch.rows) > JOB_THRESHOLD:
            from shouhu.jobs.services import enqueue

            job = enqueue(actor=actor, kind=JOB_KIND, params={"batch_id": batch.pk}, check_perm=False)
            ImportBatch.objects.filter(pk=batch.pk).update(job=job)
            batch.job = job
            return batch
    run_batch(batch.pk, actor=actor)
    batch.refresh_from_db()
    return batch


def return_to_preview(batch_id: int, *, reason: Message) -> None:
    """A running batch whose job was lost goes back to pending with the reason (nothing was written)."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None or batch.status != ImportBatch.Status.RUNNING:
            return
        batch.status, batch.result = ImportBatch.Status.PENDING, {**batch.result, **_error(reason)}
        batch.save(update_fields=["status", "result"])
        record(
            actor=None,
            action="imports.interrupted",
            obj=batch,
            changes={"status": [ImportBatch.Status.RUNNING, ImportBatch.Status.PENDING]},
        )


def audit_rows(actor: Any, rows: list[RowChange]) -> int:
    """One chained audit entry per created or updated row (``<model>.created`` / ``<model>.updated`` with
    ``{field: [old, new]}``), written in bulk inside the import's transaction; a row whose audited values
    did not change writes none. Returns how many entries were written."""
    by_action: dict[str, list[Entry]] = {}
    for row in rows:
        changes = diff(dict(row.before), dict(row.after))
        if changes:
            verb = "updated" if row.before else "created"
            by_action.setdefault(f"{row.model}.{verb}", []).append(
                Entry(row.model, str(row.object_id), row.label[:200], changes)
            )
    return sum(record_many(actor=actor, action=a, entries=e) for a, e in by_action.items())


def run_batch(batch_id: int, *, actor: Any, progress: Any = None) -> dict[str, Any]:
    """Validate again against the current data and write the valid rows in one transaction."""
    progress = progress or (lambda done, total, message="": None)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status != ImportBatch.Status.RUNNING:
            return dict(batch.result)
        spec = spec_for(batch.kind)
        checked = run_validation(spec, _rows(batch), actor=actor, params=batch.params)
        records = [r for r in checked.records if r is not None]
        skipped = len(checked.records) - len(records)
        if skipped and not batch.result.get("skip_invalid"):
            error = _error(compose(CHANGED))
            batch.status, batch.rows = ImportBatch.Status.PENDING, _store(checked.rows)
            batch.result = {**batch.result, **error}
            batch.save(update_fields=["status", "rows", "result"])
            return error
        counts = spec.commit(records, actor=actor, progress=progress, params=batch.params)
        audit_rows(actor, counts.get("rows") or [])
        result = {
            **batch.result,
            "created": counts["created"],
            "updated": counts["updated"],
            "unchanged": counts.get("unchanged", 0),
            "skipped": skipped,
        }
        batch.status, batch.result, batch.rows = ImportBatch.Status.DONE, result, []
        batch.save(update_fields=["status", "result", "rows"])
        record(
            actor=actor,
            action=f"imports.confirmed.{batch.kind}",
            obj=batch,
            changes={
                "created_ids": [None, counts["created_ids"]],
                "updated_ids": [None, counts["updated_ids"]],
                "skipped": [None, skipped],
                "sha256": [None, batch.sha256],
            },
        )
    return result
