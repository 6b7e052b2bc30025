"""Plan pages: the versions, one version with its missing items and changes, generate and approve. Thin."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import has_perm, reads_whole_company, require
from shouhu.core.bilingual import english
from shouhu.core.formtools import call_service, flash_form_errors
from shouhu.plan import chapters, selectors, services
from shouhu.plan.forms import ApproveForm, ReportForm
from shouhu.plan.implementation import Period, art18_status


@login_required
def version_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "plan.view")
    today = timezone.localdate()
    form = ReportForm(
        initial={"start": today.replace(year=today.year - 1) + dt.timedelta(days=1), "end": today}
    )
    whole_company = reads_whole_company(request.user)  # the plan covers every department (DEVELOPING.md)
    return render(request, "plan/list.html", {
        "versions": selectors.versions(), "current": selectors.current_approved(), "form": form,
        "whole_company": whole_company, "may_manage": whole_company and has_perm(request.user, "plan.manage"),
        "reports": selectors.reports()[:20], "art18": art18_status(Period(form.initial["start"], today)),
    })  # fmt: skip


@login_required
@require_POST
def report_create(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST)
    if form.is_valid():
        report = call_service(form, lambda: services.request_report(
            actor=request.user, start=form.cleaned_data["start"], end=form.cleaned_data["end"]))  # fmt: skip
        if report is not None:
            messages.success(request, _("已開始產生實施情形報告。"))
            return redirect("jobs:detail", pk=report.job_id) if report.job_id else redirect("plan:list")
    flash_form_errors(request, form)
    return redirect("plan:list")


@login_required
@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    try:
        version = services.generate_draft(actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("plan:list")
    messages.success(request, _("已依現有紀錄產生第 %(n)s 版草稿。") % {"n": version.number})
    return redirect("plan:detail", pk=version.pk)


@login_required
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "plan.view")
    version = get_object_or_404(selectors.versions(), pk=pk)
    form = ApproveForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["authorisation_file"]
        on_file = form.cleaned_data.get("authorisation_on_file")
        done = call_service(form, lambda: services.approve(
            actor=request.user, version=version, capacity=form.cleaned_data["capacity"],
            authorisation=form.cleaned_data["authorisation"], note=form.cleaned_data["note"],
            authorisation_file=upload.read() if upload else None,
            authorisation_filename=upload.name if upload else "",
            authorisation_id=on_file.pk if on_file else None,
            authorisation_valid_until=form.cleaned_data["authorisation_valid_until"],
        ))  # fmt: skip
        if done is not None:
            messages.success(request, _("第 %(n)s 版已核定。") % {"n": version.number})
            return redirect("plan:detail", pk=version.pk)
    return render(request, "plan/detail.html", {
        "version": version, "form": form, "chapters": chapters.headings(version.content),
        "missing": [(chapters.title_en(t) or t if english() else t, m) for t, m in chapters.missing_items(version.content)],
        "changes": selectors.changes(version), "base": selectors.approved_before(version),
    })  # fmt: skip
