"""Transfer register, retention and disposal endpoints."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from shouhu.accounts.permissions import require
from shouhu.thirdparties import selectors, services
from shouhu.thirdparties.models import SubProcessor, Transfer

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
    name: str
    ubn: str = ""
    services: str
    data_categories: str = ""
    systems: str = ""
    countries: str = ""
    contact_email: str = ""
    contract_signed_on: dt.date | None = None
    contract_ends_on: dt.date | None = None
    clients_consented: bool | None = None
    active: bool = True


class ContractItemOut(Schema):
    key: str
    label: str
    agreed: bool | None
    clause: str


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
