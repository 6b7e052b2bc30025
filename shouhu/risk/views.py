"""Risk register pages: the list with heat maps, a risk with its history and actions, the matrix."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import require, signed_in_user
from shouhu.audit.services import record
from shouhu.core.exports import XLSX_MIME
from shouhu.core.formtools import call_service, flash_form_errors
from shouhu.risk import exports, selectors, services
from shouhu.risk.forms import ActionForm, MatrixForm, ReassessForm, RiskForm
from shouhu.risk.heatmap import heatmap_svg
from shouhu.risk.models import Risk, RiskAction, Scope, Threat, Treatment
from shouhu.risk.scoring import current_matrix, level, level_label


def _filters(request: HttpRequest) -> dict[str, Any]:
    get = request.GET
    return {
        "q": get.get("q", "").strip(),
        "scope": get.get("scope", "") if get.get("scope") in Scope.values else "",
        "threat": get.get("threat", "") if get.get("threat") in Threat.values else "",
        "treatment": get.get("treatment", "") if get.get("treatment") in Treatment.values else "",
    }


@login_required
def risk_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "risk.view")
    filters = _filters(request)
    qs = selectors.risks(actor=request.user, **filters)
    matrix = current_matrix()
    inherent, residual = selectors.heat_counts(qs)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    for r in page:
        r.level = level(r.inherent_score, matrix)  # type: ignore[attr-defined]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "risk/list.html",
        {
            "page": page,
            "filters": filters,
            "query": params.urlencode(),
            "matrix": matrix,
            "inherent_svg": heatmap_svg(inherent, matrix, _("固有風險熱圖")),
            "residual_svg": heatmap_svg(residual, matrix, _("殘餘風險熱圖")),
            "scopes": Scope.choices,
            "threats": Threat.choices,
            "treatments": Treatment.choices,
        },
    )


@login_required
def risk_export(request: HttpRequest) -> HttpResponse:
    require(request.user, "risk.view")
    data = exports.register_xlsx(selectors.risks(actor=request.user, **_filters(request)))
    record(actor=signed_in_user(request), action="risk.exported_xlsx", object_type="risk.export")
    response = HttpResponse(data, content_type=XLSX_MIME)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''risk-register.xlsx"
    return response


@login_required
def risk_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "risk.manage")
    form = RiskForm(
        request.POST or None, initial={"scope": request.GET.get("scope", Scope.SYSTEM)}, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        risk = call_service(
            form, lambda: services.create_risk(actor=signed_in_user(request), data=form.cleaned_data)
        )
        if risk:
            messages.success(request, _("已新增風險。"))
            return redirect("risk:detail", pk=risk.pk)
    return render(request, "risk/form.html", {"form": form, "title": _("新增風險")})


@login_required
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "risk.view")
    risk = selectors.risk_by_pk(pk, actor=request.user)
    if risk is None:
        raise Http404
    form = ReassessForm(request.POST or None, instance=copy.copy(risk), initial={"assessed_on": None})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "note"}
        if not data.get("assessed_on"):
            data.pop("assessed_on")
        if call_service(
            form,
            lambda: services.reassess(
                actor=signed_in_user(request),
                risk=risk,
                data=data,
                note=form.cleaned_data["note"],
            ),
        ):
            messages.success(request, _("已重新評估；先前的評估保留於歷程。"))
            return redirect("risk:detail", pk=pk)
    matrix = current_matrix()
    return render(
        request,
        "risk/detail.html",
        {
            "risk": risk,
            "form": form,
            "action_form": ActionForm(),
            "history": selectors.history(risk),
            "actions": risk.actions.all(),
            "inherent_level": level_label(risk.inherent_score, matrix),
            "residual_level": level_label(risk.residual_score, matrix),
        },
    )


@login_required
@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    risk = get_object_or_404(Risk, pk=pk)
    form = ActionForm(request.POST)
    if form.is_valid() and None is not call_service(
        form,
        lambda: services.add_action(
            actor=signed_in_user(request),
            risk=risk,
            data=form.cleaned_data,
        ),
    ):
        messages.success(request, _("已新增處理措施。"))
    else:
        flash_form_errors(request, form)
    return redirect("risk:detail", pk=pk)


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(RiskAction.objects.select_related("risk"), pk=pk)
    try:
        services.complete_action(actor=signed_in_user(request), action=action)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("risk:detail", pk=action.risk_id)


@login_required
def matrix(request: HttpRequest) -> HttpResponse:
    require(request.user, "risk.view")
    current = current_matrix()
    form = MatrixForm(request.POST or None, instance=copy.copy(current))
    if request.method == "POST" and form.is_valid():
        if call_service(
            form, lambda: services.save_matrix(actor=signed_in_user(request), data=form.cleaned_data)
        ):
            messages.success(request, _("風險矩陣已儲存。"))
            return redirect("risk:list")
    return render(request, "risk/form.html", {"form": form, "title": _("風險矩陣設定")})
