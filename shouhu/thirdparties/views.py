"""Transfer and retention pages. Thin: permission, service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from shouhu.accounts.permissions import has_perm, require
from shouhu.core.formtools import call_service
from shouhu.evidence.services import open_for_read
from shouhu.thirdparties import selectors, services
from shouhu.thirdparties.forms import BatchForm, CertificateForm, DisposalForm, RuleForm, TransferForm
from shouhu.thirdparties.models import DeletionCertificate, DisposalRecord, Transfer


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
            messages.success(request, "已儲存國際傳輸紀錄。")
            return redirect("thirdparties:transfers")
    return render(request, "thirdparties/form.html", {"form": form, "title": "國際傳輸", "multipart": False})


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
            messages.success(request, "已新增保存期限。")
            return redirect("thirdparties:retention")
    return render(request, "thirdparties/form.html", {"form": form, "title": "保存期限", "multipart": False})


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
            messages.success(request, "已登錄起算批次。")
            return redirect("thirdparties:retention")
    return render(request, "thirdparties/form.html", {"form": form, "title": "起算批次", "multipart": False})


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
            messages.success(request, "已記錄，佐證已鎖定保存五年。")
            return redirect("thirdparties:retention")
    return render(
        request,
        "thirdparties/form.html",
        {
            "form": form,
            "title": "銷毀、移轉或刪除紀錄",
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
            messages.success(request, "已產生資料刪除證明書。")
            return redirect("thirdparties:retention")
    return render(
        request,
        "thirdparties/form.html",
        {"form": form, "title": "契約終止資料刪除證明書", "multipart": False},
    )


@login_required
def proof_download(request: HttpRequest, pk: int) -> FileResponse:
    require(request.user, "thirdparties.view")
    evidence = get_object_or_404(DisposalRecord.objects.select_related("proof"), pk=pk).proof
    return FileResponse(
        open_for_read(actor=request.user, evidence=evidence),
        as_attachment=True,
        filename=evidence.original_name,
    )


@login_required
def certificate_download(request: HttpRequest, pk: int) -> FileResponse:
    require(request.user, "thirdparties.view")
    evidence = get_object_or_404(DeletionCertificate.objects.select_related("document"), pk=pk).document
    return FileResponse(
        open_for_read(actor=request.user, evidence=evidence),
        as_attachment=True,
        filename=evidence.original_name,
    )
