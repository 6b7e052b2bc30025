"""Log-monitoring pages: alerts and the decisions on them, sources with uploads and reads, blocklists,
drills and monthly summaries. Thin: every write goes through ``services``/``drills``/``summaries``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.models import User
from shouhu.accounts.permissions import has_perm, require
from shouhu.core.formtools import call_service
from shouhu.engines.logwatch import FORMATS, RULES
from shouhu.logwatch import drills, selectors, services, summaries
from shouhu.logwatch.forms import BlocklistForm, CloseForm, DrillForm, SourceForm, SummaryForm, UploadForm
from shouhu.logwatch.models import Alert, AlertStatus, Blocklist, Drill, Ingest, LogSource
from shouhu.logwatch.validation import may_use_folders


def _error(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, "；".join(exc.messages))


# --- alerts ----------------------------------------------------------------------------------------


@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "logwatch.view")
    status = request.GET.get("status", "active")
    rule = request.GET.get("rule", "")
    source_id = request.GET.get("source", "")
    qs = selectors.alerts(status=status if status != "all" else "", rule=rule if rule in RULES else "",
                          source_id=int(source_id) if source_id.isdigit() else None)  # fmt: skip
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "logwatch/alerts.html", {
        "page": page, "status": status, "rule": rule, "source_id": source_id, "rules": RULES,
        "sources": selectors.sources(), "statuses": AlertStatus.choices,
    })  # fmt: skip


def _alert(pk: int) -> Alert:
    return get_object_or_404(
        Alert.objects.select_related(
            "source", "source__system", "assignee", "acknowledged_by", "closed_by", "drill"
        ),
        pk=pk,
    )


@login_required
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "logwatch.view")
    alert = _alert(pk)
    try:
        events = selectors.alert_events(alert)
    except Exception:  # the store is an index for reading; its absence must not hide the alert
        events = None
    triagers = [
        u for u in User.objects.filter(is_active=True).order_by("username") if has_perm(u, "logwatch.triage")
    ]
    return render(request, "logwatch/alert.html", {
        "alert": alert, "rule": RULES[alert.rule], "events": events, "close_form": CloseForm(),
        "can_triage": has_perm(request.user, "logwatch.triage"), "triagers": triagers,
        "active": alert.status in (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED),
    })  # fmt: skip


@login_required
@require_POST
def alert_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.acknowledge(actor=request.user, alert=_alert(pk))
        messages.success(request, _("已確認警示，並記錄知悉時間。"))
    except ValidationError as exc:
        _error(request, exc)
    return redirect("logwatch:alert", pk)


@login_required
@require_POST
def alert_assign(request: HttpRequest, pk: int) -> HttpResponse:
    raw = request.POST.get("assignee", "")
    user = get_object_or_404(User, pk=int(raw)) if raw.isdigit() else None
    try:
        services.assign(actor=request.user, alert=_alert(pk), user=user)
        messages.success(request, _("已更新負責人。"))
    except ValidationError as exc:
        _error(request, exc)
    return redirect("logwatch:alert", pk)


@login_required
@require_POST
def alert_close(request: HttpRequest, pk: int) -> HttpResponse:
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("請選擇結案原因。"))
        return redirect("logwatch:alert", pk)
    try:
        services.close(
            actor=request.user,
            alert=_alert(pk),
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("已結案。"))
    except ValidationError as exc:
        _error(request, exc)
    return redirect("logwatch:alert", pk)


@login_required
@require_POST
def alert_incident(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        incident_id = services.to_incident(actor=request.user, alert=_alert(pk))
    except ValidationError as exc:
        _error(request, exc)
        return redirect("logwatch:alert", pk)
    messages.success(request, _("已建立個資事故，法定期限已開始計算；請補充事實。"))
    return redirect("incidents:detail", incident_id)


# --- sources ---------------------------------------------------------------------------------------


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "logwatch.view")
    return render(
        request,
        "logwatch/sources.html",
        {"sources": selectors.sources(), "ingests": selectors.recent_ingests(limit=10)},
    )


def _source_form(request: HttpRequest, form: SourceForm, source: LogSource | None) -> HttpResponse:
    return render(
        request,
        "logwatch/source_form.html",
        {
            "form": form,
            "source": source,
            "may_use_folders": may_use_folders(request.user),
            "formats": FORMATS,
        },
    )


@login_required
def source_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "logwatch.manage")
    form = SourceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        source = call_service(
            form, lambda: services.create_source(actor=request.user, data=form.service_data())
        )
        if source is not None:
            messages.success(request, _("已新增記錄來源。"))
            return redirect("logwatch:source", source.pk)
    return _source_form(request, form, None)


@login_required
def source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "logwatch.manage")
    source = get_object_or_404(LogSource, pk=pk)
    form = SourceForm(request.POST or None, source=source, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.update_source(actor=request.user, source=source, data=form.service_data(source)),
        )
        if saved is not None:
            messages.success(request, _("已更新記錄來源。"))
            return redirect("logwatch:source", pk)
    return _source_form(request, form, source)


@login_required
@require_POST
def source_delete(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.delete_source(actor=request.user, source=get_object_or_404(LogSource, pk=pk))
    except ValidationError as exc:
        _error(request, exc)
        return redirect("logwatch:source", pk)
    messages.success(request, _("已刪除記錄來源及其事件。"))
    return redirect("logwatch:sources")


@login_required
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "logwatch.view")
    source = get_object_or_404(selectors.sources(), pk=pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(request.user, "logwatch.ingest")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                ingest = services.upload(actor=request.user, source=source, file=upload, filename=upload.name)
            except ValidationError as exc:
                _error(request, exc)
            else:
                return redirect("logwatch:ingest", ingest.pk)
    return render(request, "logwatch/source.html", {
        "source": source, "form": form, "ingests": selectors.recent_ingests(source, 30), "fmt": FORMATS[source.format],
        "files": source.files.order_by("-updated_at")[:30], "rules": services.rule_settings(source), "rule_meta": RULES,
    })  # fmt: skip


@login_required
@require_POST
def source_read_folder(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(LogSource, pk=pk)
    try:
        started = services.read_folder(actor=request.user, source=source)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(
            request,
            _("已排入 %(n)s 個檔案的讀取。") % {"n": len(started)} if started else _("資料夾中沒有新內容。"),
        )
    return redirect("logwatch:source", pk)


@login_required
def source_rules(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "logwatch.manage")
    source = get_object_or_404(LogSource, pk=pk)
    errors: dict[str, list[str]] = {}
    current = services.rule_settings(source)
    if request.method == "POST":
        data: dict[str, dict[str, Any]] = {}
        for rule_id, rule in RULES.items():
            data[rule_id] = {"enabled": request.POST.get(f"{rule_id}.enabled") == "on"}
            for param in rule.params:
                data[rule_id][param.key] = request.POST.get(f"{rule_id}.{param.key}", "")
        try:
            services.set_rules(actor=request.user, source=source, data=data)
        except ValidationError as exc:
            errors = exc.message_dict
            current = {r: {**current[r], **dict(data[r].items())} for r in RULES}
        else:
            messages.success(request, _("已更新規則設定。"))
            return redirect("logwatch:source", pk)
    rows = [
        {
            "rule": rule,
            "values": current[rule.id],
            "errors": {k.split(".", 1)[1]: v for k, v in errors.items() if k.startswith(rule.id + ".")},
        }
        for rule in RULES.values()
    ]
    return render(request, "logwatch/rules.html", {"source": source, "rows": rows})


@login_required
def ingest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "logwatch.view")
    ingest = get_object_or_404(Ingest.objects.select_related("source", "file", "job", "created_by"), pk=pk)
    if request.htmx:  # type: ignore[attr-defined]
        response = render(request, "logwatch/_progress.html", {"ingest": ingest})
        if ingest.done:
            response["HX-Refresh"] = "true"
        return response
    alerts = ingest.source.alerts.filter(ingest=ingest) if ingest.done else []
    return render(request, "logwatch/ingest.html", {"ingest": ingest, "alerts": alerts})


# --- blocklists, drills, summaries ------------------------------------------------------------------


@login_required
def blocklist_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "logwatch.view")
    form = BlocklistForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        saved = call_service(
            form,
            lambda: services.import_blocklist(
                actor=request.user, name=form.cleaned_data["name"], file=upload, filename=upload.name
            ),
        )
        if saved is not None:
            messages.success(
                request,
                _("已匯入黑名單「%(name)s」：%(n)s 個 IP／網段、%(d)s 個網域。")
                % {"name": saved.name, "n": saved.networks, "d": saved.domains},
            )
            return redirect("logwatch:blocklists")
    return render(request, "logwatch/blocklists.html", {"form": form, "lists": selectors.blocklists()})


@login_required
@require_POST
def blocklist_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    blocklist = get_object_or_404(Blocklist, pk=pk)
    services.set_blocklist_active(actor=request.user, blocklist=blocklist, active=not blocklist.active)
    return redirect("logwatch:blocklists")


@login_required
def drill_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "logwatch.view")
    form = DrillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved = call_service(
            form,
            lambda: drills.schedule(
                actor=request.user, source=d["source"], scenario=d["scenario"], when=d["when"], note=d["note"]
            ),
        )
        if saved is not None:
            messages.success(request, _("已排定演練。"))
            return redirect("logwatch:drills")
    return render(request, "logwatch/drills.html", {"form": form, "drills": selectors.drills()[:100]})


@login_required
@require_POST
def drill_run(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        ingest = drills.run_now(actor=request.user, drill=get_object_or_404(Drill, pk=pk))
    except ValidationError as exc:
        _error(request, exc)
        return redirect("logwatch:drills")
    return redirect("logwatch:ingest", ingest.pk)


@login_required
def summary_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "logwatch.view")
    form = SummaryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved = call_service(
            form, lambda: summaries.create(actor=request.user, source=d["source"], month=d["month"].strip())
        )
        if saved is not None:
            messages.success(request, _("已產生每月摘要並存為佐證檔案。"))
            return redirect("logwatch:summaries")
    return render(
        request, "logwatch/summaries.html", {"form": form, "summaries": selectors.summaries()[:100]}
    )
