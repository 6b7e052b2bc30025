"""Pages for notices to data subjects: draft from the incident's facts, check, and record as sent."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import require
from shouhu.core.formtools import call_service
from shouhu.incidents import checker, notices, services
from shouhu.incidents.forms import SubjectNoticeForm, SubjectSentForm
from shouhu.incidents.models import Incident, SubjectNotice


def _incident(request: HttpRequest, pk: int) -> Incident:
    incident = get_object_or_404(Incident, pk=pk)
    services.require_view(request.user, incident)
    return incident


def _initial(incident: Incident, notice: SubjectNotice | None, request: HttpRequest) -> dict[str, Any]:
    if notice is not None:
        fields = ("channel", "client", "kinds", "data_items", "measures", "hotline", "subject", "body")
        return {name: getattr(notice, name) for name in fields}
    channel = request.GET.get("channel", "sms")
    client = incident.affected_clients.filter(pk=request.GET.get("client") or 0).first()
    draft = notices.subject_draft(incident, channel, client or notices.default_client(incident))
    return {
        "channel": draft.channel,
        "client": draft.client,
        "kinds": list(draft.kinds),
        "data_items": draft.data_items,
        "measures": draft.measures,
        "hotline": draft.hotline,
        "subject": draft.subject,
        "body": draft.body,
    }


@login_required
def subject_notice(request: HttpRequest, pk: int, notice_id: int | None = None) -> HttpResponse:
    incident = _incident(request, pk)
    require(request.user, "incidents.manage")
    notice = get_object_or_404(SubjectNotice, pk=notice_id, incident=incident) if notice_id else None
    form = SubjectNoticeForm(
        request.POST or None, initial=_initial(incident, notice, request), incident=incident
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            lambda: notices.save_subject_notice(actor=request.user, incident=incident, notice=notice, **data),
        )
        if saved:
            messages.success(request, _("通知已儲存並檢查。"))
            return redirect("incidents:subject_notice_edit", pk, saved.pk)
    checks = notices.check_subject_notice(notice) if notice is not None else []
    return render(
        request,
        "incidents/subject_notice.html",
        {
            "incident": incident,
            "form": form,
            "notice": notice,
            "checks": checks,
            "passes": bool(checks) and checker.passes(checks),
            "sms": checker.sms_length(notice.body) if notice and notice.channel == "sms" else None,
            "sent_form": SubjectSentForm(),
        },
    )


@login_required
@require_POST
def subject_notice_sent(request: HttpRequest, pk: int, notice_id: int) -> HttpResponse:
    incident = _incident(request, pk)
    notice = get_object_or_404(SubjectNotice, pk=notice_id, incident=incident)
    form = SubjectSentForm(request.POST)
    if form.is_valid():
        try:
            notices.mark_subject_notice_sent(
                actor=request.user,
                notice=notice,
                at=form.cleaned_data.get("sent_at"),
                recipients=form.cleaned_data.get("recipients"),
            )
            messages.success(request, _("已記錄通知寄出，並保存通知內容為佐證。"))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    else:
        messages.error(request, _("寄送時間或人數格式錯誤"))
    return redirect("incidents:subject_notice_edit", pk, notice.pk)
