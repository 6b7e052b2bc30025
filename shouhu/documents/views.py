"""Document register pages, campaign progress, and the employee's own read-and-confirm list. Thin."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import require
from shouhu.core.exports import CSV_MIME, csv_bytes
from shouhu.core.formtools import call_service, flash_form_errors
from shouhu.core.rocdate import TAIPEI
from shouhu.documents import selectors, services
from shouhu.documents.forms import ApproveForm, CampaignForm, DocumentForm, VersionForm
from shouhu.documents.models import Acknowledgement, Campaign, Document, DocumentVersion, Tier


def _error(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, "；".join(exc.messages))


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "documents.view")
    tier = request.GET.get("tier", "")
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        doc = call_service(form, lambda: services.create_document(actor=request.user, **form.cleaned_data))
        if doc is not None:
            return redirect("documents:detail", pk=doc.pk)
    return render(request, "documents/list.html", {
        "documents": selectors.documents(tier=tier if tier in Tier.values else ""), "tier": tier,
        "tiers": Tier.choices, "form": form,
    })  # fmt: skip


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "documents.view")
    doc = get_object_or_404(Document, pk=pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        done = call_service(form, lambda: services.add_version(
            actor=request.user, document=doc, file=upload.read(), filename=upload.name,
            change_summary=form.cleaned_data["change_summary"], effective_on=form.cleaned_data["effective_on"],
        ))  # fmt: skip
        if done is not None:
            return redirect("documents:detail", pk=doc.pk)
    current = selectors.current_version(doc)
    return render(request, "documents/detail.html", {
        "document": doc, "versions": selectors.versions(doc), "current": current, "form": form,
        "campaign_form": CampaignForm(), "campaigns": selectors.campaigns().filter(version__document=doc),
        "approve_form": ApproveForm(), "is_policy": doc.tier == Tier.POLICY,
    })  # fmt: skip


@login_required
@require_POST
def version_approve(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(DocumentVersion.objects.select_related("document"), pk=pk)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("documents:detail", pk=version.document_id)
    try:
        services.approve_version(
            actor=request.user, version=version, ack_departments=form.cleaned_data["ack_departments"],
            ack_due_on=form.cleaned_data["ack_due_on"],
        )  # fmt: skip
        messages.success(request, _("第 %(n)s 版已核定為現行版本。") % {"n": version.number})
        if version.document.tier == Tier.POLICY:
            messages.info(request, _("已請對象同仁閱讀並確認此政策（新進人員自動加入）。"))
    except ValidationError as exc:
        _error(request, exc)
    return redirect("documents:detail", pk=version.document_id)


@login_required
@require_POST
def campaign_start(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(DocumentVersion, pk=pk)
    form = CampaignForm(request.POST)
    if form.is_valid():
        campaign = call_service(form, lambda: services.start_campaign(actor=request.user, version=version,
                                                                      **form.cleaned_data))  # fmt: skip
        if campaign is not None:
            return redirect("documents:campaign", pk=campaign.pk)
    flash_form_errors(request, form)
    return redirect("documents:detail", pk=version.document_id)


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "documents.view")
    campaign = get_object_or_404(selectors.campaigns(), pk=pk)
    rows = selectors.acknowledgements(campaign)
    if request.GET.get("format") == "csv":
        require(request.user, "audit.export")
        data = csv_bytes(
            ["部門", "姓名", "新進人員", "閱讀時間", "確認時間", "提醒次數"],
            [[a.person.department.name if a.person.department else "", a.person.name, a.added_as_joiner,
              a.read_at.astimezone(TAIPEI) if a.read_at else "", a.acknowledged_at.astimezone(TAIPEI)
              if a.acknowledged_at else "未確認", a.reminders] for a in rows],
        )  # fmt: skip
        response = HttpResponse(data, content_type=CSV_MIME)
        response["Content-Disposition"] = f'attachment; filename="campaign-{campaign.pk}.csv"'
        return response
    return render(request, "documents/campaign.html", {
        "campaign": campaign, "rows": rows, "by_department": selectors.progress_by_department(campaign),
    })  # fmt: skip


@login_required
@require_POST
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    services.close_campaign(actor=request.user, campaign=get_object_or_404(Campaign, pk=pk))
    return redirect("documents:campaign", pk=pk)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    require(request.user, "documents.acknowledge")
    from shouhu.organization.selectors import person_of_user

    person = person_of_user(request.user)
    if person is not None:
        services.add_new_joiners(actor=request.user, person=person)
    return render(request, "documents/mine.html", {"rows": selectors.my_acknowledgements(request.user),
                                                    "person": person})  # fmt: skip


@login_required
def read(request: HttpRequest, pk: int) -> FileResponse:
    ack = get_object_or_404(Acknowledgement.objects.select_related("campaign__version__file"), pk=pk)
    data = services.open_for_reading(actor=request.user, ack=ack)
    return FileResponse(
        io.BytesIO(data), as_attachment=True, filename=ack.campaign.version.file.download_name
    )


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    ack = get_object_or_404(Acknowledgement, pk=pk)
    try:
        services.acknowledge(actor=request.user, ack=ack)
        messages.success(request, _("已確認，謝謝。"))
    except ValidationError as exc:
        _error(request, exc)
    return redirect("core:dashboard" if request.GET.get("next") == "home" else "documents:mine")
