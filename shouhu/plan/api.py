"""Plan endpoints: versions with their missing items, generate a draft, approve."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from shouhu.accounts.permissions import require
from shouhu.plan import chapters, selectors, services
from shouhu.plan.models import Authorisation, PlanVersion

router = Router(tags=["plan"])


class VersionOut(Schema):
    id: int
    number: int
    state: str
    generated_at: dt.datetime
    docx_sha256: str
    pdf_sha256: str | None
    approved_at: dt.datetime | None
    approver_name: str
    approver_capacity: str
    authorisation: str
    authorisation_sha256: str | None
    missing: list[str]

    @staticmethod
    def resolve_docx_sha256(obj: PlanVersion) -> str:
        return obj.docx.blob.sha256

    @staticmethod
    def resolve_authorisation_sha256(obj: PlanVersion) -> str | None:
        return obj.authorisation_file.blob.sha256 if obj.authorisation_file else None

    @staticmethod
    def resolve_pdf_sha256(obj: PlanVersion) -> str | None:
        return obj.pdf.blob.sha256 if obj.pdf else None

    @staticmethod
    def resolve_missing(obj: PlanVersion) -> list[str]:
        return [f"{chapter}：{item}" for chapter, item in chapters.missing_items(obj.content)]


class ApproveIn(Schema):
    capacity: str
    authorisation: str = ""
    note: str = ""
    # the authorisation document of a non-代表人 approver, base64-encoded, with its file name
    authorisation_file_base64: str = ""
    authorisation_filename: str = ""
    # or an authorisation on file (GET /plan/authorisations) that is still valid, instead of a new document
    authorisation_id: int | None = None
    # the end of the new document's validity, when it states one
    authorisation_valid_until: dt.date | None = None


class PlanAuthorisationOut(Schema):
    id: int
    person_name: str
    basis: str
    valid_until: dt.date | None
    filename: str
    sha256: str

    @staticmethod
    def resolve_filename(obj: Authorisation) -> str:
        return obj.file.original_name

    @staticmethod
    def resolve_sha256(obj: Authorisation) -> str:
        return obj.file.blob.sha256


@router.get("/versions", response=list[VersionOut], summary="計畫版本")
def list_versions(request: HttpRequest) -> Any:
    require(request.user, "plan.view")
    return list(selectors.versions())


@router.get("/versions/{version_id}", response=VersionOut, summary="計畫版本內容")
def get_version(request: HttpRequest, version_id: int) -> Any:
    require(request.user, "plan.view")
    return get_object_or_404(selectors.versions(), pk=version_id)


@router.post("/versions", response={201: VersionOut}, summary="依現有紀錄產生草稿")
def generate(request: HttpRequest) -> Any:
    return Status(201, services.generate_draft(actor=request.user))


@router.get("/authorisations", response=list[PlanAuthorisationOut], summary="我已存檔且仍有效的核定授權文件")
def my_authorisations(request: HttpRequest) -> Any:
    require(request.user, "plan.approve")
    return list(selectors.valid_authorisations(request.user))


@router.post("/versions/{version_id}/approve", response=VersionOut, summary="核定（代表人或經授權之人員）")
def approve(request: HttpRequest, version_id: int, payload: ApproveIn) -> Any:
    version = get_object_or_404(selectors.versions(), pk=version_id)
    try:
        document = base64.b64decode(payload.authorisation_file_base64, validate=True) or None
    except (binascii.Error, ValueError) as exc:
        raise ValidationError({"authorisation_file": _("授權文件須為 base64 編碼。")}) from exc
    services.approve(actor=request.user, version=version, capacity=payload.capacity,
                     authorisation=payload.authorisation, note=payload.note, authorisation_file=document,
                     authorisation_filename=payload.authorisation_filename,
                     authorisation_id=payload.authorisation_id,
                     authorisation_valid_until=payload.authorisation_valid_until)  # fmt: skip
    return get_object_or_404(selectors.versions(), pk=version_id)
