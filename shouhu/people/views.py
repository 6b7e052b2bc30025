"""People and access pages: the people overview, one page per person, access reviews, offboarding. Thin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import has_perm, require, signed_in_user
from shouhu.audit.services import record
from shouhu.core.exports import XLSX_MIME, ExportError
from shouhu.core.formtools import call_service, flash_form_errors
from shouhu.documents import selectors as documents
from shouhu.evidence import services as evidence
from shouhu.organization import selectors as organization
from shouhu.organization.models import Person
from shouhu.people import selectors, services
from shouhu.people.exports import review_pdf, review_xlsx
from shouhu.people.forms import (
    AddItemForm,
    CloseReviewForm,
    DecisionForm,
    FollowUpForm,
    ItemForm,
    OffboardingForm,
    ReviewersForm,
    ReviewForm,
    UndertakingForm,
)
from shouhu.people.models import Account, FollowUp, Offboarding, OffboardingItem, Review, Undertaking
from shouhu.training import selectors as training


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "people.view")
    q = request.GET.get("q", "").strip()[:100]
    department = request.GET.get("department", "")
    rows = selectors.overview(q=q, department_id=int(department) if department.isdigit() else None)
    return render(request, "people/index.html", {
        "rows": rows, "q": q, "department": department, "departments": organization.departments(),
        "reviews": selectors.reviews().filter(state="open"), "offboardings": selectors.offboardings(),
        "followups": selectors.followups(),
    })  # fmt: skip


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "people.view")
    who = get_object_or_404(Person.objects.select_related("department", "user"), pk=pk)
    form = UndertakingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        done = call_service(form, lambda: services.record_undertaking(
            actor=signed_in_user(request), person=who, signed_on=form.cleaned_data["signed_on"],
            file=upload.read(), filename=upload.name, valid_until=form.cleaned_data["valid_until"],
            note=form.cleaned_data["note"],
        ))  # fmt: skip
        if done is not None:
            messages.success(request, _("已登錄保密切結。"))
            return redirect("people:person", pk=who.pk)
    return render(request, "people/person.html", {
        "person": who, "form": form, "undertakings": selectors.undertakings(who),
        "current": selectors.current_undertaking(who), "handling": selectors.handles_personal_data(who),
        "accounts": selectors.accounts_of(who), "trainings": training.attendance_of(who.pk),
        "acknowledgements": documents.acknowledgements_of(who.pk),
        "offboarding": selectors.open_offboarding(who), "past_offboardings": selectors.offboardings(
            open_only=False).filter(person=who, closed_at__isnull=False),
        "offboarding_form": OffboardingForm(),
    })  # fmt: skip


@login_required
def undertaking_file(request: HttpRequest, pk: int) -> FileResponse:
    require(request.user, "people.view")
    item = get_object_or_404(Undertaking.objects.select_related("file__blob"), pk=pk)
    handle = evidence.open_for_read(actor=request.user, evidence=item.file)
    return FileResponse(handle, as_attachment=True, filename=item.file.download_name)


# --- access reviews -----------------------------------------------------------------------------------


@login_required
def reviews(request: HttpRequest) -> HttpResponse:
    if not (has_perm(request.user, "people.view") or has_perm(request.user, "people.review")):
        require(request.user, "people.view")
    form = ReviewForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        review = call_service(
            form, lambda: services.create_review(actor=signed_in_user(request), **form.cleaned_data)
        )
        if review is not None:
            return redirect("people:review", pk=review.pk)
    return render(
        request, "people/reviews.html", {"reviews": selectors.reviews_for(request.user), "form": form}
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    require(request.user, "people.review")
    rows = selectors.reviews().filter(reviewers=signed_in_user(request))
    return render(request, "people/mine.html", {"reviews": rows})


def _visible(request: HttpRequest, pk: int) -> Review:
    review = get_object_or_404(selectors.reviews(), pk=pk)
    if not selectors.may_see(request.user, review):
        raise PermissionDenied(_("只有此審查指派的審查人可以查看。"))
    return review


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible(request, pk)
    show = request.GET.get("show", "")
    return render(request, "people/review.html", {
        "review": item, "accounts": selectors.accounts(item, undecided=show == "undecided"), "show": show,
        "may_decide": services.can_review(request.user, item), "may_manage": has_perm(request.user, "people.manage"),
        "reviewers_form": ReviewersForm(initial={"reviewers": item.reviewers.all()}),
        "close_form": CloseReviewForm(), "decision_form": DecisionForm(),
        "reviewers": item.reviewers.order_by("username"),
    })  # fmt: skip


@login_required
@require_POST
def review_reviewers(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Review, pk=pk)
    form = ReviewersForm(request.POST)
    if form.is_valid() and call_service(form, lambda: services.set_reviewers(
            actor=signed_in_user(request), review=item, reviewers=form.cleaned_data["reviewers"])) is not None:  # fmt: skip
        messages.success(request, _("審查人已更新。"))
    flash_form_errors(request, form)
    return redirect("people:review", pk=pk)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(Account.objects.select_related("review"), pk=pk)
    if not selectors.may_see(request.user, account.review):
        raise PermissionDenied(_("只有此審查指派的審查人可以決定。"))
    form = DecisionForm(request.POST)
    if form.is_valid() and call_service(form, lambda: services.decide(
            actor=signed_in_user(request), account=account, **form.cleaned_data)) is not None:  # fmt: skip
        messages.success(request, _("已決定：{username}").format(username=account.username))
    flash_form_errors(request, form)
    return redirect("people:review", pk=account.review_id)


@login_required
@require_POST
def review_close(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Review, pk=pk)
    form = CloseReviewForm(request.POST)
    if form.is_valid() and call_service(form, lambda: services.close_review(
            actor=signed_in_user(request), review=item, **form.cleaned_data)) is not None:  # fmt: skip
        messages.success(request, _("審查已結案，結果已存入佐證檔案。"))
    flash_form_errors(request, form)
    return redirect("people:review", pk=pk)


@login_required
def review_export(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """The stored result of a closed review (its SHA-256 is on the page), or the current state of an open one."""
    item = _visible(request, pk)
    require(request.user, "people.view")
    if item.report is not None:
        handle = evidence.open_for_read(actor=request.user, evidence=item.report)
        return FileResponse(handle, as_attachment=True, filename=item.report.download_name)
    record(actor=request.user, action="people.review_exported", obj=item)
    response = HttpResponse(review_xlsx(item), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="access-review-{item.pk}-draft.xlsx"'
    return response


@login_required
def review_export_pdf(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """The stored PDF of a closed review (its SHA-256 is on the page), or the current state of an open one."""
    item = _visible(request, pk)
    require(request.user, "people.view")
    if item.report_pdf is not None:
        handle = evidence.open_for_read(actor=request.user, evidence=item.report_pdf)
        return FileResponse(handle, as_attachment=True, filename=item.report_pdf.download_name)
    try:
        data = review_pdf(item)
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect("people:review", pk=item.pk)
    record(actor=request.user, action="people.review_exported", obj=item, changes={"format": [None, "pdf"]})
    response = HttpResponse(data, content_type="application/pdf")
    suffix = "" if item.state == "closed" else "-draft"
    response["Content-Disposition"] = f'attachment; filename="access-review-{item.pk}{suffix}.pdf"'
    return response


@login_required
@require_POST
def followup_done(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(FollowUp.objects.select_related("account"), pk=pk)
    form = FollowUpForm(request.POST)
    if form.is_valid() and call_service(form, lambda: services.complete_followup(
            actor=signed_in_user(request), followup=item, note=form.cleaned_data["note"])) is not None:  # fmt: skip
        messages.success(request, _("已記錄完成：{username}").format(username=item.account.username))
    flash_form_errors(request, form)
    return redirect("people:review", pk=item.account.review_id)


# --- offboarding --------------------------------------------------------------------------------------


@login_required
@require_POST
def offboarding_start(request: HttpRequest, pk: int) -> HttpResponse:
    who = get_object_or_404(Person, pk=pk)
    form = OffboardingForm(request.POST)
    if form.is_valid():
        item = call_service(form, lambda: services.start_offboarding(
            actor=signed_in_user(request), person=who, leaving_on=form.cleaned_data["leaving_on"]))  # fmt: skip
        if item is not None:
            return redirect("people:offboarding", pk=item.pk)
    flash_form_errors(request, form)
    return redirect("people:person", pk=pk)


@login_required
def offboarding(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "people.view")
    item = get_object_or_404(selectors.offboardings(open_only=False), pk=pk)
    return render(request, "people/offboarding.html", {
        "offboarding": item, "items": item.items.select_related("system", "resolved_by"),
        "item_form": ItemForm(), "add_form": AddItemForm(),
    })  # fmt: skip


@login_required
@require_POST
def offboarding_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(OffboardingItem, pk=pk)
    form = ItemForm(request.POST)
    if form.is_valid():
        call_service(
            form, lambda: services.resolve_item(actor=signed_in_user(request), item=item, **form.cleaned_data)
        )
    flash_form_errors(request, form)
    return redirect("people:offboarding", pk=item.offboarding_id)


@login_required
@require_POST
def offboarding_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Offboarding, pk=pk)
    form = AddItemForm(request.POST)
    if form.is_valid():
        call_service(
            form,
            lambda: services.add_item(actor=signed_in_user(request), offboarding=item, **form.cleaned_data),
        )
    flash_form_errors(request, form)
    return redirect("people:offboarding", pk=pk)


@login_required
@require_POST
def offboarding_close(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Offboarding, pk=pk)
    try:
        services.close_offboarding(actor=signed_in_user(request), offboarding=item)
        messages.success(request, _("離職檢核已完成。"))
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("people:offboarding", pk=pk)
