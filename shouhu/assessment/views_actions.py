"""Findings and corrective-action pages (第五章 一), and the action list with its exports."""

from __future__ import annotations

import json
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.models import User
from shouhu.accounts.permissions import has_perm, require
from shouhu.assessment import findings as finding_services
from shouhu.assessment import oscal_export, reports, selectors
from shouhu.assessment.findings import ACTION_TRANSITIONS
from shouhu.assessment.forms import ActionForm, FindingForm, SeverityForm, TransitionForm
from shouhu.assessment.models import ActionState, Assessment, CorrectiveAction, Finding
from shouhu.assessment.titles import proposed_action_title
from shouhu.core.exports import XLSX_MIME
from shouhu.core.formtools import call_service, paginate


def _actor(request: HttpRequest) -> User:
    """The signed-in user (views are behind login_required; the API behind token or session auth)."""
    return cast(User, request.user)


@login_required
def findings(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "assessment.view")
    assessment = get_object_or_404(Assessment, pk=pk)
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(
            form,
            lambda: finding_services.create_finding(
                actor=_actor(request), assessment=assessment, data=form.cleaned_data
            ),
        ):
            messages.success(request, _("已新增缺失。"))
            return redirect("assessment:findings", pk)
    return render(
        request,
        "assessment/findings.html",
        {
            "assessment": assessment,
            "findings": selectors.findings(assessment),
            "form": form,
            "may_create": has_perm(request.user, "findings.create"),
            "may_act": has_perm(request.user, "actions.manage"),
        },
    )


@login_required
def finding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(Finding.objects.select_related("assessment"), pk=pk)
    require(request.user, "assessment.view")
    form = SeverityForm(request.POST or None, instance=Finding.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        if call_service(
            form,
            lambda: finding_services.update_finding(
                actor=_actor(request), finding=finding, data=form.cleaned_data
            ),
        ):
            messages.success(request, _("已更新缺失。"))
            return redirect("assessment:findings", finding.assessment_id)
    return render(
        request,
        "assessment/form.html",
        {
            "form": form,
            "title": _("編輯缺失：{title}").format(title=finding.title_shown),
            "assessment": finding.assessment,
        },
    )


@login_required
def action_create(request: HttpRequest, finding_pk: int) -> HttpResponse:
    require(request.user, "actions.manage")
    finding = get_object_or_404(Finding, pk=finding_pk)
    form = ActionForm(request.POST or None, initial={"title": proposed_action_title(finding)})
    if request.method == "POST" and form.is_valid():
        action = call_service(
            form,
            lambda: finding_services.create_action(
                actor=_actor(request), finding=finding, data=form.cleaned_data
            ),
        )
        if action:
            messages.success(request, _("已建立矯正措施。"))
            return redirect("assessment:action", action.pk)
    return render(
        request,
        "assessment/form.html",
        # The finding's title quotes the guideline (Chinese only): marked as such for readers and screen readers.
        {
            "form": form,
            "title": format_html(
                _("新增矯正措施：{title}"),
                title=format_html(
                    '<span lang="{}">{}</span>',
                    "en" if finding.title_shown != finding.title else "zh-Hant",
                    finding.title_shown,
                ),
            ),
        },
    )


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "actions.view")
    action = get_object_or_404(CorrectiveAction.objects.select_related("finding__assessment", "owner"), pk=pk)
    form = ActionForm(
        request.POST or None,
        instance=CorrectiveAction.objects.get(pk=pk),
        initial={"title": action.title_shown},
    )
    if request.method == "POST" and form.is_valid():
        if call_service(
            form,
            lambda: finding_services.update_action(
                actor=_actor(request), action=action, data=form.cleaned_data
            ),
        ):
            messages.success(request, _("已儲存矯正措施。"))
            return redirect("assessment:action", pk)
    targets = [(s, ActionState(s).label) for s in sorted(ACTION_TRANSITIONS[ActionState(action.state)])]
    return render(
        request,
        "assessment/action.html",
        {
            "action": action,
            "form": form,
            "targets": targets,
            "overdue": selectors.is_overdue(action),
            "may_manage": has_perm(request.user, "actions.manage"),
        },
    )


@login_required
@require_POST
def action_transition(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(CorrectiveAction, pk=pk)
    form = TransitionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("狀態參數錯誤。"))
        finding_services.transition_action(
            actor=_actor(request),
            action=action,
            to=form.cleaned_data["to"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("狀態已改為「{value}」。").format(value=action.get_state_display()))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("assessment:action", pk)


def _action_rows(request: HttpRequest) -> tuple[list[CorrectiveAction], dict[str, str]]:
    state = request.GET.get("state", "")
    mine = request.GET.get("mine") == "1"
    overdue = request.GET.get("overdue") == "1"
    qs = selectors.actions(
        state=state if state in ActionState.values else "",
        owner=_actor(request) if mine else None,
        overdue=overdue,
    )
    return list(qs), {"state": state, "mine": "1" if mine else "", "overdue": "1" if overdue else ""}


@login_required
def actions(request: HttpRequest) -> HttpResponse:
    """All corrective actions; ``?mine=1`` lists the signed-in owner's, ``?overdue=1`` the overdue ones."""
    require(request.user, "actions.view")
    rows, filters = _action_rows(request)
    page = paginate(
        request,
        selectors.actions(
            state=filters["state"],
            owner=_actor(request) if filters["mine"] else None,
            overdue=bool(filters["overdue"]),
        ),
    )
    for action in page:
        action.overdue = selectors.is_overdue(action)
    return render(
        request,
        "assessment/actions.html",
        {"page": page, "filters": filters, "states": ActionState.choices, "count": len(rows)},
    )


@login_required
def actions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require(request.user, "actions.view")
    rows, _filters = _action_rows(request)
    if fmt == "poam":
        try:
            document = oscal_export.poam(actor=_actor(request), actions=rows)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("assessment:actions")
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2).encode(), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="corrective-actions-poam.json"'
        return response
    response = HttpResponse(reports.actions_xlsx(actor=_actor(request), actions=rows), content_type=XLSX_MIME)
    response["Content-Disposition"] = 'attachment; filename="corrective-actions.xlsx"'
    return response
