from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import require
from shouhu.core.formtools import call_service, paginate
from shouhu.evidence import selectors, services
from shouhu.evidence.forms import UploadForm
from shouhu.evidence.models import Evidence


def _found(evidence: Evidence | None) -> Evidence:
    """A file the reader may open, or 404 (another department's file is not found for them)."""
    if evidence is None:
        raise Http404
    return evidence


@login_required
def evidence_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "evidence.view")
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        evidence = call_service(
            form,
            lambda: services.store(
                actor=request.user,
                file=upload,
                filename=upload.name,
                description=form.cleaned_data["description"],
                retention_until=form.cleaned_data["retention_until"],
                department_id=getattr(form.cleaned_data["department"], "pk", None),
            ),
        )
        if evidence:
            messages.success(
                request,
                _("已上傳：{original_name}（SHA-256 {value}…）").format(
                    original_name=evidence.original_name, value=evidence.blob.sha256[:16]
                ),
            )
            return redirect("evidence:list")
    q = request.GET.get("q", "").strip()
    qs = selectors.evidence(actor=request.user)
    if q:
        qs = qs.filter(
            selectors.name_matches(q) | Q(description__icontains=q) | Q(blob__sha256__startswith=q.lower())
        )
    return render(request, "evidence/list.html", {"form": form, "page": paginate(request, qs), "q": q})


@login_required
def evidence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "evidence.view")
    evidence = _found(selectors.evidence_by_pk(pk, actor=request.user))
    return render(
        request,
        "evidence/detail.html",
        {
            "evidence": evidence,
            "module": selectors.context_label(evidence),
            "accesses": evidence.accesses.select_related("user")[:50],
        },
    )


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    evidence = _found(selectors.evidence_by_pk(pk, actor=request.user))
    handle = services.open_for_read(actor=request.user, evidence=evidence, action="download")
    return FileResponse(handle, as_attachment=True, filename=evidence.download_name)


@login_required
@require_POST
def evidence_hold(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _found(selectors.evidence_by_pk(pk, actor=request.user))
    services.set_legal_hold(actor=request.user, evidence=evidence, hold=request.POST.get("hold") == "1")
    messages.success(request, _("已更新訴訟保存設定。"))
    return redirect("evidence:detail", pk=pk)


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _found(selectors.evidence_by_pk(pk, actor=request.user))
    try:
        services.delete(actor=request.user, evidence=evidence)
    except services.EvidenceError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("evidence:detail", pk=pk)
    messages.success(request, _("檔案已刪除。"))
    return redirect("evidence:list")
