"""Transfer register, retention and disposal endpoints."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import ConfigDict

from shouhu.accounts.permissions import require
from shouhu.evidence.clauses import KEEP
from shouhu.thirdparties import selectors, services
from shouhu.thirdparties.models import ContractItemKey, SubProcessor, SupervisionCheck, Transfer

router = Router(tags=["thirdparties"])


class TransferIn(Schema):
    data_description: str
    recipient: str
    country: str
    purpose: str
    legal_basis: str
    legal_basis_note: str = ""
    art21_checked_on: dt.date | None = None
    art21_result: str = "unknown"
    art21_note: str = ""
    active: bool = True


class TransferOut(Schema):
    id: int
    data_description: str
    recipient: str
    country: str
    purpose: str
    legal_basis: str
    legal_basis_note: str
    client_id: int | None
    art21_checked_on: dt.date | None
    art21_result: str
    active: bool


class BatchOut(Schema):
    id: int
    rule_id: int
    rule: str
    label: str
    started_on: dt.date
    due_on: dt.date
    client_id: int | None

    @staticmethod
    def resolve_rule(obj: Any) -> str:
        return obj.rule.name


class DisposalOut(Schema):
    id: int
    kind: str
    data_description: str
    method: str
    performed_at: dt.datetime
    place: str
    recipient: str
    recipient_basis: str
    performed_by: str
    client_id: int | None
    proof_sha256: str

    @staticmethod
    def resolve_proof_sha256(obj: Any) -> str:
        return obj.proof.blob.sha256


@router.get("/transfers", response=list[TransferOut], summary="國際傳輸登記簿")
def list_transfers(request: HttpRequest, active: bool | None = True) -> Any:
    require(request.user, "thirdparties.view")
    return selectors.transfers(active=active)


@router.post("/transfers", response={201: TransferOut}, summary="新增國際傳輸")
def create_transfer(request: HttpRequest, payload: TransferIn) -> Any:
    return Status(201, services.save_transfer(actor=request.user, data=payload.dict()))


@router.put("/transfers/{int:pk}", response=TransferOut, summary="更新國際傳輸（含第21條查核）")
def put_transfer(request: HttpRequest, pk: int, payload: TransferIn) -> Any:
    require(request.user, "thirdparties.view")
    transfer = get_object_or_404(Transfer, pk=pk)
    return services.save_transfer(actor=request.user, data=payload.dict(), transfer=transfer)


@router.get("/transfers/countries", response=list[str], summary="傳輸之國家或地區（供告知事項）")
def countries(request: HttpRequest) -> Any:
    require(request.user, "thirdparties.view")
    return selectors.transfer_countries()


@router.get("/retention/due", response=list[BatchOut], summary="保存期限屆至清單")
def purge_due(request: HttpRequest, within_days: int = 30) -> Any:
    require(request.user, "thirdparties.view")
    return selectors.purge_due(within_days=max(0, min(within_days, 3650)))


@router.get("/disposals", response=list[DisposalOut], summary="銷毀、移轉或刪除紀錄")
def disposals(request: HttpRequest, client_id: int | None = None) -> Any:
    require(request.user, "thirdparties.view")
    return selectors.disposals(client_id=client_id).select_related("proof__blob")


class SubProcessorIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    ubn: str = Field("", pattern=r"^(\d{8})?$")
    services: str = Field(..., min_length=1, max_length=5000)
    data_categories: str = Field("", max_length=5000)
    systems: str = Field("", max_length=5000)
    countries: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    contract_signed_on: dt.date | None = None
    contract_ends_on: dt.date | None = None
    clients_consented: bool | None = None
    active: bool = True


class SubProcessorPatch(Schema):
    """Only the fields sent are changed (unknown fields: 422)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=1, max_length=200)
    ubn: str | None = Field(None, pattern=r"^(\d{8})?$")
    services: str | None = Field(None, min_length=1, max_length=5000)
    data_categories: str | None = Field(None, max_length=5000)
    systems: str | None = Field(None, max_length=5000)
    countries: str | None = Field(None, max_length=200)
    contact_email: str | None = Field(None, max_length=254)
    contract_signed_on: dt.date | None = None
    contract_ends_on: dt.date | None = None
    clients_consented: bool | None = None
    active: bool | None = None


class ContractItemIn(Schema):
    agreed: bool | None = None
    clause: str = Field("", max_length=200)


class SupervisionIn(Schema):
    checked_on: dt.date
    method: SupervisionCheck.Method
    result: str = Field(..., min_length=1, max_length=10000)
    issues: str = Field("", max_length=10000)


class SupervisionOut(Schema):
    id: int
    checked_on: dt.date
    method: str
    result: str
    issues: str


class ContractItemOut(Schema):
    key: str
    label: str
    agreed: bool | None
    clause: str
    evidence_sha256: str | None


class SubProcessorOut(Schema):
    id: int
    name: str
    services: str
    countries: str
    contract_ends_on: dt.date | None
    clients_consented: bool | None
    active: bool
    last_checked_on: dt.date | None
    contract_items: list[ContractItemOut]

    @staticmethod
    def resolve_last_checked_on(obj: Any) -> dt.date | None:
        last = obj.checks.order_by("-checked_on").first()
        return last.checked_on if last else None

    @staticmethod
    def resolve_contract_items(obj: Any) -> list[dict[str, Any]]:
        return [
            {
                "key": row["key"],
                "label": str(row["label"]),
                "agreed": row["item"].agreed if row["item"] else None,
                "clause": row["item"].clause if row["item"] else "",
                "evidence_sha256": (
                    row["item"].evidence.blob.sha256 if row["item"] and row["item"].evidence_id else None
                ),
            }
            for row in selectors.contract_rows(obj)
        ]


@router.get("/subprocessors", response=list[SubProcessorOut], summary="受託者（含施行細則第8條契約項目）")
def list_subprocessors(request: HttpRequest, active: bool | None = True) -> Any:
    require(request.user, "thirdparties.view")
    return selectors.subprocessors(active=active)


@router.post("/subprocessors", response={201: SubProcessorOut}, summary="新增受託者")
def create_subprocessor(request: HttpRequest, payload: SubProcessorIn) -> Any:
    return Status(201, services.save_subprocessor(actor=request.user, data=payload.dict()))


@router.get("/subprocessors/{int:pk}", response=SubProcessorOut, summary="受託者")
def get_subprocessor(request: HttpRequest, pk: int) -> Any:
    require(request.user, "thirdparties.view")
    return get_object_or_404(SubProcessor, pk=pk)


# Fields that may be sent as null to clear them (PATCH).
_CLEARABLE = {"contract_signed_on", "contract_ends_on", "clients_consented"}


@router.patch("/subprocessors/{int:pk}", response=SubProcessorOut, summary="修改受託者（僅送出之欄位）")
def update_subprocessor(request: HttpRequest, pk: int, payload: SubProcessorPatch) -> Any:
    sub = get_object_or_404(SubProcessor, pk=pk)
    sent = payload.dict(exclude_unset=True)
    nulls = sorted(k for k, v in sent.items() if v is None and k not in _CLEARABLE)
    if nulls:
        raise ValidationError(dict.fromkeys(nulls, "此欄位不可為空值"))
    if not sent:
        raise ValidationError(_("未送出任何要修改的欄位"))
    return services.save_subprocessor(actor=request.user, data=sent, subprocessor=sub)


def _item_key(key: str) -> str:
    if key not in ContractItemKey.values:
        raise Http404
    return key


@router.put(
    "/subprocessors/{int:pk}/contract/{key}",
    response=SubProcessorOut,
    summary="更新一項施行細則第8條契約項目（已約定／未約定／尚未確認）",
)
def set_contract_item(request: HttpRequest, pk: int, key: str, payload: ContractItemIn) -> Any:
    sub = get_object_or_404(SubProcessor, pk=pk)
    services.set_contract_item(
        actor=request.user, subprocessor=sub, key=_item_key(key), agreed=payload.agreed, clause=payload.clause
    )
    return get_object_or_404(SubProcessor, pk=pk)


@router.post(
    "/subprocessors/{int:pk}/contract/{key}/evidence",
    response=SubProcessorOut,
    summary="上傳契約項目之佐證（multipart；大小與檔案類型之檢查同網頁）",
)
def upload_contract_evidence(request: HttpRequest, pk: int, key: str, file: File[UploadedFile]) -> Any:
    services.set_contract_item(
        actor=request.user, subprocessor=get_object_or_404(SubProcessor, pk=pk), key=_item_key(key),
        agreed=KEEP, clause=KEEP, evidence_file=file, evidence_name=file.name or "",
    )  # fmt: skip
    return get_object_or_404(SubProcessor, pk=pk)


@router.get("/subprocessors/{int:pk}/checks", response=list[SupervisionOut], summary="受託者之監督確認紀錄")
def list_checks(request: HttpRequest, pk: int) -> Any:
    require(request.user, "thirdparties.view")
    return get_object_or_404(SubProcessor, pk=pk).checks.order_by("-checked_on", "-id")[:500]


@router.post(
    "/subprocessors/{int:pk}/checks",
    response={201: SupervisionOut},
    summary="記錄定期監督確認（全部受託者一年內確認時完成行事曆之受託者監督）",
)
def record_check(request: HttpRequest, pk: int, payload: SupervisionIn) -> Any:
    sub = get_object_or_404(SubProcessor, pk=pk)
    check = services.record_supervision(
        actor=request.user,
        subprocessor=sub,
        checked_on=payload.checked_on,
        method=str(payload.method.value),
        result=payload.result,
        issues=payload.issues,
    )
    return Status(201, check)
