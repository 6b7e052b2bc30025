"""Access-review endpoints: reviews (a reviewer sees only their own), accounts, decisions, closing."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from shouhu.accounts.permissions import require
from shouhu.evidence import services as evidence
from shouhu.people import selectors, services
from shouhu.people.models import Account, Review

router = Router(tags=["people"])

MAX_ACCOUNTS = 5000  # one request; larger lists go through the file import


class ReviewOut(Schema):
    id: int
    title: str
    system: str
    state: str
    due_on: dt.date
    total: int
    decided: int
    closed_at: dt.datetime | None
    report_sha256: str | None
    report_pdf_sha256: str | None  # null: open, or the server could not render PDF when it closed

    @staticmethod
    def resolve_system(obj: Review) -> str:
        return obj.system.name

    @staticmethod
    def resolve_report_sha256(obj: Review) -> str | None:
        return obj.report.blob.sha256 if obj.report_id and obj.report else None

    @staticmethod
    def resolve_report_pdf_sha256(obj: Review) -> str | None:
        return obj.report_pdf.blob.sha256 if obj.report_pdf_id and obj.report_pdf else None


class AccountOut(Schema):
    id: int
    username: str
    display_name: str
    privileges: str
    last_login: dt.date | None
    enabled: bool | None  # null: the imported list did not say
    person_id: int | None
    decision: str
    reason: str
    decided_at: dt.datetime | None


class ReviewDetailOut(ReviewOut):
    accounts: list[AccountOut]

    @staticmethod
    def resolve_accounts(obj: Review) -> list[Account]:
        return list(selectors.accounts(obj))


class AccountIn(Schema):
    username: str = Field(..., min_length=1, max_length=200)
    display_name: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    employee_no: str = Field("", max_length=30)
    privileges: str = Field("", max_length=500)
    last_login: dt.date | None = None
    enabled: bool | None = None


class AccountsIn(Schema):
    accounts: list[AccountIn] = Field(..., min_length=1, max_length=MAX_ACCOUNTS)


class AccountDecisionIn(Schema):
    decision: Literal["keep", "change", "revoke"]
    reason: str = Field(..., min_length=1, max_length=500)


class AccessReviewCloseIn(Schema):
    followup_due_on: dt.date | None = None


def _visible(request: HttpRequest, review_id: int) -> Review:
    review = get_object_or_404(selectors.reviews(), pk=review_id)
    if not selectors.may_see(request.user, review):
        raise PermissionDenied(_("只有此審查指派的審查人可以查看。"))
    return review


@router.get("/reviews", response=list[ReviewOut], summary="存取權限審查（審查人僅見指派給自己的）")
def list_reviews(request: HttpRequest, state: Literal["", "open", "closed"] = "") -> Any:
    qs = selectors.reviews_for(request.user).select_related("report__blob", "report_pdf__blob")
    return list(qs.filter(state=state) if state else qs)


@router.get("/reviews/{review_id}", response=ReviewDetailOut, summary="一項審查與其帳號")
def get_review(request: HttpRequest, review_id: int) -> Any:
    return _visible(request, review_id)


@router.post("/reviews/{review_id}/accounts", response=dict, summary="加入或更新帳號清單（依帳號比對）")
def add_accounts(request: HttpRequest, review_id: int, payload: AccountsIn) -> Any:
    review = get_object_or_404(Review, pk=review_id)
    names = [a.username.strip().casefold() for a in payload.accounts]
    if len(set(names)) != len(names):
        from django.core.exceptions import ValidationError

        raise ValidationError({"accounts": _("帳號清單中有重複的帳號。")})
    rows = [services.AccountRow(**{**a.dict(), "username": a.username.strip()}) for a in payload.accounts]
    from django.db import transaction

    from shouhu.imports.services import audit_rows

    with transaction.atomic():  # the accounts and their per-account audit entries commit together
        result = services.add_accounts(actor=request.user, review=review, rows=rows)
        audit_rows(request.user, result["rows"])  # one entry per account, as an import's confirm step writes
    return {"created": result["created"], "updated": result["updated"]}


@router.post(
    "/accounts/{account_id}/decision", response=AccountOut, summary="決定保留、調整權限或撤銷（須附理由）"
)
def decide(request: HttpRequest, account_id: int, payload: AccountDecisionIn) -> Any:
    account = get_object_or_404(Account.objects.select_related("review"), pk=account_id)
    if not selectors.may_see(request.user, account.review):
        raise PermissionDenied(_("只有此審查指派的審查人可以決定。"))
    return services.decide(
        actor=request.user, account=account, decision=payload.decision, reason=payload.reason
    )


@router.post("/reviews/{review_id}/close", response=ReviewOut, summary="結案（所有帳號皆已決定）")
def close(request: HttpRequest, review_id: int, payload: AccessReviewCloseIn) -> Any:
    review = get_object_or_404(Review, pk=review_id)
    services.close_review(actor=request.user, review=review, followup_due_on=payload.followup_due_on)
    return selectors.reviews().select_related("report__blob", "report_pdf__blob").get(pk=review_id)


@router.get(
    "/reviews/{review_id}/report.{fmt}",
    summary="結案審查的結果檔（XLSX 或 PDF，存證檔，SHA-256 同 report_sha256／report_pdf_sha256）",
)
def report_file(request: HttpRequest, review_id: int, fmt: Literal["xlsx", "pdf"]) -> Any:
    review = _visible(request, review_id)
    require(request.user, "people.view")
    stored = review.report if fmt == "xlsx" else review.report_pdf
    if stored is None:
        raise Http404("此審查尚未結案或沒有此格式的結果檔。")
    handle = evidence.open_for_read(actor=request.user, evidence=stored)
    return FileResponse(handle, as_attachment=True, filename=stored.download_name)
