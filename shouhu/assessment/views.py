"""Assessment pages: list, create, the answer page (htmx save-as-you-go), scores, review, exports."""

from __future__ import annotations

import json
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.models import User
from shouhu.accounts.permissions import has_perm, require
from shouhu.assessment import oscal_export, reports, selectors, services
from shouhu.assessment.charts import section_chart
from shouhu.assessment.forms import (
    AssessmentForm,
    EvidenceLinkForm,
    EvidenceUploadForm,
    ReviewForm,
    RevisionForm,
)
from shouhu.assessment.models import Answer, Assessment, Kind, State
from shouhu.assessment.presenters import (
    FILTERS,
    answer_data,
    default_section,
    dom_key,
    item_section_key,
    item_view,
    sections_view,
)
from shouhu.assessment.scoring import RULE_TEXT, compare, score
from shouhu.core.exports import DOCX_MIME, PDF_MIME, XLSX_MIME, ExportError
from shouhu.core.formtools import call_service, paginate
from shouhu.evidence import selectors as evidence_selectors
from shouhu.organization import selectors as org_selectors


def _actor(request: HttpRequest) -> User:
    """The signed-in user (views are behind login_required; the API behind token or session auth)."""
    return cast(User, request.user)


def _messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "assessment.view")
    kind = request.GET.get("kind", "")
    state = request.GET.get("state", "")
    page = paginate(
        request,
        selectors.assessments(
            kind=kind if kind in Kind.values else "", state=state if state in State.values else ""
        ),
    )
    return render(
        request,
        "assessment/list.html",
        {"page": page, "kind": kind, "state": state, "kinds": Kind.choices, "states": State.choices},
    )


@login_required
def assessment_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "assessment.manage")
    company = org_selectors.company()
    form = AssessmentForm(
        request.POST or None,
        initial={"company_name": company.name if company else "", "assessed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "assessors"}
        assessment = call_service(
            form,
            lambda: services.create_assessment(
                actor=_actor(request), data=data, assessors=form.cleaned_data["assessors"]
            ),
        )
        if assessment:
            messages.success(request, _("已建立檢查。"))
            return redirect("assessment:detail", assessment.pk)
    return render(request, "assessment/form.html", {"form": form, "title": _("新增自我檢查或稽核")})


@login_required
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "assessment.manage")
    assessment = get_object_or_404(Assessment, pk=pk)
    form = AssessmentForm(request.POST or None, instance=Assessment.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in services.EDITABLE_FIELDS}
        if call_service(
            form,
            lambda: services.update_assessment(
                actor=_actor(request),
                assessment=assessment,
                data=data,
                assessors=form.cleaned_data["assessors"],
            ),
        ):
            messages.success(request, _("已儲存。"))
            return redirect("assessment:detail", pk)
    return render(
        request,
        "assessment/form.html",
        {
            "form": form,
            "title": _("編輯：{assessment}").format(assessment=assessment),
            "assessment": assessment,
        },
    )


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The answer page: one section at a time (or the items a filter picks), each item saved on its own."""
    require(request.user, "assessment.view")
    assessment = get_object_or_404(Assessment.objects.select_related("revision_of", "reviewed_by"), pk=pk)
    catalogue = services.catalogue_of(assessment)
    answers = {a.item_id: a for a in selectors.answers(assessment)}
    answered = sum(1 for a in answers.values() if a.result)
    editable = not assessment.locked and has_perm(request.user, "assessment.manage")
    only = request.GET.get("filter", "")
    only = only if only in FILTERS else ""
    outline = sections_view(catalogue, assessment, answers, show="")
    keys = [s["key"] for t in outline for s in t["sections"]]
    current = request.GET.get("section", "")
    if current not in keys:
        current = default_section(outline)
    tables = sections_view(catalogue, assessment, answers, show=current, only=only)
    if editable:
        _offer_previous(assessment, [v for t in tables for s in t["sections"] for v in s["items"]])
    index = keys.index(current) if current in keys else 0
    return render(
        request,
        "assessment/detail.html",
        {
            "assessment": assessment,
            "catalogue": catalogue,
            "tables": tables,
            "current": current,
            "only": only,
            "filters": [
                (key, label, sum(1 for a in answers.values() if keep(a)))
                for key, (label, keep) in FILTERS.items()
            ],
            "previous_key": keys[index - 1] if index > 0 else "",
            "next_key": keys[index + 1] if index + 1 < len(keys) else "",
            "answered": answered,
            "total": len(answers),
            "editable": editable,
            "assessors": list(assessment.assessors.all()),
            "revisions": list(assessment.revisions.all()),
            "findings_count": assessment.findings.count(),
            "may_review": has_perm(request.user, "assessment.review") and assessment.state == State.COMPLETED,
            "may_manage": has_perm(request.user, "assessment.manage"),
            "problems": services.completion_problems(assessment, answers.values())
            if assessment.state == State.IN_PROGRESS
            else [],
        },
    )


def _offer_previous(assessment: Assessment, views: list[Any]) -> None:
    """Unanswered items get the previous assessment's answer to review (「上次：符合 — 沿用／修改」)."""
    open_views = [v for v in views if not v.answer.result]
    previous = services.previous_answers(assessment, [v.id for v in open_views])
    for view in open_views:
        view.previous = previous.get(view.id)


def _item_response(
    request: HttpRequest,
    assessment: Assessment,
    item_id: str,
    *,
    status: str = "",
    errors: list[str] | None = None,
    conflict: services.AnswerConflict | None = None,
) -> HttpResponse:
    catalogue = services.catalogue_of(assessment)
    answer = assessment.answers.select_related("updated_by").prefetch_related("evidence").get(item_id=item_id)
    item = catalogue.item(item_id)
    view = item_view(catalogue, item, answer)
    answered, total = selectors.progress(assessment)
    key = item_section_key(catalogue, item)
    section = next(s for t in sections_view(catalogue, assessment, _answers_by_item(assessment), show="")
                   for s in t["sections"] if s["key"] == key)  # fmt: skip
    html = render_to_string(
        "assessment/partials/save_result.html",
        {
            "view": view,
            "status": status,
            "errors": errors or [],
            "conflict": conflict,
            "answered": answered,
            "total": total,
            "assessment": assessment,
            "section": section,
        },
        request=request,
    )
    return HttpResponse(html)


def _answers_by_item(assessment: Assessment) -> dict[str, Answer]:
    return {a.item_id: a for a in assessment.answers.only("id", "item_id", "result", "assessment_id")}


@login_required
def answer(request: HttpRequest, pk: int, item_id: str) -> HttpResponse:
    """GET: the item's form (fresh); POST: save it if the version is still current."""
    require(request.user, "assessment.view")
    assessment = get_object_or_404(Assessment, pk=pk)
    if not assessment.answers.filter(item_id=item_id).exists():
        raise Http404(_("沒有這個項目"))
    catalogue = services.catalogue_of(assessment)
    item = catalogue.item(item_id)
    if request.method != "POST":
        answer_obj = assessment.answers.prefetch_related("evidence").get(item_id=item_id)
        view = item_view(catalogue, item, answer_obj)
        previous = services.previous_answers(assessment, [item_id]).get(item_id)
        if request.GET.get("from") == "previous" and previous is not None and not answer_obj.result:
            for name, value in previous.values().items():
                setattr(answer_obj, name, value)  # shown in the form only; saved when the user saves
            view = item_view(catalogue, item, answer_obj)
            view.prefilled = True
            view.previous_evidence = list(previous.evidence.all())
        return render(
            request,
            "assessment/partials/item.html",
            {
                "view": view,
                "assessment": assessment,
                "editable": not assessment.locked and has_perm(request.user, "assessment.manage"),
            },
        )
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        carried = [int(pk) for pk in request.POST.getlist("carry_evidence") if pk.isdigit()]
        services.save_revised_answer(
            actor=_actor(request),
            assessment=assessment,
            item_id=item_id,
            data=answer_data(item, request.POST, request.POST.getlist),
            version=version,
            evidence_ids=carried,
        )
    except services.AnswerConflict as exc:
        if not request.htmx:  # type: ignore[attr-defined]
            messages.error(request, str(exc.messages[0]))
            return redirect(f"{assessment_url(assessment)}#item-{dom_key(item_id)}")
        return _item_response(request, assessment, item_id, conflict=exc)
    except ValidationError as exc:
        if not request.htmx:  # type: ignore[attr-defined]
            for message in _messages(exc):
                messages.error(request, message)
            return redirect(f"{assessment_url(assessment)}#item-{dom_key(item_id)}")
        return _item_response(request, assessment, item_id, errors=_messages(exc))
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("{display_number}已儲存。").format(display_number=item.display_number))
        return redirect(f"{assessment_url(assessment)}#item-{dom_key(item_id)}")
    return _item_response(request, assessment, item_id, status=f"已儲存 {timezone.localtime():%H:%M:%S}")


def assessment_url(assessment: Assessment) -> str:
    from django.urls import reverse

    return reverse("assessment:detail", args=[assessment.pk])


def _evidence_block(
    request: HttpRequest, assessment: Assessment, item_id: str, errors: list[str]
) -> HttpResponse:
    catalogue = services.catalogue_of(assessment)
    answer_obj = assessment.answers.prefetch_related("evidence").get(item_id=item_id)
    return render(
        request,
        "assessment/partials/evidence.html",
        {
            "view": item_view(catalogue, catalogue.item(item_id), answer_obj),
            "assessment": assessment,
            "editable": not assessment.locked,
            "evidence_errors": errors,
        },
    )


@login_required
@require_POST
def evidence(request: HttpRequest, pk: int, item_id: str) -> HttpResponse:
    """Upload a file to the evidence store for an item, link an existing one, or unlink one."""
    assessment = get_object_or_404(Assessment, pk=pk)
    if not assessment.answers.filter(item_id=item_id).exists():
        raise Http404(_("沒有這個項目"))
    errors: list[str] = []
    try:
        if "unlink" in request.POST:
            services.unlink_evidence(
                actor=_actor(request),
                assessment=assessment,
                item_id=item_id,
                evidence_id=int(request.POST["unlink"]),
            )
        elif request.FILES:
            form = EvidenceUploadForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError(_("請選擇要上傳的檔案。"))
            upload = form.cleaned_data["file"]
            services.attach_evidence(
                actor=_actor(request),
                assessment=assessment,
                item_id=item_id,
                file=upload,
                filename=upload.name,
                description=form.cleaned_data["description"],
            )
        else:
            link = EvidenceLinkForm(request.POST)
            if not link.is_valid():
                raise ValidationError(_("請選擇檔案或填寫佐證檔案編號。"))
            services.link_evidence(
                actor=_actor(request),
                assessment=assessment,
                item_id=item_id,
                evidence_id=link.cleaned_data["evidence_id"],
            )
    except ValidationError as exc:
        errors = _messages(exc)
    except ValueError:
        errors = ["佐證檔案編號格式錯誤。/ Bad evidence number."]
    if not request.htmx:  # type: ignore[attr-defined]
        for message in errors:
            messages.error(request, message)
        return redirect(f"{assessment_url(assessment)}#item-{dom_key(item_id)}")
    return _evidence_block(request, assessment, item_id, errors)


@login_required
@require_POST
def carry(request: HttpRequest, pk: int, item_id: str) -> HttpResponse:
    """「沿用」: take over last time's answer, explanation and evidence for one item."""
    assessment = get_object_or_404(Assessment, pk=pk)
    if not assessment.answers.filter(item_id=item_id).exists():
        raise Http404
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    errors: list[str] = []
    try:
        services.carry_forward(actor=_actor(request), assessment=assessment, item_id=item_id, version=version)
    except ValidationError as exc:
        errors = _messages(exc)
    if not request.htmx:  # type: ignore[attr-defined]
        for message in errors:
            messages.error(request, message)
        return redirect(f"{assessment_url(assessment)}#item-{dom_key(item_id)}")
    catalogue = services.catalogue_of(assessment)
    answer_obj = assessment.answers.prefetch_related("evidence").get(item_id=item_id)
    return render(
        request,
        "assessment/partials/item.html",
        {
            "view": item_view(catalogue, catalogue.item(item_id), answer_obj),
            "assessment": assessment,
            "editable": not assessment.locked,
            "carry_errors": errors,
        },
    )


@login_required
def evidence_search(request: HttpRequest, pk: int, item_id: str) -> HttpResponse:
    """Evidence already in the store, found by name, description, date or module, to link to an item."""
    require(request.user, "assessment.manage")
    require(request.user, "evidence.view")
    assessment = get_object_or_404(Assessment, pk=pk)
    answer_obj = get_object_or_404(assessment.answers.prefetch_related("evidence"), item_id=item_id)
    query = request.GET.get("q", "").strip()[:100]
    linked = {e.pk for e in answer_obj.evidence.all()}
    found = [
        (e, evidence_selectors.context_label(e))
        for e in (evidence_selectors.search(query, actor=request.user) if query else [])
    ]
    return render(
        request,
        "assessment/partials/evidence_results.html",
        {
            "found": [(e, label) for e, label in found if e.pk not in linked],
            "query": query,
            "evidence_url": reverse("assessment:evidence", args=[assessment.pk, item_id]),
            "key": dom_key(item_id),
        },
    )


@login_required
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    """Finish: confirm; with unanswered items, list them by printed number and ask how to handle them."""
    require(request.user, "assessment.manage")
    assessment = get_object_or_404(Assessment, pk=pk)
    unanswered = services.unanswered_items(assessment)
    errors: list[str] = []
    if request.method == "POST":
        handled = request.POST.get("handle") == "nonconform"
        try:
            services.complete(
                actor=_actor(request),
                assessment=assessment,
                unanswered_reason=request.POST.get("reason", "") if handled else None,
            )
            messages.success(request, _("檢查已完成並鎖定，缺失已建立。"))
            return redirect("assessment:detail", pk)
        except ValidationError as exc:
            errors = _messages(exc)
    catalogue = services.catalogue_of(assessment)
    rows = [
        (
            item,
            f"{assessment_url(assessment)}?section={item_section_key(catalogue, item)}#item-{dom_key(item.id)}",
        )
        for item in unanswered
    ]
    return render(
        request,
        "assessment/complete.html",
        {
            "assessment": assessment,
            "unanswered": rows,
            "errors": errors,
            "problems": [] if errors else services.completion_problems(assessment)[1 if rows else 0 :],
            "reason": request.POST.get("reason", ""),
        },
    )


@login_required
def revise(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "assessment.manage")
    assessment = get_object_or_404(Assessment, pk=pk)
    form = RevisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        revision = call_service(
            form,
            lambda: services.new_revision(
                actor=_actor(request), assessment=assessment, reason=form.cleaned_data["reason"]
            ),
        )
        if revision:
            messages.success(request, _("已建立第 {revision} 版。").format(revision=revision.revision))
            return redirect("assessment:detail", revision.pk)
    return render(
        request,
        "assessment/form.html",
        {
            "form": form,
            "title": _("建立修訂版：{assessment}").format(assessment=assessment),
            "assessment": assessment,
        },
    )


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The 總負責人's management review (審查) with comments and sign-off."""
    require(request.user, "assessment.review")
    assessment = get_object_or_404(Assessment, pk=pk)
    form = ReviewForm(request.POST or None, initial={"comments": assessment.review_comments})
    if request.method == "POST" and form.is_valid():
        if call_service(
            form,
            lambda: services.review(
                actor=_actor(request),
                assessment=assessment,
                comments=form.cleaned_data["comments"],
                sign_off=form.cleaned_data["sign_off"],
            ),
        ):
            messages.success(request, _("已記錄管理審查。"))
            return redirect("assessment:scores", pk)
    return render(
        request,
        "assessment/form.html",
        {
            "form": form,
            "title": _("管理審查：{assessment}").format(assessment=assessment),
            "assessment": assessment,
        },
    )


@login_required
def scores(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "assessment.view")
    assessment = get_object_or_404(Assessment.objects.select_related("reviewed_by"), pk=pk)
    catalogue = services.catalogue_of(assessment)
    results = selectors.results(assessment)
    card = score(catalogue, assessment.table_ids, results)
    previous = selectors.previous_completed(assessment)
    previous_card = better = worse = None
    previous_sections = None
    if previous is not None:
        previous_results = selectors.results(previous)
        previous_card = score(catalogue, assessment.table_ids, previous_results)
        previous_sections = {p.key: p for parts in previous_card.sections.values() for p in parts}
        better, worse = compare(catalogue, results, previous_results)
    charts = [(table, section_chart(card.sections[table.key], previous_sections)) for table in card.tables]
    return render(
        request,
        "assessment/scores.html",
        {
            "assessment": assessment,
            "card": card,
            "previous": previous,
            "previous_card": previous_card,
            "better": better,
            "worse": worse,
            "charts": charts,
            "rule": RULE_TEXT,
        },
    )


@login_required
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    assessment = get_object_or_404(Assessment, pk=pk)
    stamp = f"assessment-{assessment.pk}-r{assessment.revision}"
    user = request.user
    try:
        if fmt == "docx":
            data, mime = reports.docx_report(actor=user, assessment=assessment), DOCX_MIME  # type: ignore[arg-type]
        elif fmt == "xlsx":
            data, mime = reports.xlsx_report(actor=user, assessment=assessment), XLSX_MIME  # type: ignore[arg-type]
        elif fmt == "pdf":
            data, mime = reports.pdf_report(actor=user, assessment=assessment), PDF_MIME  # type: ignore[arg-type]
        elif fmt == "oscal":
            document = oscal_export.assessment_results(actor=user, assessment=assessment)  # type: ignore[arg-type]
            data, mime, fmt = (
                json.dumps(document, ensure_ascii=False, indent=2).encode(),
                "application/json",
                "json",
            )
        else:
            raise Http404(_("不支援的格式"))
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect("assessment:detail", pk)
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{stamp}.{fmt}"'
    return response
