"""Law pages: catalogue, party facts with applicability, deadline preview, compliance calendar, .ics feed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from shouhu.accounts.permissions import has_perm, require
from shouhu.core.bilingual import english
from shouhu.core.formtools import call_service
from shouhu.engines.law.applicability import RULES
from shouhu.engines.law.inputs import IncidentFacts
from shouhu.incidents import selectors as incident_selectors
from shouhu.law import feed, selectors, services
from shouhu.law.forms import (
    ClientFactsForm,
    CompanyFactsForm,
    CompletionForm,
    IncidentPreviewForm,
    OnDateForm,
    OwnerForm,
    PreviewJsonForm,
    facts_initial,
)
from shouhu.law.models import Obligation
from shouhu.organization.models import Client
from shouhu.thirdparties import selectors as thirdparties_selectors


def _on_date(request: HttpRequest) -> tuple[OnDateForm, dt.date]:
    form = OnDateForm(request.GET or None)
    on = timezone.localdate()
    if request.GET.get("on") and form.is_valid() and form.cleaned_data["on"]:
        on = form.cleaned_data["on"]
    return form, on


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    require(request.user, "law.view")
    cat = selectors.catalogue()
    laws = []
    today = timezone.localdate()
    for law in cat.laws.values():
        rules = [r for r in cat.rules if r.law == law.id]
        laws.append({"law": law, "rules": rules, "applicability": [r for r in RULES if r.law_id == law.id],
                     "current": law.version_on(today)})  # fmt: skip
    clients = list(selectors.clients_with_facts())
    parties: list[dict[str, Any]] = [{"client": None, "assessment": selectors.assessment_for_company(today)}]
    parties += [{"client": c, "assessment": selectors.assessment_for_client(c, today)} for c in clients]
    return render(request, "law/catalogue.html", {
        "laws": laws, "recurring": cat.recurring, "company": selectors.company(), "parties": parties,
        "clients": clients, "today": today,
        "industries": sorted(cat.industries.values(), key=lambda c: c.code),
        "business_items": sorted(cat.business_items.values(), key=lambda c: c.code),
        "retention": [(r, cat.laws[r.law]) for r in cat.retention],
    })  # fmt: skip


def _money(value: int | None) -> str | None:
    return None if value is None else f"NT${value:,}"


def _company_org_facts(profile: Any) -> list[tuple[str, str | None]]:
    if profile is None:
        return []
    return [
        (_("組織型態"), profile.get_company_type_display()),
        (_("實收資本額"), _money(profile.capital_twd)),
        (_("主要行業代碼"), profile.industry_code or None),
    ]


def _client_org_facts(client: Client) -> list[tuple[str, str | None]]:
    hosting = selectors.hosting_of(client)
    how = {True: _("本公司代管其系統"), False: _("建置、維護或維運（未代管）"), None: None}[hosting]
    services = "、".join(client.service_type_labels()) or None
    return [
        (_("主要行業代碼"), " ".join(filter(None, [client.industry_code, client.industry_name])) or None),
        (_("服務類型"), services),
        (_("是否代管"), how),
    ]


def _facts_page(
    request: HttpRequest, *, form: Any, party: Any, assessment: Any, on_form: OnDateForm, client: Client | None,
    record_source: str,
) -> HttpResponse:  # fmt: skip
    cat = selectors.catalogue()
    profile = selectors.company()
    org_facts = _client_org_facts(client) if client else _company_org_facts(profile)
    return render(request, "law/facts.html", {
        "form": form, "party": party, "answer": selectors.answer(assessment, own_company=client is None),
        "on_form": on_form, "client": client, "record_source": record_source, "company": profile,
        "org_facts": org_facts, "industries": sorted(cat.industries.values(), key=lambda c: c.code),
        "industry_names": [cat.industries[c] for c in party.industry_codes if c in cat.industries],
    })  # fmt: skip


def _save_company(request: HttpRequest, form: CompanyFactsForm) -> bool:
    services.save_company_facts(actor=request.user, data=form.cleaned_data)
    return True


def _save_client(request: HttpRequest, form: ClientFactsForm, client: Client) -> bool:
    services.save_client_facts(actor=request.user, client=client, data=form.cleaned_data)
    return True


@login_required
def company_facts(request: HttpRequest) -> HttpResponse:
    require(request.user, "law.view")
    on_form, on = _on_date(request)
    facts = selectors.company_facts()
    form = CompanyFactsForm(request.POST or None, initial=facts_initial(facts, services.COMPANY_FIELDS))
    if request.method == "POST":
        require(request.user, "law.manage")
        if form.is_valid() and call_service(form, lambda: _save_company(request, form)):
            messages.success(request, _("已儲存本公司法規事實，並重新判斷適用法規及法遵行事曆。"))
            return redirect("law:company_facts")
    party = selectors.party_facts_for_company()
    return _facts_page(request, form=form, party=party, assessment=selectors.assessment_for_company(on),
                       on_form=on_form, client=None, record_source=_(selectors.record_count(facts).source_zh))  # fmt: skip


@login_required
def client_facts(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "law.view")
    client = get_object_or_404(Client, pk=pk)
    on_form, on = _on_date(request)
    facts = selectors.client_facts(client)
    form = ClientFactsForm(request.POST or None, initial=facts_initial(facts, services.CLIENT_FIELDS))
    if request.method == "POST":
        require(request.user, "law.manage")
        if form.is_valid() and call_service(form, lambda: _save_client(request, form, client)):
            messages.success(
                request, _("已儲存「{name}」之法規事實，並重新判斷適用法規。").format(name=client.name)
            )
            return redirect("law:client_facts", pk=client.pk)
    party = selectors.party_facts_for_client(client)
    source = _(selectors.record_count(facts, client=client).source_zh)
    return _facts_page(request, form=form, party=party, assessment=selectors.assessment_for_client(client, on),
                       on_form=on_form, client=client, record_source=source)  # fmt: skip


# The example's party names on English pages (the example itself is the engine's, in Chinese).
_EXAMPLE_NAMES_EN = {
    "範例資訊股份有限公司": "Example Information Co., Ltd.",
    "甲電信股份有限公司": "Telecom A Co., Ltd.",
    "乙文理短期補習班": "Cram School B",
}


def _example_json() -> str:
    from importlib import resources

    text = (
        resources.files("shouhu.engines.law").joinpath("examples/incident.json").read_text(encoding="utf-8")
    )
    if english():
        for zh, en in _EXAMPLE_NAMES_EN.items():
            text = text.replace(zh, en)
    return text


@login_required
def deadline_preview(request: HttpRequest) -> HttpResponse:
    require(request.user, "law.view")
    mode = request.POST.get("mode", "form") if request.method == "POST" else ""
    form = IncidentPreviewForm(request.POST if mode == "form" else None, initial={"personal_data": True})
    json_form = PreviewJsonForm(request.POST if mode == "json" else None, initial={"json": _example_json()})
    reports: list[dict[str, Any]] | None = None
    if mode == "form" and form.is_valid():
        data = form.cleaned_data

        def run() -> list[dict[str, Any]]:
            try:
                incident = IncidentFacts(
                    discovered_at=data["discovered_at"], aware_at=data["aware_at"], confirmed_at=data["confirmed_at"],
                    personal_data=data["personal_data"], cyber=data["cyber"], level=data["level"],
                    serious=data["serious"], ncc_serious=data["ncc_serious"],
                    caused_by_violation=data["caused_by_violation"],
                )  # fmt: skip
            except ValueError as error:
                raise ValidationError(str(error)) from error
            found = services.preview_for_stored_parties(
                actor=request.user, incident=incident, clients=list(data["clients"])
            )
            return [found.to_dict()]

        reports = call_service(form, run)
    elif mode == "json" and json_form.is_valid():

        def run_json() -> list[dict[str, Any]]:
            try:
                payload = json.loads(json_form.cleaned_data["json"])
            except json.JSONDecodeError as error:
                raise ValidationError(
                    _("JSON 格式錯誤（第 {line} 行第 {column} 欄）：{error}").format(
                        line=error.lineno, column=error.colno, error=error.msg
                    )
                ) from error
            result = services.preview_deadlines(actor=request.user, data=payload)
            return result if isinstance(result, list) else [result]

        reports = call_service(json_form, run_json)
    return render(request, "law/preview.html", {"form": form, "json_form": json_form, "reports": reports,
                                                 "mode": mode})  # fmt: skip


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    require(request.user, "law.view")
    today = timezone.localdate()
    rows = [(o, selectors.status_of(o, today)) for o in selectors.obligations()]
    return render(request, "law/calendar.html", {
        "active": [r for r in rows if r[0].active], "inactive": [r for r in rows if not r[0].active],
        "has_feed": hasattr(request.user, "law_feed"), "today": today,
        "feed_url": request.session.pop("law_feed_url", None), "pending": services.calendar_pending(on=today),
        "incident_deadlines": incident_selectors.calendar_deadlines(request.user),
        "purge_due": thirdparties_selectors.calendar_purge_due(request.user),
    })  # fmt: skip


@login_required
@require_POST
def calendar_sync(request: HttpRequest) -> HttpResponse:
    result = services.refresh_calendar(actor=request.user)
    messages.success(request, _("行事曆已更新：新增 %(added)d 項、停用 %(removed)d 項。")
                     % {"added": len(result.added), "removed": len(result.removed)})  # fmt: skip
    return redirect("law:calendar")


@login_required
def obligation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "law.view")
    obligation = get_object_or_404(Obligation.objects.select_related("owner"), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    owner_form = OwnerForm(request.POST if action == "owner" else None, initial={"owner": obligation.owner})
    done_form = CompletionForm(request.POST if action == "complete" else None,
                               request.FILES if action == "complete" else None)  # fmt: skip
    if action == "owner" and owner_form.is_valid():
        if call_service(owner_form, lambda: services.set_owner(
                actor=request.user, obligation=obligation, owner=owner_form.cleaned_data["owner"])):  # fmt: skip
            messages.success(request, _("已指定負責人。"))
            return redirect("law:obligation", pk=pk)
    if action == "complete" and done_form.is_valid():
        upload = done_form.cleaned_data["file"]
        if call_service(done_form, lambda: services.complete(
                actor=request.user, obligation=obligation, done_on=done_form.cleaned_data["done_on"],
                note=done_form.cleaned_data["note"], file=upload, filename=upload.name if upload else "")):  # fmt: skip
            messages.success(request, _("已登錄完成，下次到期日已更新。"))
            return redirect("law:obligation", pk=pk)
    may_complete = has_perm(request.user, "law.manage") or obligation.owner_id == request.user.pk
    return render(request, "law/obligation.html", {
        "obligation": obligation, "status": selectors.status_of(obligation), "owner_form": owner_form,
        "done_form": done_form, "completions": obligation.completions.select_related("evidence", "recorded_by"),
        "reminders": obligation.reminders.all()[:20], "may_complete": may_complete,
    })  # fmt: skip


@login_required
@require_POST
def feed_token(request: HttpRequest) -> HttpResponse:
    if request.POST.get("revoke"):
        services.revoke_feed_token(actor=request.user, user=request.user)
        messages.success(request, _("已停用行事曆訂閱連結。"))
        return redirect("law:calendar")
    token = services.issue_feed_token(actor=request.user, user=request.user)
    request.session["law_feed_url"] = request.build_absolute_uri(reverse("law:ics_feed", args=[token]))
    messages.success(request, _("已產生新的行事曆訂閱連結（舊連結已失效）。此連結僅顯示一次，請妥善保存。"))
    return redirect("law:calendar")


@require_GET
def ics_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design: the secret token in the URL is the credential (calendar apps cannot log in)."""
    user = feed.user_for_token(token)
    if user is None:
        raise Http404("找不到此行事曆")
    response = HttpResponse(feed.ics_for_user(user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="shouhu-calendar.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
