"""Inventory pages: personal-data files, systems and assets, data flows, notices, reference codes (imports:
the shared pages of ``shouhu.imports``). Thin: every write is a service call."""

from __future__ import annotations

import copy
from typing import Any, TypeVar
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import readable_departments, require, signed_in_user
from shouhu.audit.datacache import cached
from shouhu.audit.services import record
from shouhu.core.exports import CSV_MIME, XLSX_MIME, ExportError
from shouhu.core.formtools import call_service, flash_form_errors, paginate
from shouhu.inventory import diagram, exports, selectors, services
from shouhu.inventory.forms import (
    CustomPurposeForm,
    FileForm,
    NoticeEditForm,
    NoticeGenerateForm,
    ScanFileForm,
    SpecialForm,
    StepForm,
    SystemForm,
    WordingForm,
)
from shouhu.inventory.models import (
    Category,
    CountSource,
    FlowStep,
    PersonalDataFile,
    Purpose,
    RefStatus,
    Role,
    SpecialCategory,
    System,
)
from shouhu.inventory.reference import WITHHELD, art6_basis, art6_unmapped
from shouhu.organization.models import Client, Department
from shouhu.scans import selectors as scan_selectors
from shouhu.scans import services as scan_services

PREVIEW_ERROR_ROWS = 200
T = TypeVar("T")


def _found(obj: T | None) -> T:
    """A record the reader may open, or 404 (another department's record is not found for them)."""
    if obj is None:
        raise Http404
    return obj


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _download(request: HttpRequest, data: bytes, filename: str, mime: str, action: str) -> HttpResponse:
    record(
        actor=signed_in_user(request),
        action=action,
        object_type="inventory.export",
        changes={"file": [None, filename]},
    )
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def _rows(page: Any) -> list[dict[str, Any]]:
    """Plain values for the list rows: Django templates cost ~0.1 ms per lookup, so resolve once here."""
    roles = dict(Role.choices)
    detail = reverse("inventory:file", args=[0]).removesuffix("0/")  # one reverse for the whole page
    return [
        {
            "pk": f.pk,
            "url": f"{detail}{f.pk}/",
            "name": f.name,
            "special": bool(f.special_categories),
            "department": f.department.name,
            "process": f.business_process,
            "role": roles.get(f.role, f.role),
            "client": f.client.name if f.client else "",
            "purposes": "、".join(p.code or "自訂" for p in f.purposes.all()),
            "general": f.records_general,
            "special_n": f.records_special,
            "counted_on": f.counted_on,
        }
        for f in page
    ]


def _query(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _file_filters(request: HttpRequest) -> dict[str, Any]:
    return {
        "q": request.GET.get("q", "").strip(),
        "department_id": _int(request.GET.get("department")),
        "role": request.GET.get("role", "") if request.GET.get("role") in Role.values else "",
        "client_id": _int(request.GET.get("client")),
        "process": request.GET.get("process", "").strip(),
    }


def _totals(request: HttpRequest) -> selectors.ConsumerTotals:
    """The consumer-record totals the reader may see: the company's (cached) or their departments'."""
    if readable_departments(request.user, "inventory.view") is None:
        return cached("inventory:consumer_totals", selectors.consumer_record_totals)
    return selectors.consumer_record_totals(actor=request.user)


@login_required
def files(request: HttpRequest) -> HttpResponse:
    require(request.user, "inventory.view")
    filters = _file_filters(request)
    qs = selectors.files(actor=request.user, **filters).prefetch_related(
        Prefetch("purposes", Purpose.objects.only("id", "code", "name"))
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    template = "inventory/file_rows.html" if getattr(request, "htmx", False) else "inventory/files.html"
    return render(
        request,
        template,
        {
            "page": page,
            "rows": _rows(page),
            "filters": filters,
            "query": _query(request),
            "totals": _totals(request),
            "departments": Department.objects.all(),
            "clients": Client.objects.all(),
            "roles": Role.choices,
        },
    )


@login_required
def files_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require(request.user, "inventory.view")
    qs = selectors.files(actor=request.user, **_file_filters(request))
    if fmt == "csv":
        return _download(
            request,
            exports.inventory_csv(qs),
            "personal-data-inventory.csv",
            CSV_MIME,
            "inventory.exported_csv",
        )
    return _download(
        request,
        exports.inventory_xlsx(qs),
        "personal-data-inventory.xlsx",
        XLSX_MIME,
        "inventory.exported_xlsx",
    )


def _file_data(form: FileForm) -> dict[str, Any]:
    return dict(form.cleaned_data)


@login_required
def file_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "inventory.manage")
    if "scan" in request.GET:
        return _file_from_scan(request, _int(request.GET["scan"]))
    form = FileForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        pd_file = call_service(
            form, lambda: services.create_file(actor=signed_in_user(request), data=_file_data(form))
        )
        if pd_file:
            messages.success(request, _("已新增個人資料檔案：{name}").format(name=pd_file.name))
            return redirect("inventory:file", pk=pd_file.pk)
    return render(request, "inventory/form.html", {"form": form, "title": _("新增個人資料檔案")})


def _scan_initial(draft: scan_selectors.InventoryDraft) -> dict[str, Any]:
    return {
        "name": draft.source_name,
        "categories": list(
            Category.objects.filter(code__in=draft.category_codes).values_list("pk", flat=True)
        ),
        "systems": [draft.system_id] if draft.system_id else [],
        "storage_locations": "\n".join(draft.locations),
        "records_general": draft.estimated_records,
        "counted_on": draft.scanned_on,
        "count_source": CountSource.SCAN,
    }


def _file_from_scan(request: HttpRequest, run_id: int | None) -> HttpResponse:
    """「建立個人資料檔案」 from a scan result: the form prefilled with what the scan found, one save."""
    require(request.user, "scans.manage")
    draft = scan_selectors.inventory_draft(run_id, actor=request.user) if run_id else None
    if draft is None:
        raise Http404(_("找不到有個資發現的完成掃描。"))
    form = ScanFileForm(
        request.POST or None, initial=_scan_initial(draft), scanned=draft.estimated_records, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = _file_data(form)
        confirm_lower = bool(data.pop("confirm_lower", False))
        pd_file = call_service(
            form,
            lambda: scan_services.create_file_from_run(
                actor=signed_in_user(request), run_id=draft.run_id, data=data, confirm_lower=confirm_lower
            ),
        )
        if pd_file:
            messages.success(
                request,
                _("已依掃描結果新增個人資料檔案：{name}；掃描來源「{source}」已對應此檔案。").format(
                    name=pd_file.name, source=draft.source_name
                ),
            )
            return redirect("inventory:file", pk=pd_file.pk)
    return render(
        request,
        "inventory/form.html",
        {"form": form, "title": _("依掃描結果新增個人資料檔案"), "draft": draft},
    )


@login_required
def file_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "inventory.view")
    pd_file = _found(selectors.file_by_pk(pk, actor=request.user))
    form = FileForm(request.POST or None, instance=copy.copy(pd_file), user=request.user)
    if request.method == "POST":
        if form.is_valid() and None is not call_service(
            form,
            lambda: services.update_file(
                actor=signed_in_user(request), pd_file=pd_file, data=_file_data(form)
            ),
        ):
            messages.success(request, _("個人資料檔案已更新。"))
            return redirect("inventory:file", pk=pd_file.pk)
    return render(
        request,
        "inventory/file.html",
        {
            "f": pd_file,
            "form": form,
            "notices": pd_file.notices.all(),
            "steps": pd_file.flow_steps.select_related("system"),
            "step_form": StepForm(),
            "notice_form": NoticeGenerateForm(),
        },
    )


@login_required
@require_POST
def file_delete(request: HttpRequest, pk: int) -> HttpResponse:
    pd_file = get_object_or_404(PersonalDataFile, pk=pk)
    try:
        services.delete_file(actor=signed_in_user(request), pd_file=pd_file)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("inventory:file", pk=pk)
    messages.success(request, _("個人資料檔案已刪除。"))
    return redirect("inventory:files")


@login_required
@require_POST
def step_add(request: HttpRequest, pk: int) -> HttpResponse:
    pd_file = get_object_or_404(PersonalDataFile, pk=pk)
    form = StepForm(request.POST)
    if form.is_valid() and None is not call_service(
        form,
        lambda: services.add_flow_step(
            actor=signed_in_user(request), pd_file=pd_file, data=form.cleaned_data
        ),
    ):
        messages.success(request, _("已新增資料流程步驟。"))
    else:
        flash_form_errors(request, form)
    return redirect("inventory:file", pk=pk)


@login_required
@require_POST
def step_remove(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(FlowStep.objects.select_related("file"), pk=pk)
    services.remove_flow_step(actor=signed_in_user(request), step=step)
    return redirect("inventory:file", pk=step.file_id)


# --- systems -----------------------------------------------------------------------------------------------


@login_required
def systems(request: HttpRequest) -> HttpResponse:
    require(request.user, "inventory.view")
    q = request.GET.get("q", "").strip()
    return render(
        request,
        "inventory/systems.html",
        {"page": paginate(request, selectors.systems(actor=request.user, q=q)), "q": q},
    )


@login_required
def systems_export(request: HttpRequest) -> HttpResponse:
    require(request.user, "inventory.view")
    return _download(
        request,
        exports.systems_xlsx(selectors.systems(actor=request.user)),
        "systems-and-assets.xlsx",
        XLSX_MIME,
        "inventory.systems_exported",
    )


def _system_form_view(request: HttpRequest, system: System | None) -> HttpResponse:
    form = SystemForm(request.POST or None, instance=copy.copy(system) if system else None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "clients"}
        clients = form.cleaned_data["clients"]
        actor = signed_in_user(request)

        def fn() -> System:
            if system is None:
                return services.create_system(actor=actor, data=data, clients=clients)
            return services.update_system(actor=actor, system=system, data=data, clients=clients)

        if call_service(form, fn):
            messages.success(request, _("系統與資產已儲存。"))
            return redirect("inventory:systems")
    title = _("編輯系統：{name}").format(name=system.name) if system else _("新增系統與資產")
    return render(request, "inventory/form.html", {"form": form, "title": title})


@login_required
def system_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "inventory.manage")
    return _system_form_view(request, None)


@login_required
def system_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "inventory.view")
    return _system_form_view(request, _found(selectors.system_by_pk(pk, actor=request.user)))


# --- data flows --------------------------------------------------------------------------------------------


def _flow(request: HttpRequest, process: str) -> diagram.Diagram:
    qs = (
        selectors.files(actor=request.user)
        .filter(business_process=process)
        .prefetch_related("systems", Prefetch("flow_steps", FlowStep.objects.select_related("system")))
        .order_by("name")
    )
    if not qs.exists():
        raise Http404(_("沒有此業務流程"))
    return diagram.build(process, qs[:200])


@login_required
def flows(request: HttpRequest) -> HttpResponse:
    require(request.user, "inventory.view")
    process = request.GET.get("process", "").strip()
    processes = selectors.business_processes(actor=request.user)
    if not process and processes:
        process = processes[0][0]
    svg = diagram.to_svg(_flow(request, process)) if process else ""
    return render(request, "inventory/flows.html", {"processes": processes, "process": process, "svg": svg})


@login_required
def flow_download(request: HttpRequest, fmt: str) -> HttpResponse:
    require(request.user, "inventory.view")
    process = request.GET.get("process", "").strip()
    flow = _flow(request, process)
    if fmt == "png":
        try:
            png = diagram.to_png(flow)
        except ExportError as exc:
            messages.error(request, str(exc))
            return redirect(f"{reverse('inventory:flows')}?process={quote(process)}")
        return _download(request, png, "data-flow.png", "image/png", "inventory.flow_exported")
    return _download(
        request, diagram.to_svg(flow).encode(), "data-flow.svg", "image/svg+xml", "inventory.flow_exported"
    )


# --- notices -----------------------------------------------------------------------------------------------


@login_required
@require_POST
def notice_generate(request: HttpRequest, pk: int) -> HttpResponse:
    pd_file = get_object_or_404(PersonalDataFile, pk=pk)
    form = NoticeGenerateForm(request.POST)
    if form.is_valid():
        notice = call_service(
            form,
            lambda: services.generate_notice(
                actor=signed_in_user(request),
                pd_file=pd_file,
                kind=form.cleaned_data["kind"],
                data_source=form.cleaned_data["data_source"],
            ),
        )
        if notice:
            messages.success(request, _("已產生告知事項第 {version} 版。").format(version=notice.version))
            return redirect("inventory:notice", pk=notice.pk)
    flash_form_errors(request, form)
    return redirect("inventory:file", pk=pk)


@login_required
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "inventory.view")
    notice = _found(selectors.notice_by_pk(pk, actor=request.user))
    form = NoticeEditForm(request.POST or None, initial={"text": notice.text})
    if request.method == "POST" and form.is_valid():
        new = call_service(
            form,
            lambda: services.revise_notice(
                actor=signed_in_user(request),
                notice=notice,
                text=form.cleaned_data["text"],
            ),
        )
        if new:
            messages.success(request, _("已儲存為第 {version} 版（舊版保留）。").format(version=new.version))
            return redirect("inventory:notice", pk=new.pk)
    return render(
        request,
        "inventory/notice.html",
        {"notice": notice, "form": form, "versions": notice.file.notices.all()},
    )


# --- reference codes ---------------------------------------------------------------------------------------


@login_required
def reference(request: HttpRequest) -> HttpResponse:
    require(request.user, "inventory.view")
    custom_form = CustomPurposeForm(request.POST or None)
    if request.method == "POST" and custom_form.is_valid():
        if call_service(
            custom_form,
            lambda: services.add_custom_purpose(
                actor=signed_in_user(request),
                name=custom_form.cleaned_data["name"],
            ),
        ):
            messages.success(request, _("已新增自訂特定目的。"))
            return redirect("inventory:reference")
    purposes = list(Purpose.objects.all())
    return render(
        request,
        "inventory/reference.html",
        {
            # Each purpose with why a code the shared data lists is still shipped as missing.
            "purposes": [
                (p, WITHHELD.get(p.code or "", "") if p.status == RefStatus.MISSING else "") for p in purposes
            ],
            "categories": Category.objects.all(),
            # Art. 6 words the law data maps to a code (that flag cannot be taken off) and those it cannot map.
            "art6_codes": set(art6_basis()),
            "art6_unmapped": art6_unmapped(),
            "special_terms": SpecialCategory.choices,
            "custom_form": custom_form,
            "missing": sum(p.status == RefStatus.MISSING for p in purposes),
        },
    )


@login_required
@require_POST
def set_wording(request: HttpRequest, model: type[Purpose] | type[Category], pk: int) -> HttpResponse:
    item = model.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    form = WordingForm(request.POST)
    if form.is_valid() and None is not call_service(
        form,
        lambda: services.set_wording(actor=signed_in_user(request), item=item, **form.cleaned_data),
    ):
        messages.success(request, _("已填寫代碼 {code} 的官方文字。").format(code=item.code))
    else:
        flash_form_errors(request, form)
    return redirect("inventory:reference")


@login_required
@require_POST
def set_special(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark or unmark a category as PDPA Art. 6 special data (the service checks who may)."""
    category = get_object_or_404(Category, pk=pk)
    form = SpecialForm(request.POST)
    if form.is_valid() and None is not call_service(
        form,
        lambda: services.set_category_special(
            actor=signed_in_user(request),
            category=category,
            special=form.cleaned_data["special"],
            term=form.cleaned_data["term"],
        ),
    ):
        if form.cleaned_data["special"]:
            messages.success(request, _("已將類別 {code} 標示為特種個資。").format(code=category.code))
        else:
            messages.success(request, _("已取消類別 {code} 的特種個資標示。").format(code=category.code))
    else:
        flash_form_errors(request, form)
    return redirect(f"{reverse('inventory:reference')}#category-{category.code}")


@login_required
@require_POST
def restore_wording(request: HttpRequest, model: type[Purpose] | type[Category], pk: int) -> HttpResponse:
    item = model.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    try:
        services.restore_transcribed_wording(actor=signed_in_user(request), item=item)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已還原代碼 {code} 的轉錄文字。").format(code=item.code))
    return redirect("inventory:reference")
