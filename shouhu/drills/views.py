"""Drill pages: the list with the rates chart, one drill with its results, manual entry, GoPhish import. Thin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import require
from shouhu.core.formtools import call_service, flash_form_errors
from shouhu.core.templatetags.shouhu import roc
from shouhu.drills import charts, selectors, services
from shouhu.drills.forms import DeleteForm, DrillForm, ResultForm
from shouhu.drills.importing import KIND


def _chart(trend: selectors.Trend) -> charts.Chart | None:
    titles = {"click": _("點擊率"), "submit": _("提交資料率"), "report": _("回報率")}
    return charts.trend_chart(trend, titles=titles, company=_("全公司"), date_label=roc)


@login_required
def drill_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "drills.view")
    form = DrillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        drill = call_service(form, lambda: services.create_drill(actor=request.user, **form.cleaned_data))
        if drill is not None:
            messages.success(request, _("已建立演練。"))
            return redirect("drills:detail", pk=drill.pk)
    trend = selectors.trend()
    rows = [{"drill": d, "name": name, "rates": rates} for d, name, rates in trend.rows(_("全公司"))]
    return render(request, "drills/list.html", {
        "drills": selectors.drills(), "form": form, "chart": _chart(trend), "rate_rows": rows,
        "last_on": selectors.last_drill_on(),
    })  # fmt: skip


@login_required
def drill_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "drills.view")
    drill = get_object_or_404(selectors.drills(), pk=pk)
    return render(request, "drills/detail.html", {
        "drill": drill, "results": selectors.results(drill), "form": ResultForm(),
        "import_kind": KIND,
    })  # fmt: skip


@login_required
@require_POST
def result_add(request: HttpRequest, pk: int) -> HttpResponse:
    drill = get_object_or_404(selectors.drills(), pk=pk)
    form = ResultForm(request.POST)
    if form.is_valid():
        done = call_service(form, lambda: services.record_result(
            actor=request.user, drill=drill, person=form.cleaned_data["person"],
            stage=form.cleaned_data["stage"], reported=form.reported_value(),
        ))  # fmt: skip
        if done is not None:
            message = _("已登錄結果。")
            if done["remedial"]:
                message += _("提交資料者已指派社交工程防範補強訓練。")
            if done["leavers"]:
                message += _("提交資料者已離職，未指派補強訓練。")
            messages.success(request, message)
            return redirect("drills:detail", pk=pk)
    flash_form_errors(request, form)
    return redirect("drills:detail", pk=pk)


@login_required
def drill_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a drill, or delete it (one with results only with the confirmation box ticked)."""
    require(request.user, "drills.manage")
    drill = get_object_or_404(selectors.drills(), pk=pk)
    initial = {"title": drill.title, "held_on": drill.held_on, "scenario": drill.scenario,
               "audience": drill.audience, "departments": list(drill.departments.all())}  # fmt: skip
    form = DrillForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form, lambda: services.update_drill(actor=request.user, drill=drill, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, _("已更新演練。"))
            return redirect("drills:detail", pk=pk)
    return render(request, "drills/edit.html", {"drill": drill, "form": form, "delete_form": DeleteForm()})


@login_required
@require_POST
def drill_delete(request: HttpRequest, pk: int) -> HttpResponse:
    drill = get_object_or_404(selectors.drills(), pk=pk)
    form = DeleteForm(request.POST)
    form.is_valid()
    deleted = call_service(form, lambda: services.delete_drill(
        actor=request.user, drill=drill, confirm_results=bool(form.cleaned_data.get("confirm_results")),
    ))  # fmt: skip
    if deleted is None:
        flash_form_errors(request, form)
        return redirect("drills:edit", pk=pk)
    if deleted:
        messages.success(request, _("已刪除演練及其 %(n)s 筆結果。") % {"n": deleted})
    else:
        messages.success(request, _("已刪除演練。"))
    return redirect("drills:list")
