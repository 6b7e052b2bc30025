"""The public request page (no account) and its management page. Thin: the rules are in ``intake``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import require
from shouhu.core import siteurl
from shouhu.core.formtools import call_service
from shouhu.core.request_context import client_ip
from shouhu.requests import intake
from shouhu.requests.forms import IntakeForm
from shouhu.requests.letters import company_name


def public_intake(request: HttpRequest, token: str) -> HttpResponse:
    link = intake.active_link(token)
    if link is None:
        raise Http404
    form = IntakeForm(request.POST or None)
    context = {"form": form, "company": company_name()}
    if request.method == "POST":
        try:  # every submission counts, before validation: refused input is no free probe
            intake.count_attempt(link=link, ip=client_ip(request))
        except intake.RateLimited:
            return render(request, "requests/intake_limited.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        case = call_service(
            form,
            lambda: intake.submit(
                link=link,
                ip=client_ip(request),
                data=intake.Submission(**data),
                honeypot=form.cleaned_data.get("website", ""),
            ),
        )
        if not form.errors:
            return render(request, "requests/intake_done.html", {**context, "case": case})
    return render(request, "requests/intake.html", context)


@login_required
def intake_manage(request: HttpRequest) -> HttpResponse:
    require(request.user, "requests.manage")
    link = intake.current_link()
    url = siteurl.base_url() + reverse("requests:intake", args=[link.token]) if link else ""
    return render(request, "requests/intake_manage.html", {"link": link, "url": url})


@login_required
@require_POST
def intake_issue(request: HttpRequest) -> HttpResponse:
    intake.issue_link(actor=request.user)
    messages.success(request, _("已啟用新的線上申請頁網址；舊網址即日起失效。"))
    return redirect("requests:intake_manage")


@login_required
@require_POST
def intake_close(request: HttpRequest) -> HttpResponse:
    intake.close_link(actor=request.user)
    messages.success(request, _("已停用線上申請頁。"))
    return redirect("requests:intake_manage")
