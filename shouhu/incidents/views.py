"""Incident pages. Thin: each view checks the permission, calls a service, renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import has_perm, reads_whole_company, require, require_whole_company
from shouhu.core.formtools import call_service
from shouhu.evidence.services import open_for_read
from shouhu.incidents import (
    checker,
    clocks,
    notices,
    package,
    readiness,
    reports,
    selectors,
    services,
    suspected,
)
from shouhu.incidents.facts import FACTS
from shouhu.incidents.forms import (
    ClientNoticeForm,
    DecisionForm,
    EvidenceForm,
    IncidentForm,
    MetForm,
    NotifySettingsForm,
    PackageForm,
    ReportGenerateForm,
    ReportSubmittedForm,
    SuspectForm,
    TimelineForm,
    TriageConfirmForm,
    TriageDismissForm,
)
from shouhu.incidents.models import (
    AuthorityReport,
    ClientNotice,
    Incident,
    IncidentDeadline,
    PackageStatus,
    RegulatorPackage,
    State,
    Task,
)
from shouhu.organization.models import Client


def _incident(request: HttpRequest, pk: int) -> Incident:
    incident = get_object_or_404(Incident, pk=pk)
    services.require_view(request.user, incident)
    return incident


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, "incidents.view"):
        require(request.user, "incidents.report")
    state = request.GET.get("state", "")
    return render(
        request,
        "incidents/list.html",
        {
            "incidents": selectors.incidents(user=request.user, state=state),
            "state": state,
            "states": State.choices,
            "last_drill": selectors.last_drill_completed_on(),
        },
    )


@login_required
def incident_report(request: HttpRequest) -> HttpResponse:
    require(request.user, "incidents.report")
    form = IncidentForm(request.POST or None, short=True)
    if request.method == "POST" and form.is_valid():
        incident = call_service(
            form,
            lambda: services.report_incident(
                actor=request.user, data=form.service_data(), clients=form.cleaned_data.get("clients") or []
            ),
        )
        if incident:
            messages.success(request, _("事件已通報，期限已開始計算。"))
            return redirect("incidents:detail", incident.pk)
    return render(request, "incidents/form.html", {"form": form, "title": _("通報個資事故")})


@login_required
def incident_edit(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    require(request.user, "incidents.manage")
    form = IncidentForm(request.POST or None, instance=Incident.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        if call_service(
            form,
            lambda: services.update_incident(
                actor=request.user,
                incident=incident,
                data=form.service_data(),
                clients=form.cleaned_data.get("clients") or [],
            ),
        ):
            messages.success(request, _("事件資料已更新；期限已依法規引擎重新計算。"))
            return redirect("incidents:detail", pk)
    return render(
        request,
        "incidents/form.html",
        {"form": form, "title": _("編輯事件：{incident}").format(incident=incident), "incident": incident},
    )


@login_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    can_manage = has_perm(request.user, "incidents.manage")
    clients = list(incident.affected_clients.prefetch_related("contacts"))
    client_rows = []
    notices_by_client = {n.client_id: n for n in incident.client_notices.all()}
    for client in clients:
        client_rows.append(
            {
                "client": client,
                "notice": notices_by_client.get(client.pk),
                "missing": readiness.client_notice(incident, client),
            }
        )
    subject_rows = [
        {
            "notice": n,
            "checks": notices.check_subject_notice(n),
            "sms": checker.sms_length(n.body) if n.channel == "sms" else None,
        }
        for n in incident.subject_notices.select_related("client")
    ]
    return render(
        request,
        "incidents/detail.html",
        {
            "incident": incident,
            "can_manage": can_manage,
            "can_package": can_manage and reads_whole_company(request.user),
            "deadlines": selectors.deadlines(incident),
            "contract_notices": clocks.client_periods(incident),
            "withdrawn": incident.deadlines.filter(active=False),
            "facts": selectors.fact_rows(incident),
            "confirm_form": TriageConfirmForm(),
            "dismiss_form": TriageDismissForm(),
            "warnings": selectors.clock_warnings(incident),
            "tasks": incident.tasks.select_related("done_by"),
            "timeline": incident.timeline.select_related("actor"),
            "evidence": incident.evidence_links.select_related("evidence__blob", "added_by"),
            "reports": incident.reports.select_related("docx", "pdf"),
            **_packages(incident),
            "missing": readiness.all_missing(incident),
            "client_rows": client_rows,
            "subject_rows": subject_rows,
            "timeline_form": TimelineForm(),
            "evidence_form": EvidenceForm(),
            "met_form": MetForm(),
            "report_form": ReportGenerateForm(),
        },
    )


@login_required
def fact_decide(request: HttpRequest, pk: int, fact: str) -> HttpResponse:
    """Answer one clock-deciding fact: yes, no with a reason, or back to 尚未判斷."""
    incident = _incident(request, pk)
    require(request.user, "incidents.manage")
    if fact not in FACTS:
        raise Http404
    current = FACTS[fact].form_value(getattr(incident, fact))
    form = DecisionForm(request.POST or None, fact=fact, initial={"value": current})
    if request.method == "POST" and form.is_valid():
        made = call_service(
            form,
            lambda: services.decide_fact(
                actor=request.user,
                incident=incident,
                fact=fact,
                value=form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
            ),
        )
        if made is not None:
            if made:
                messages.success(request, _("已記錄判斷，期限已依法規引擎重新計算。"))
            else:
                messages.info(request, _("判斷與目前相同，未變更。"))
            return redirect("incidents:detail", pk)
    return render(
        request,
        "incidents/decide.html",
        {
            "incident": incident,
            "fact": FACTS[fact],
            "current": FACTS[fact].display(getattr(incident, fact)),
            "waiting": selectors.deadlines_waiting_on(incident, fact),
            "history": selectors.decisions(incident, fact=fact),
            "form": form,
        },
    )


@login_required
@require_POST
def incident_state(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    try:
        services.transition(actor=request.user, incident=incident, to=request.POST.get("to", ""))
        messages.success(request, _("狀態已變更。"))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("incidents:detail", pk)


@login_required
@require_POST
def timeline_add(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    form = TimelineForm(request.POST)
    if form.is_valid():
        try:
            services.add_timeline(
                actor=request.user,
                incident=incident,
                text=form.cleaned_data["text"],
                at=form.cleaned_data.get("at"),
            )
        except ValidationError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("請填寫時間軸內容"))
    return redirect("incidents:detail", pk)


@login_required
@require_POST
def task_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task, pk=pk)
    services.require_view(request.user, task.incident)
    services.set_task_done(actor=request.user, task=task, done=request.POST.get("done") == "1")
    return redirect("incidents:detail", task.incident_id)


@login_required
@require_POST
def deadline_met(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(IncidentDeadline, pk=pk)
    services.require_view(request.user, row.incident)
    form = MetForm(request.POST)
    if form.is_valid():
        try:
            services.mark_deadline_met(
                actor=request.user,
                deadline=row,
                met_at=form.cleaned_data.get("met_at"),
                document=form.cleaned_data["document"],
            )
            messages.success(request, _("已記錄期限完成。"))
        except ValidationError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("請填寫完成文件"))
    return redirect("incidents:detail", row.incident_id)


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.attach_evidence(
                actor=request.user,
                incident=incident,
                file=upload.file,
                filename=upload.name,
                category=form.cleaned_data["category"],
                description=form.cleaned_data.get("description", ""),
            )
            messages.success(request, _("佐證已鎖定保存。"))
        except ValidationError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("請選擇檔案"))
    return redirect("incidents:detail", pk)


@login_required
def evidence_download(request: HttpRequest, pk: int, evidence_id: int) -> FileResponse:
    incident = _incident(request, pk)
    link = get_object_or_404(incident.evidence_links.select_related("evidence"), evidence_id=evidence_id)
    handle = open_for_read(actor=request.user, evidence=link.evidence, action="download")
    return FileResponse(handle, as_attachment=True, filename=link.evidence.download_name)


@login_required
@require_POST
def report_generate(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    form = ReportGenerateForm(request.POST)
    reporter = form.cleaned_data.get("reporter") if form.is_valid() else None
    try:
        report = reports.generate(actor=request.user, incident=incident, reporter=reporter)
        messages.success(request, _("已產生通報表（{stage_zh}）。").format(stage_zh=report.stage_shown))
        if report.pdf is None:
            messages.warning(request, _("PDF 無法產生（需 WeasyPrint 與中文字型），已產生 DOCX。"))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("incidents:detail", pk)


@login_required
@require_POST
def report_submitted(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(AuthorityReport, pk=pk)
    services.require_view(request.user, report.incident)
    form = ReportSubmittedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("送出時間格式錯誤"))
        return redirect("incidents:detail", report.incident_id)
    try:
        reports.mark_submitted(actor=request.user, report=report, at=form.cleaned_data.get("submitted_at"))
        messages.success(request, _("已記錄通報送出，並標示期限完成。"))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("incidents:detail", report.incident_id)


@login_required
def client_notice(request: HttpRequest, pk: int, client_id: int) -> HttpResponse:
    incident = _incident(request, pk)
    require(request.user, "incidents.manage")
    client = get_object_or_404(Client, pk=client_id)
    try:
        # A GET only shows the draft; it is stored (and audited) when the user saves or sends it.
        notice = notices.draft_client_notice(actor=request.user, incident=incident, client=client)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("incidents:detail", pk)
    form = ClientNoticeForm(
        request.POST or None,
        initial={"to": notice.to, "cc": notice.cc, "subject": notice.subject, "body": notice.body},
    )
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: notices.save_client_notice(
                actor=request.user,
                notice=notices.prepare_client_notice(actor=request.user, incident=incident, client=client),
                data=form.cleaned_data,
            ),
        )
        if saved:
            if request.POST.get("action") == "send":
                notices.send_client_notice(actor=request.user, notice=saved)
                if saved.status == "sent":
                    messages.success(
                        request, _("已寄出通知予「{name}」，寄送紀錄已保存為佐證。").format(name=client.name)
                    )
                    return redirect("incidents:detail", pk)
                messages.error(
                    request,
                    _("寄送失敗，草稿已保留，可稍後重試：{last_error}").format(last_error=saved.last_error),
                )
            else:
                messages.success(request, _("草稿已儲存。"))
            return redirect("incidents:client_notice", pk, client_id)
    return render(
        request,
        "incidents/client_notice.html",
        {"incident": incident, "client": client, "notice": notice, "form": form},
    )


@login_required
def client_notice_eml(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(ClientNotice, pk=pk)
    services.require_view(request.user, notice.incident)
    response = HttpResponse(
        notices.eml_bytes(actor=request.user, notice=notice), content_type="message/rfc822"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="notice-{notice.incident_id}-{notice.client_id}.eml"'
    )
    return response


@login_required
def package_build(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    require_whole_company(request.user, "incidents.manage")
    initial = package.default_letter(incident)
    retried = _failed_package(incident, request.GET.get("retry", ""))
    if retried is not None:  # "generate again" after a failure: the letter as it was typed
        initial = {**initial, **retried.letter}
    form = PackageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        queued = call_service(
            form,
            lambda: package.request_build(actor=request.user, incident=incident, letter=form.cleaned_data),
        )
        if queued:
            messages.success(request, _("已開始產生函復主管機關資料 ZIP；完成後即可在本頁下載。"))
            return redirect(reverse("incidents:detail", args=[pk]) + "#packages")
    return render(
        request,
        "incidents/package.html",
        {"incident": incident, "form": form, "missing": readiness.package(incident)},
    )


@login_required
def package_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The 附錄三 packages of an incident (the htmx poll of the incident page while one is being built)."""
    incident = _incident(request, pk)
    can_package = has_perm(request.user, "incidents.manage") and reads_whole_company(request.user)
    return render(
        request,
        "incidents/_packages.html",
        {"incident": incident, "can_package": can_package, **_packages(incident)},
    )


def _packages(incident: Incident) -> dict[str, Any]:
    rows = list(incident.packages.select_related("archive", "job"))
    return {"packages": rows, "packages_pending": any(p.status == PackageStatus.QUEUED for p in rows)}


def _failed_package(incident: Incident, pk: str) -> RegulatorPackage | None:
    if not pk.isdigit():
        return None
    return incident.packages.filter(pk=int(pk), status=PackageStatus.FAILED).first()


@login_required
def package_download(request: HttpRequest, pk: int) -> FileResponse:
    pkg = get_object_or_404(RegulatorPackage, pk=pk, status=PackageStatus.DONE, archive__isnull=False)
    services.require_view(request.user, pkg.incident)
    if pkg.archive is None:  # never: the query asks for an archive (for the type checker)
        raise Http404
    handle = open_for_read(actor=request.user, evidence=pkg.archive, action="download")
    return FileResponse(handle, as_attachment=True, filename=pkg.archive.download_name)


@login_required
def suspect_report(request: HttpRequest) -> HttpResponse:
    """通報疑似事件: every employee's two-minute form."""
    require(request.user, "incidents.report")
    form = SuspectForm(
        request.POST or None, initial={"noticed_at": timezone.localtime().replace(second=0, microsecond=0)}
    )
    if request.method == "POST" and form.is_valid():
        incident = call_service(
            form,
            lambda: suspected.report_suspected(
                actor=request.user,
                what=form.cleaned_data["what"],
                noticed_at=form.cleaned_data["noticed_at"],
                data_items=form.cleaned_data["data_items"],
                contact=form.cleaned_data["contact"],
            ),
        )
        if incident:
            messages.success(request, _("已通報，個資／資安負責人已收到通知。謝謝您！"))
            return redirect("incidents:detail", incident.pk)
    return render(request, "incidents/suspect.html", {"form": form})


@login_required
@require_POST
def triage_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    form = TriageConfirmForm(request.POST)
    if form.is_valid():
        try:
            suspected.triage_confirm(
                actor=request.user, incident=incident, aware_at=form.cleaned_data["aware_at"]
            )
            messages.success(request, _("已確認為個資事故，知悉時間已記錄，期限已重新計算。"))
        except ValidationError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("知悉時間格式不正確"))
    return redirect("incidents:detail", pk)


@login_required
@require_POST
def triage_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    form = TriageDismissForm(request.POST)
    if form.is_valid():
        try:
            suspected.triage_dismiss(
                actor=request.user,
                incident=incident,
                reason=form.cleaned_data["reason"],
                aware_at=form.cleaned_data["aware_at"],
            )
            messages.success(request, _("已判斷非事故並結案，理由已記錄於時間軸。"))
        except ValidationError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("請寫明判斷非事故之理由"))
    return redirect("incidents:detail", pk)


@login_required
def notify_settings(request: HttpRequest) -> HttpResponse:
    require(request.user, "incidents.manage")
    form = NotifySettingsForm(request.POST or None, instance=suspected.notify_settings())
    if request.method == "POST" and form.is_valid():
        if call_service(
            form, lambda: suspected.update_notify_settings(actor=request.user, data=form.cleaned_data)
        ):
            messages.success(request, _("通知設定已儲存。"))
            return redirect("incidents:notify_settings")
    to, who = suspected.recipients()
    return render(request, "incidents/notify_settings.html", {"form": form, "who": who, "count": len(to)})
