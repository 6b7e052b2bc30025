"""Scan pages: sources, a run with its live progress bar, results by file/table and column, and the
inventory update (preview, then one confirmation)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import has_perm, require
from shouhu.core.formtools import call_service
from shouhu.scans import dbmasking, masking, maskpicker, selectors, services
from shouhu.scans.forms import DatabaseMaskForm, MaskForm, SourceForm
from shouhu.scans.models import ScanRun, ScanSource
from shouhu.scans.validation import may_use_server_paths

T = TypeVar("T")


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "scans.view")
    rows = [(s, selectors.latest_run(s)) for s in selectors.sources(actor=request.user)]
    return render(
        request, "scans/list.html", {"rows": rows, "runs": selectors.recent_runs(actor=request.user)}
    )


def _form_page(request: HttpRequest, form: SourceForm, source: ScanSource | None) -> HttpResponse:
    return render(
        request,
        "scans/source_form.html",
        {"form": form, "source": source, "may_use_paths": may_use_server_paths(request.user)},
    )


@login_required
def source_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "scans.manage")
    form = SourceForm(
        request.POST or None,
        initial={"kind": "path", "max_size_mb": 100, "sample_rows": 1000},
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        source = call_service(
            form, lambda: services.create_source(actor=request.user, data=form.service_data())
        )
        if source is not None:
            messages.success(request, _("已新增掃描來源。"))
            return redirect("scans:source", source.pk)
    return _form_page(request, form, None)


@login_required
def source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "scans.manage")
    source = _found(selectors.source_by_pk(pk, actor=request.user))
    form = SourceForm(request.POST or None, source=source, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.update_source(actor=request.user, source=source, data=form.service_data())
        )
        if saved is not None:
            messages.success(request, _("已更新掃描來源。"))
            return redirect("scans:source", source.pk)
    return _form_page(request, form, source)


@login_required
@require_POST
def source_delete(request: HttpRequest, pk: int) -> HttpResponse:
    source = _found(selectors.source_by_pk(pk, actor=request.user))
    services.delete_source(actor=request.user, source=source)
    messages.success(request, _("已刪除掃描來源及其掃描結果。"))
    return redirect("scans:list")


@login_required
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "scans.view")
    source = _found(selectors.source_by_pk(pk, actor=request.user))
    return render(
        request,
        "scans/source.html",
        {"source": source, "runs": source.runs.select_related("job", "created_by")[:50]},
    )


@login_required
@require_POST
def run_start(request: HttpRequest, pk: int) -> HttpResponse:
    source = _found(selectors.source_by_pk(pk, actor=request.user))
    try:
        run = services.start_run(actor=request.user, source=source)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("scans:source", source.pk)
    return redirect("scans:run", run.pk)


def _found(obj: T | None) -> T:
    """A record the reader may open, or 404 (another department's source is not found for them)."""
    if obj is None:
        raise Http404
    return obj


def _run(request: HttpRequest, pk: int) -> ScanRun:
    return _found(selectors.run_by_pk(pk, actor=request.user))


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "scans.view")
    run = _run(request, pk)
    if request.htmx:  # type: ignore[attr-defined]
        response = render(request, "scans/_progress.html", {"run": run})
        if run.done:
            response["HX-Refresh"] = "true"
        return response
    context: dict[str, Any] = {"run": run}
    if run.done:
        context.update(
            totals=selectors.totals(run),
            locations=selectors.locations(run),
            can_apply=has_perm(request.user, "scans.manage") and run.source.files.exists(),
            can_create_file=has_perm(request.user, "scans.manage")
            and has_perm(request.user, "inventory.manage")
            and selectors.inventory_draft(run.pk, actor=request.user) is not None,
        )
    return render(request, "scans/run.html", context)


@login_required
def run_location(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "scans.view")
    run = _run(request, pk)
    location = request.GET.get("loc", "")
    rows = list(selectors.location_rows(run, location))
    if not rows:
        messages.error(request, _("找不到這個位置的掃描結果。"))
        return redirect("scans:run", run.pk)
    return render(request, "scans/location.html", {"run": run, "location": location, "rows": rows})


@login_required
def run_inventory(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "scans.manage")
    run = _run(request, pk)
    try:
        if request.method == "POST":
            lower = [int(pk) for pk in request.POST.getlist("lower") if pk.isdigit()]
            changes = services.apply_inventory(actor=request.user, run=run, lower=lower)
            kept = [c for c in changes if c.lowers and c.file.pk not in lower]
            messages.success(
                request,
                _("已更新 {value} 個個人資料檔案的筆數與計算日期。").format(value=len(changes) - len(kept)),
            )
            if kept:
                messages.info(
                    request,
                    _("{count} 個檔案保留原記錄的較高筆數：{names}").format(
                        count=len(kept), names=_("、").join(c.file.name for c in kept)
                    ),
                )
            return redirect("scans:run", run.pk)
        changes = services.inventory_preview(run)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("scans:run", run.pk)
    return render(
        request,
        "scans/inventory.html",
        {"run": run, "changes": changes, "scan_date": services.scan_date(run)},
    )


@login_required
def mask_start(request: HttpRequest) -> HttpResponse:
    """Upload a file (CSV/TSV/XLSX/JSONL/SQL dump) and get a masked copy from a background job (its page
    shows progress)."""
    require(request.user, "scans.manage")
    form = MaskForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = call_service(
            form,
            lambda: masking.start_mask(
                actor=request.user,
                upload=upload,
                filename=upload.name,
                default=form.cleaned_data["default"],
                methods=form.methods(),
                rules=form.cleaned_data["rules"],
            ),
        )
        if job is not None:
            return redirect("jobs:detail", job.pk)
    return render(
        request,
        "scans/mask.html",
        {"form": form, "max_mb": f"{settings.SHOUHU_MASK_MAX_BYTES / 1024 / 1024:g}"},
    )


@login_required
def mask_database(request: HttpRequest, pk: int) -> HttpResponse:
    """A masked copy of a database source into a target database, as a background job (its page shows
    progress and, per table and column, what was done). ``?inspect=1`` connects to the source and lists its
    tables and columns to pick a method per column (the scan's findings propose them; big tables' row counts
    are the database's estimate, ``&exact=1`` counts them); without it, tables and column rules are written
    as text."""
    require(request.user, "scans.manage")
    source = _found(selectors.source_by_pk(pk, actor=request.user))
    initial = {"tables": dbmasking.proposed_tables(source), "rules": dbmasking.proposed_rules(source)}
    form = DatabaseMaskForm(request.POST or None, initial=initial)
    use_picker = request.GET.get("inspect") == "1" or "picker" in request.POST
    tables, picker_error = [], ""
    if use_picker:
        try:
            tables = maskpicker.source_tables(
                source,
                chosen=request.POST if request.method == "POST" else None,
                exact=request.GET.get("exact") == "1",
            )
        except ValueError as exc:
            picker_error = str(exc)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen_tables, picked = data["tables"], None
        if "picker" in request.POST:
            try:
                names, picked = maskpicker.picked(request.POST)
                chosen_tables = "\n".join(names)
            except ValueError as exc:
                form.add_error(None, str(exc))
        job = None
        if form.is_valid():
            job = call_service(
                form,
                lambda: dbmasking.start_database_mask(
                    actor=request.user,
                    source=source,
                    target_url=data["target_url"],
                    create=data["target_mode"] == "new",
                    new_name=data["new_name"],
                    tables=chosen_tables,
                    default=data["default"],
                    methods=form.methods(),
                    rules=data["rules"],
                    picked=picked,
                ),
            )
        if job is not None:
            return redirect("jobs:detail", job.pk)
    return render(
        request,
        "scans/mask_database.html",
        {
            "form": form,
            "source": source,
            "use_picker": use_picker,
            "tables": tables,
            "picker_error": picker_error,
            "estimated": any(t.estimated for t in tables),
            "methods": maskpicker.PICKER_METHODS,
        },
    )
