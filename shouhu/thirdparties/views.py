"""Transfer and retention pages. Thin: permission, service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import has_perm, require
from shouhu.core import siteurl
from shouhu.core.formtools import call_service, flash_form_errors
from shouhu.evidence.services import open_for_read
from shouhu.thirdparties import selectors, services
from shouhu.thirdparties.forms import (
    BatchForm,
    CertificateForm,
    ContractItemForm,
    DisposalForm,
    QuestionnaireForm,
    RuleForm,
    SubProcessorForm,
    SupervisionForm,
    TransferForm,
)
from shouhu.thirdparties.models import DeletionCertificate, DisposalRecord, SubProcessor, Transfer


@login_required
def transfer_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "thirdparties.view")
    return render(
        request,
        "thirdparties/transfers.html",
        {
            "transfers": selectors.transfers(active=None),
            "countries": selectors.transfer_countries(),
            "unchecked": {t.pk for t in selectors.unchecked_transfers()},
            "can_manage": has_perm(request.user, "thirdparties.manage"),
        },
    )


@login_required
def transfer_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, "thirdparties.manage")
    transfer = get_object_or_404(Transfer, pk=pk) if pk else None
    form = TransferForm(request.POST or None, instance=Transfer.objects.get(pk=pk) if pk else None)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data.get(f) for f in form.Meta.fields}
        if call_service(
            form, lambda: services.save_transfer(actor=request.user, data=data, transfer=transfer)
        ):
            messages.success(request, _("已儲存國際傳輸紀錄。"))
            return redirect("thirdparties:transfers")
    return render(
        request, "thirdparties/form.html", {"form": form, "title": _("國際傳輸"), "multipart": False}
    )


@login_required
def retention(request: HttpRequest) -> HttpResponse:
    require(request.user, "thirdparties.view")
    can_manage = has_perm(request.user, "thirdparties.manage")
    return render(
        request,
        "thirdparties/retention.html",
        {
            "rules": selectors.rules(),
            "due": selectors.purge_due(),
            "batches": selectors.batches(),
            "disposals": selectors.disposals()[:50],
            "certificates": selectors.certificates(),
            "can_manage": can_manage,
            "batch_form": BatchForm() if can_manage else None,
        },
    )


@login_required
def rule_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "thirdparties.manage")
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data.get(f) for f in form.Meta.fields}
        if call_service(form, lambda: services.save_rule(actor=request.user, data=data)):
            messages.success(request, _("已新增保存期限。"))
            return redirect("thirdparties:retention")
    return render(
        request, "thirdparties/form.html", {"form": form, "title": _("保存期限"), "multipart": False}
    )


@login_required
def batch_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "thirdparties.manage")
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if call_service(
            form,
            lambda: services.start_batch(
                actor=request.user,
                rule=d["rule"],
                label=d["label"],
                started_on=d["started_on"],
                client=d["client"],
            ),
        ):
            messages.success(request, _("已登錄起算批次。"))
            return redirect("thirdparties:retention")
    return render(
        request, "thirdparties/form.html", {"form": form, "title": _("起算批次"), "multipart": False}
    )


@login_required
def disposal_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "thirdparties.manage")
    form = DisposalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data.get(f) for f in form.Meta.fields}
        proof = form.cleaned_data["proof"]
        batch_ids = [int(x) for x in request.POST.getlist("batch") if x.isdigit()]
        batches = list(selectors.purge_due(within_days=36500).filter(pk__in=batch_ids))
        if call_service(
            form,
            lambda: services.record_disposal(
                actor=request.user, data=data, proof=proof, proof_name=proof.name, batches=batches
            ),
        ):
            messages.success(request, _("已記錄，佐證已鎖定保存五年。"))
            return redirect("thirdparties:retention")
    return render(
        request,
        "thirdparties/form.html",
        {
            "form": form,
            "title": _("銷毀、移轉或刪除紀錄"),
            "multipart": True,
            "batches": selectors.purge_due(within_days=36500),
        },
    )


@login_required
def certificate_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "thirdparties.manage")
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if call_service(
            form,
            lambda: services.issue_certificate(
                actor=request.user,
                client=d["client"],
                contract_ended_on=d["contract_ended_on"],
                records=d["records"],
            ),
        ):
            messages.success(request, _("已產生資料刪除證明書。"))
            return redirect("thirdparties:retention")
    return render(
        request,
        "thirdparties/form.html",
        {"form": form, "title": _("契約終止資料刪除證明書"), "multipart": False},
    )


@login_required
def proof_download(request: HttpRequest, pk: int) -> FileResponse:
    require(request.user, "thirdparties.view")
    evidence = get_object_or_404(DisposalRecord.objects.select_related("proof"), pk=pk).proof
    return FileResponse(
        open_for_read(actor=request.user, evidence=evidence),
        as_attachment=True,
        filename=evidence.download_name,
    )


@login_required
def certificate_download(request: HttpRequest, pk: int) -> FileResponse:
    require(request.user, "thirdparties.view")
    evidence = get_object_or_404(DeletionCertificate.objects.select_related("document"), pk=pk).document
    return FileResponse(
        open_for_read(actor=request.user, evidence=evidence),
        as_attachment=True,
        filename=evidence.download_name,
    )


@login_required
def subprocessor_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "thirdparties.view")
    return render(
        request,
        "thirdparties/subprocessors.html",
        {
            "subprocessors": selectors.subprocessors(active=None),
            "overdue": {s.pk for s in selectors.supervision_overdue()},
            "can_manage": has_perm(request.user, "thirdparties.manage"),
        },
    )


@login_required
def subprocessor_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, "thirdparties.manage")
    current = get_object_or_404(SubProcessor, pk=pk) if pk else None
    form = SubProcessorForm(request.POST or None, instance=SubProcessor.objects.get(pk=pk) if pk else None)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data.get(f) for f in form.Meta.fields}
        saved = call_service(
            form, lambda: services.save_subprocessor(actor=request.user, data=data, subprocessor=current)
        )
        if saved:
            messages.success(request, _("已儲存受託者。"))
            return redirect("thirdparties:subprocessor", saved.pk)
    return render(request, "thirdparties/form.html", {"form": form, "title": _("受託者"), "multipart": False})


@login_required
def subprocessor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "thirdparties.view")
    sub = get_object_or_404(SubProcessor, pk=pk)
    can_manage = has_perm(request.user, "thirdparties.manage")
    if request.method == "POST":
        require(request.user, "thirdparties.manage")
        if request.POST.get("form") == "item":
            item_form = ContractItemForm(request.POST, request.FILES)
            if item_form.is_valid():
                d = item_form.cleaned_data
                upload = d.get("evidence")
                if call_service(
                    item_form,
                    lambda: services.set_contract_item(
                        actor=request.user,
                        subprocessor=sub,
                        key=d["key"],
                        agreed=d["agreed"],
                        clause=d["clause"],
                        evidence_file=upload,
                        evidence_name=upload.name if upload else "",
                    ),
                ):
                    messages.success(request, _("已更新契約項目。"))
            flash_form_errors(request, item_form)
        else:
            check_form = SupervisionForm(request.POST)
            if check_form.is_valid():
                d = check_form.cleaned_data
                if call_service(
                    check_form, lambda: services.record_supervision(actor=request.user, subprocessor=sub, **d)
                ):
                    messages.success(request, _("已記錄監督結果。"))
            flash_form_errors(request, check_form)
        return redirect("thirdparties:subprocessor", pk)
    return render(
        request,
        "thirdparties/subprocessor.html",
        {
            "sub": sub,
            "rows": selectors.contract_rows(sub),
            "checks": sub.checks.select_related("recorded_by"),
            "can_manage": can_manage,
            "supervision_form": SupervisionForm(),
            "questionnaire_form": QuestionnaireForm() if can_manage else None,
            "questionnaires": [
                (q, siteurl.base_url() + reverse("thirdparties:questionnaire", args=[q.token]))
                for q in sub.questionnaires.all()
            ],
            "now": timezone.now(),
        },
    )
