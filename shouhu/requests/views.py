"""Request pages. Thin: each view checks the permission, calls a service, renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import has_perm, require
from shouhu.audit.services import record
from shouhu.core.exports import csv_bytes
from shouhu.core.formtools import call_service, flash_form_errors, paginate
from shouhu.evidence.services import open_for_read
from shouhu.requests import selectors, services
from shouhu.requests.forms import (
    ExplanationForm,
    ExtendForm,
    FeeForm,
    ForwardForm,
    GrantForm,
    IdentityForm,
    InstructionForm,
    LocateForm,
    NoticeDoneForm,
    RefuseForm,
    RequestForm,
    WithdrawForm,
)
from shouhu.requests.models import FEE_KINDS, GROUND_KINDS, Kind, RefusalGround, State, SubjectRequest


def _case(request: HttpRequest, pk: int) -> SubjectRequest:
    require(request.user, "requests.view")
    return get_object_or_404(SubjectRequest.objects.select_related("client", "owner"), pk=pk)


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "requests.view")
    state = request.GET.get("state", "active")
    kind = request.GET.get("kind", "")
    return render(
        request,
        "requests/list.html",
        {
            "page": paginate(request, selectors.requests(state=state, kind=kind)),
            "state": state,
            "kind": kind,
            "states": State.choices,
            "kinds": Kind.choices,
            "now": timezone.now(),
        },
    )


@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "requests.manage")
    form = RequestForm(request.POST or None, initial={"received_at": timezone.localtime().replace(second=0)})
    if request.method == "POST" and form.is_valid():
        case = call_service(form, lambda: services.open_request(actor=request.user, **form.service_data()))
        if case:
            messages.success(
                request, _("已受理 {number}，准駁期限由法規引擎計算。").format(number=case.number)
            )
            return redirect("requests:detail", case.pk)
    return render(request, "requests/form.html", {"form": form})


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    grounds = [(v, label) for v, label in RefusalGround.choices if case.kind in GROUND_KINDS[v]]
    refuse = RefuseForm()
    refuse.fields["ground"].choices = grounds  # type: ignore[attr-defined]
    return render(
        request,
        "requests/detail.html",
        {
            "case": case,
            "can_manage": has_perm(request.user, "requests.manage") and not case.closed,
            "may_manage": has_perm(request.user, "requests.manage"),
            "fee_allowed": case.kind in FEE_KINDS,
            "identity_form": IdentityForm(),
            "extend_form": ExtendForm(),
            "refuse_form": refuse,
            "grant_form": GrantForm(),
            "fee_form": FeeForm(initial={"amount": case.fee_amount, "note": case.fee_note}),
            "explanation_form": ExplanationForm(initial={"text": case.explanation}),
            "forward_form": ForwardForm(),
            "instruction_form": InstructionForm(),
            "withdraw_form": WithdrawForm(),
            "locate_form": LocateForm(),
            "notice_form": NoticeDoneForm(),
            "forwards": case.forwards.select_related("document", "sent_by"),
            "instructions": case.instructions.select_related("recorded_by"),
            "notice": getattr(case, "recipient_notice", None),
            "suppressions": case.suppressions.all(),
        },
    )


# One small handler per action: (form class, service call). The form gives the input shape only.
ACTIONS: dict[str, tuple[type[forms.Form], Callable[[Any, SubjectRequest, dict[str, Any]], object], str]] = {
    "identity": (
        IdentityForm,
        lambda u, c, d: services.verify_identity(actor=u, request=c, method=d["method"], note=d["note"]),
        "已記錄身分驗證。",
    ),
    "extend": (
        ExtendForm,
        lambda u, c, d: services.extend(actor=u, request=c, reason=d["reason"]),
        "已延長處理期限並產生延長通知書。",
    ),
    "refuse": (
        RefuseForm,
        lambda u, c, d: services.refuse(actor=u, request=c, ground=d["ground"], reason=d["reason"]),
        "已記錄拒絕。",
    ),
    "grant": (
        GrantForm,
        lambda u, c, d: services.grant(actor=u, request=c, note=d["note"], recipients=d["recipients"]),
        "已記錄准予並完成。",
    ),
    "fee": (
        FeeForm,
        lambda u, c, d: services.record_fee(actor=u, request=c, amount=d["amount"], note=d["note"]),
        "已記錄費用。",
    ),
    "explanation": (
        ExplanationForm,
        lambda u, c, d: services.record_explanation(actor=u, request=c, text=d["text"]),
        "已記錄釋明。",
    ),
    "forward": (
        ForwardForm,
        lambda u, c, d: services.forward_to_client(actor=u, request=c, method=d["method"]),
        "已轉交委託者。",
    ),
    "instruction": (
        InstructionForm,
        lambda u, c, d: services.log_instruction(
            actor=u, request=c, text=d["text"], received_at=d.get("received_at")
        ),
        "已記錄委託者指示。",
    ),
    "locate": (
        LocateForm,
        lambda u, c, d: services.locate_data(
            actor=u,
            request=c,
            identifiers=[x.strip() for x in d["identifiers"].splitlines() if x.strip()][:10],
        ),
        "已完成個資位置查找。",
    ),
    "withdraw": (
        WithdrawForm,
        lambda u, c, d: services.withdraw(actor=u, request=c, note=d["note"]),
        "已記錄撤回。",
    ),
    "notice_done": (
        NoticeDoneForm,
        lambda u, c, d: services.complete_recipient_notice(
            actor=u, notice=c.recipient_notice, note=d["note"], recipients=d["recipients"]
        ),
        "已完成通知曾提供利用之對象。",
    ),
}


@login_required
@require_POST
def request_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = _case(request, pk)
    if action not in ACTIONS:
        raise Http404
    form_class, call, done = ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
    elif call_service(form, lambda: call(request.user, case, form.cleaned_data)) is not None:
        messages.success(request, done)
    else:
        flash_form_errors(request, form)
    return redirect("requests:detail", pk)


@login_required
def evidence_download(request: HttpRequest, pk: int, evidence_id: int) -> FileResponse:
    case = _case(request, pk)
    linked = {
        case.extension_notice_id,
        case.refusal_letter_id,
        *case.forwards.values_list("document_id", flat=True),
    }
    if evidence_id not in linked - {None}:
        raise Http404
    from shouhu.evidence.models import Evidence

    evidence = get_object_or_404(Evidence, pk=evidence_id)
    handle = open_for_read(actor=request.user, evidence=evidence, action="download")
    return FileResponse(handle, as_attachment=True, filename=evidence.download_name)


@login_required
def suppression_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "requests.view")
    return render(request, "requests/suppression.html", {"page": paginate(request, selectors.suppressions())})


SUPPRESSION_HEADERS = ("類型", "電子郵件或電話", "適用對象", "生效時間（臺北）", "案號")


@login_required
def suppression_csv(request: HttpRequest) -> HttpResponse:
    require(request.user, "requests.view")
    rows = [
        (
            entry.get_kind_display(),
            entry.value,
            entry.client.name if entry.client else "本公司",
            timezone.localtime(entry.effective_at).strftime("%Y-%m-%d %H:%M"),
            entry.request.number if entry.request else "",
        )
        for entry in selectors.suppressions()
    ]
    record(actor=request.user, action="requests.suppression_exported", changes={"rows": [None, len(rows)]})
    response = HttpResponse(csv_bytes(SUPPRESSION_HEADERS, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="marketing-suppression.csv"'
    return response
