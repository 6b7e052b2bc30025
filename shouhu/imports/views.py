"""The shared import pages: upload, template download, preview with row errors, fix a row, confirm, cancel.

Thin: every write is a service call; every page needs the permission of the import's spec."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import require, signed_in_user
from shouhu.core.exports import XLSX_MIME, xlsx_bytes
from shouhu.core.formtools import call_service
from shouhu.core.importing.base import (
    Spec,
    back_url,
    column_label,
    column_labels,
    english,
    english_page,
    has_english_headers,
    header_aliases,
    heading,
    is_registered,
    params_from,
    spec_for,
)
from shouhu.core.importing.reader import shown
from shouhu.core.messages import render as render_message
from shouhu.imports import services
from shouhu.imports.forms import ImportForm
from shouhu.imports.models import ImportBatch

PREVIEW_ERROR_ROWS = 200
PREVIEW_SAMPLE_ROWS = 20


def _spec(request: HttpRequest, kind: str) -> Spec:
    if not is_registered(kind):
        raise Http404
    spec = spec_for(kind)
    require(request.user, spec.permission)
    return spec


def _batch(request: HttpRequest, pk: int) -> ImportBatch:
    batch = get_object_or_404(ImportBatch, pk=pk)
    _spec(request, batch.kind)
    return batch


def _back(batch: ImportBatch) -> str:
    return back_url(spec_for(batch.kind), batch.params)


def _import_error(batch: ImportBatch) -> str:
    """Why the batch came back to its preview, in the reader's language ("" when it did not)."""
    said = batch.result.get("error_message") or {}
    return render_message(str(said.get("key", "")), said.get("facts"), str(batch.result.get("error", "")))


@login_required
def upload(request: HttpRequest, kind: str) -> HttpResponse:
    spec = _spec(request, kind)
    args: dict[str, str] = {key: request.GET.get(key, "") for key in request.GET}
    try:
        params = params_from(spec, args, actor=request.user)
    except ValidationError:
        raise Http404 from None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        batch = call_service(
            form,
            lambda: services.stage_import(
                actor=signed_in_user(request), kind=kind, filename=file.name, data=file.read(), params=args
            ),
        )
        if batch:
            return redirect("imports:preview", pk=batch.pk)
    return render(request, "imports/upload.html", {
        "form": form, "spec": spec, "kind": kind, "title": heading(spec, params), "back": back_url(spec, params),
        "required_labels": column_labels(spec, spec.required), "column_labels": column_labels(spec, spec.columns),
        "english_template": english_page() and has_english_headers(spec),
    })  # fmt: skip


@login_required
def template(request: HttpRequest, kind: str) -> HttpResponse:
    """An XLSX with the import's exact headers and one example row, plus a sheet saying what each column is.

    The headers are the zh-TW ones (the guideline's layout) unless ``?headers=en`` asks for the English
    headers, which the upload accepts for every column (offered only when every column has one)."""
    spec = _spec(request, kind)
    in_english = request.GET.get("headers") == "en" and has_english_headers(spec)
    names = english(spec) if in_english else {}
    aliases = header_aliases(spec)

    def name(column: str) -> str:
        return names.get(column, column)

    def others(column: str) -> list[str]:
        if in_english:  # the official zh-TW header is accepted too
            return [column, *(a for a in aliases[column] if a != names.get(column))]
        return list(aliases[column])

    example: dict[str, str] = getattr(spec, "example", {})
    listed = any(others(column) for column in spec.columns)
    guide = [
        (name(column), _("必填") if column in spec.required else "", example.get(column, ""),
         *([", ".join(others(column))] if listed else []))
        for column in spec.columns
    ]  # fmt: skip
    guide_headers = [
        _("欄位"),
        _("必填"),
        _("範例"),
        *([_("也接受的欄名（英文或系統匯出檔的欄名）")] if listed else []),
    ]
    with translation.override("en" if in_english else settings.LANGUAGE_CODE):
        sheet = str(spec.title)
    data = xlsx_bytes(
        {
            sheet: ([name(c) for c in spec.columns], [[example.get(column, "") for column in spec.columns]]),
            _("填寫說明"): (guide_headers, guide),
        }
    )
    response = HttpResponse(data, content_type=XLSX_MIME)
    filename = _("{title}匯入範本.xlsx").format(title=sheet)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


PER_ROW_LIMIT = 200  # rows; a larger batch adds a column with one value for all rows (then fixes error rows)


def _identify(batch: ImportBatch, row: dict[str, Any]) -> str:
    """A row's first two values, to tell rows apart in the per-row form."""
    return " · ".join(v for v in (row["values"].get(h, "") for h in batch.headers[:2]) if v)


def _column_forms(
    batch: ImportBatch, entered: dict[str, Any] | None, wanted: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Forms for the columns the batch lacks or had added on this page, prefilled with the batch's values,
    or with what the user entered when the last attempt was refused: (required and added, optional).
    The per-row table is drawn for required and added columns and for the one asked for (``?column=``)."""
    required, optional = services.missing_columns(batch)
    added = services.added_columns(batch)
    spec = spec_for(batch.kind)
    per_row = len(batch.rows) <= PER_ROW_LIMIT

    def form(header: str) -> dict[str, Any]:
        mine = entered if entered and entered.get("column") == header else None
        rows = per_row and (header not in optional or header == wanted or mine is not None)
        return {
            "header": header,
            "label": column_label(spec, header),
            "required": header in required,
            "added": header in added,
            "open": header in required or header == wanted or mine is not None,
            "value": mine["value"] if mine else "",
            "entered_rows": bool(mine and mine["per_row"]) or header == wanted,
            "per_row_link": per_row and not rows,
            "rows": [
                {
                    "row": r["row"],
                    "label": _identify(batch, r),
                    "value": mine["values"].get(r["row"], "") if mine else r["values"].get(header, ""),
                }
                for r in batch.rows
            ] if rows else [],
        }  # fmt: skip

    return [form(h) for h in [*required, *added]], [form(h) for h in optional]


def _preview(
    request: HttpRequest, batch: ImportBatch, *, entered: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    letters = batch.result.get("letters", {})
    spec = spec_for(batch.kind)
    labels = {h: column_label(spec, h) for h in batch.headers}
    error_rows = [r for r in batch.rows if r["errors"]]
    for row in error_rows:  # each error in the reader's language (stored as message keys and facts)
        row["messages"] = [
            (labels.get(h) or column_label(spec, h), letters.get(h, ""), m)
            for h, ms in shown(row["errors"], row.get("error_keys")).items()
            for m in ms
        ]
        row["cells"] = [(h, labels[h], row["values"].get(h, "")) for h in batch.headers]
    sample = [
        {"row": r["row"], "cells": [r["values"].get(h, "") for h in batch.headers]}
        for r in batch.rows
        if not r["errors"]
    ][:PREVIEW_SAMPLE_ROWS]
    required, _optional = services.missing_columns(batch)
    forms, optional_forms = (
        _column_forms(batch, entered, request.GET.get("column", ""))
        if batch.status == ImportBatch.Status.PENDING
        else ([], [])
    )
    return render(
        request,
        "imports/preview.html",
        {
            "batch": batch,
            "error_rows": error_rows[:PREVIEW_ERROR_ROWS],
            "more_errors": max(0, len(error_rows) - PREVIEW_ERROR_ROWS),
            "valid": len(batch.rows) - len(error_rows),
            "total": len(batch.rows),
            "sample": sample,
            "back": _back(batch),
            "spec_title": heading(spec, batch.params),
            "missing_required": column_labels(spec, required),
            "header_labels": [labels[h] for h in batch.headers],
            "column_forms": forms,
            "optional_forms": optional_forms,
            "per_row_limit": PER_ROW_LIMIT,
            "import_error": _import_error(batch),
        },
        status=status,
    )


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    return _preview(request, _batch(request, pk))


@login_required
@require_POST
def add_column(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a column the file lacked (one value for all rows, or per row); a refusal keeps what was typed."""
    batch = _batch(request, pk)
    header = request.POST.get("column", "")
    per_row = request.POST.get("mode") == "rows"
    values = {
        int(key[4:]): str(request.POST.get(key, ""))
        for key in request.POST
        if key.startswith("row-") and key[4:].isdigit()
    }
    value = request.POST.get("value", "")
    try:
        services.add_column(
            actor=signed_in_user(request),
            batch=batch,
            header=header,
            value=None if per_row else value,
            values=values if per_row else None,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        entered = {"column": header, "value": value, "values": values, "per_row": per_row}
        return _preview(request, batch, entered=entered, status=400)
    label = column_label(spec_for(batch.kind), header)
    messages.success(request, _("已新增欄位「{header}」並重新檢查所有列。").format(header=label))
    return redirect("imports:preview", pk=pk)


@login_required
@require_POST
def fix(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    number = request.POST.get("row", "")
    row_number = int(number) if number.isdigit() else 0
    values = {
        h: request.POST.get(f"cell-{i}", "")
        for i, h in enumerate(batch.headers)
        if f"cell-{i}" in request.POST
    }
    try:
        services.fix_row(actor=signed_in_user(request), batch=batch, row_number=row_number, values=values)
        messages.success(request, _("第 {row_number} 列已更新並重新檢查。").format(row_number=row_number))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("imports:preview", pk=pk)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        batch = services.confirm_import(
            actor=signed_in_user(request), batch=batch, skip_invalid=bool(request.POST.get("skip_invalid"))
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("imports:preview", pk=pk)
    if batch.status == ImportBatch.Status.RUNNING and batch.job_id:
        messages.info(request, _("資料量較大，已在背景匯入；可在背景工作頁查看進度。"))
        return redirect("jobs:detail", pk=batch.job_id)
    if "error" in batch.result:
        messages.error(request, _import_error(batch))
        return redirect("imports:preview", pk=pk)
    messages.success(
        request,
        _("匯入完成：新增 {value} 筆、更新 {value2} 筆、未變更 {value3} 筆、略過 {value4} 筆。").format(
            value=batch.result.get("created", 0),
            value2=batch.result.get("updated", 0),
            value3=batch.result.get("unchanged", 0),
            value4=batch.result.get("skipped", 0),
        ),
    )
    return redirect(_back(batch))


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        services.cancel_import(actor=signed_in_user(request), batch=batch)
        messages.success(request, _("已取消匯入，未寫入任何資料。"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(_back(batch))
