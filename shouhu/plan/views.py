"""Plan pages: the versions, one version with its missing items and changes, generate and approve. Thin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import require
from shouhu.core.formtools import call_service
from shouhu.plan import chapters, selectors, services
from shouhu.plan.forms import ApproveForm


@login_required
def version_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "plan.view")
    return render(request, "plan/list.html", {
        "versions": selectors.versions(), "current": selectors.current_approved(),
    })  # fmt: skip


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
    form = ApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = call_service(form, lambda: services.approve(
            actor=request.user, version=version, capacity=form.cleaned_data["capacity"],
            authorisation=form.cleaned_data["authorisation"], note=form.cleaned_data["note"],
        ))  # fmt: skip
        if done is not None:
            messages.success(request, _("第 %(n)s 版已核定。") % {"n": version.number})
            return redirect("plan:detail", pk=version.pk)
    return render(request, "plan/detail.html", {
        "version": version, "form": form, "missing": chapters.missing_items(version.content),
        "changes": selectors.changes(version), "base": selectors.approved_before(version),
    })  # fmt: skip
