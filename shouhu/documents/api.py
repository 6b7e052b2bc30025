"""Document register endpoints, and the signed-in person's own acknowledgements."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from shouhu.accounts.permissions import require
from shouhu.documents import selectors, services
from shouhu.documents.models import Acknowledgement, Document

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    code: str
    title: str
    tier: str
    review_months: int
    current_version: int | None
    current_sha256: str | None
    next_review_on: dt.date | None

    @staticmethod
    def resolve_current_version(obj: Document) -> int | None:
        v = selectors.current_version(obj)
        return v.number if v else None

    @staticmethod
    def resolve_current_sha256(obj: Document) -> str | None:
        v = selectors.current_version(obj)
        return v.file.blob.sha256 if v else None

    @staticmethod
    def resolve_next_review_on(obj: Document) -> dt.date | None:
        v = selectors.current_version(obj)
        return v.next_review_on if v else None


class AckOut(Schema):
    id: int
    document: str
    version: int
    due_on: dt.date
    read_at: dt.datetime | None
    acknowledged_at: dt.datetime | None

    @staticmethod
    def resolve_document(obj: Acknowledgement) -> str:
        return f"{obj.campaign.version.document.code} {obj.campaign.version.document.title}"

    @staticmethod
    def resolve_version(obj: Acknowledgement) -> int:
        return obj.campaign.version.number

    @staticmethod
    def resolve_due_on(obj: Acknowledgement) -> dt.date:
        return obj.campaign.due_on


@router.get("/", response=list[DocumentOut], summary="文件登錄")
def list_documents(request: HttpRequest, tier: str = "") -> Any:
    require(request.user, "documents.view")
    return list(selectors.documents(tier=tier))


@router.get("/mine", response=list[AckOut], summary="我的閱讀確認（僅本人）")
def my_acknowledgements(request: HttpRequest) -> Any:
    require(request.user, "documents.acknowledge")
    return list(selectors.my_acknowledgements(request.user))


@router.post("/mine/{ack_id}/confirm", response=AckOut, summary="確認已閱讀（須先開啟文件）")
def confirm(request: HttpRequest, ack_id: int) -> Any:
    ack = get_object_or_404(Acknowledgement, pk=ack_id)
    services.acknowledge(actor=request.user, ack=ack)
    return selectors.my_acknowledgements(request.user).get(pk=ack_id)
