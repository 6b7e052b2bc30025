"""Client contract, client audit and security-test pages. Thin: permission, service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import has_perm, require
from shouhu.contracts import assurance, selectors, services
from shouhu.contracts.forms import AuditForm, ContractForm, FindingForm, PackForm, TermForm, TestForm
from shouhu.contracts.models import AssurancePack, ClientAudit, ClientContract, ContractTerm, SecurityTest
from shouhu.core.formtools import call_service, flash_form_errors
from shouhu.evidence.models import Evidence
from shouhu.evidence.services import open_for_read


def _download(request: HttpRequest, evidence: Evidence | None) -> FileResponse:
    if evidence is None:
        from django.http import Http404

        raise Http404
    return FileResponse(
        open_for_read(actor=request.user, evidence=evidence),
        as_attachment=True,
        filename=evidence.download_name,
    )


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "contracts.view")
    return render(
        request,
        "contracts/contracts.html",
        {
            "contracts": selectors.contracts(),
            "can_manage": has_perm(request.user, "contracts.manage"),
        },
    )


@login_required
def contract_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, "contracts.manage")
    current = get_object_or_404(ClientContract, pk=pk) if pk else None
    form = ContractForm(
        request.POST or None, instance=ClientContract.objects.get(pk=pk) if pk else None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data.get(f) for f in form.Meta.fields}
        if current is not None:
            data.pop("client", None)
        systems = form.cleaned_data.get("systems") or []
        saved = call_service(
            form,
            lambda: services.save_contract(actor=request.user, data=data, systems=systems, contract=current),
        )
        if saved:
            messages.success(request, _("已儲存委託者契約。"))
            return redirect("contracts:contract", saved.pk)
    return render(
        request, "contracts/form.html", {"form": form, "title": _("委託者契約"), "multipart": False}
    )


@login_required
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "contracts.view")
    contract = get_object_or_404(selectors.contracts(), pk=pk)
    if request.method == "POST":
        require(request.user, "contracts.manage")
        form = TermForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            upload = d.get("evidence")
            if call_service(
                form,
                lambda: services.set_term(
                    actor=request.user,
                    contract=contract,
                    key=d["key"],
                    agreed=d["agreed"],
                    clause=d["clause"],
                    evidence_file=upload,
                    evidence_name=upload.name if upload else "",
                ),
            ):
                messages.success(request, _("已更新契約項目。"))
        flash_form_errors(request, form)
        return redirect("contracts:contract", pk)
    return render(
        request,
        "contracts/contract.html",
        {
            "contract": contract,
            "rows": selectors.term_rows(contract),
            "audits": selectors.audits().filter(contract=contract),
            "can_manage": has_perm(request.user, "contracts.manage"),
        },
    )


@login_required
def term_evidence(request: HttpRequest, pk: int) -> FileResponse:
    require(request.user, "contracts.view")
    return _download(
        request, get_object_or_404(ContractTerm.objects.select_related("evidence"), pk=pk).evidence
    )


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "contracts.view")
    return render(
        request,
        "contracts/audits.html",
        {"audits": selectors.audits(), "can_manage": has_perm(request.user, "contracts.manage")},
    )


@login_required
def audit_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "contracts.manage")
    form = AuditForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        report = d.pop("report", None)
        saved = call_service(
            form,
            lambda: services.record_audit(
                actor=request.user, data=d, report=report, report_name=report.name if report else ""
            ),
        )
        if saved:
            messages.success(request, _("已記錄委託者稽核，請逐項登錄缺失。"))
            return redirect("contracts:audit", saved.pk)
    return render(request, "contracts/form.html", {"form": form, "title": _("委託者稽核"), "multipart": True})


@login_required
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "contracts.view")
    audit = get_object_or_404(selectors.audits(), pk=pk)
    can_manage = has_perm(request.user, "contracts.manage")
    may_raise = can_manage and has_perm(request.user, "actions.manage")
    if request.method == "POST":
        require(request.user, "contracts.manage")
        form = FindingForm(request.POST)
        if form.is_valid():
            finding = services.FindingInput(**form.cleaned_data)
            if call_service(
                form, lambda: services.add_finding(actor=request.user, audit=audit, finding=finding)
            ):
                messages.success(request, _("已登錄缺失並開立矯正措施。"))
        flash_form_errors(request, form)
        return redirect("contracts:audit", pk)
    return render(
        request,
        "contracts/audit.html",
        {"audit": audit, "finding_form": FindingForm() if may_raise else None, "can_manage": can_manage},
    )


@login_required
def audit_report(request: HttpRequest, pk: int) -> FileResponse:
    require(request.user, "contracts.view")
    return _download(request, get_object_or_404(ClientAudit.objects.select_related("report"), pk=pk).report)


@login_required
def securitytest_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "contracts.view")
    return render(
        request,
        "contracts/tests.html",
        {
            "latest": selectors.latest_tests(),
            "tests": selectors.security_tests()[:200],
            "can_manage": has_perm(request.user, "contracts.manage"),
        },
    )


@login_required
def securitytest_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, "contracts.manage")
    current = get_object_or_404(SecurityTest, pk=pk) if pk else None
    form = TestForm(
        request.POST or None,
        request.FILES or None,
        instance=SecurityTest.objects.get(pk=pk) if pk else None,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data.get(f) for f in form.Meta.fields}
        report = form.cleaned_data.get("report")
        saved = call_service(
            form,
            lambda: services.save_test(
                actor=request.user,
                data=data,
                report=report,
                report_name=report.name if report else "",
                test=current,
            ),
        )
        if saved:
            messages.success(request, _("已儲存安全檢測報告。"))
            return redirect("contracts:tests")
    return render(
        request, "contracts/form.html", {"form": form, "title": _("安全檢測報告"), "multipart": True}
    )


@login_required
def securitytest_report(request: HttpRequest, pk: int) -> FileResponse:
    require(request.user, "contracts.view")
    return _download(request, get_object_or_404(SecurityTest.objects.select_related("report"), pk=pk).report)


@login_required
def pack_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "contracts.view")
    can_manage = has_perm(request.user, "contracts.manage")
    query = request.GET.get("q", "").strip()[:200]
    form = PackForm(request.POST or None, actor=request.user, query=query) if can_manage else None
    if request.method == "POST":
        require(request.user, "contracts.manage")
        assert form is not None
        if form.is_valid():
            d = form.cleaned_data
            pack = call_service(
                form,
                lambda: assurance.request_pack(
                    actor=request.user,
                    sections=d["sections"],
                    client=d["client"],
                    evidence_ids=d["evidence_ids"],
                ),
            )
            if pack:
                messages.success(request, _("資料包產生中，完成後可於下方下載。"))
                return redirect("jobs:detail", pack.job_id) if pack.job_id else redirect("contracts:packs")
    return render(
        request,
        "contracts/packs.html",
        {
            "packs": AssurancePack.objects.select_related("client", "archive__blob")[:100],
            "form": form,
            "query": query,
        },
    )


@login_required
@require_POST
def pack_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Generate a failed pack again with the same contents; the user waits on the new job's page."""
    require(request.user, "contracts.manage")
    failed = get_object_or_404(AssurancePack.objects.select_related("client"), pk=pk)
    try:
        pack = assurance.retry_pack(actor=request.user, pack=failed)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("contracts:packs")
    messages.success(request, _("資料包產生中，完成後可於下方下載。"))
    return redirect("jobs:detail", pack.job_id) if pack.job_id else redirect("contracts:packs")


@login_required
def pack_download(request: HttpRequest, pk: int) -> FileResponse:
    require(request.user, "contracts.view")
    return _download(
        request, get_object_or_404(AssurancePack.objects.select_related("archive"), pk=pk).archive
    )
