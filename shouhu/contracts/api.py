"""Client contracts, client audits and security-test reports (bounded input, OpenAPI)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from shouhu.accounts.permissions import require
from shouhu.contracts import selectors, services
from shouhu.contracts.models import ClientAudit, ClientContract, Retest, TestKind
from shouhu.contracts.terms import TERMS

router = Router(tags=["contracts"])
MAX_HOURS = services.MAX_NOTICE_HOURS


class ContractIn(Schema):
    client_id: int
    number: str = Field(..., min_length=1, max_length=60)
    title: str = Field(..., min_length=1, max_length=200)
    signed_on: dt.date | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    services: str = Field(..., min_length=1, max_length=5000)
    notice_hours: int | None = Field(None, ge=1, le=MAX_HOURS)
    active: bool = True
    system_ids: list[int] = Field(default_factory=list, max_length=200)


class TermOut(Schema):
    key: str
    label_zh: str
    citation: str
    agreed: bool | None
    clause: str


class ContractOut(Schema):
    id: int
    client_id: int
    client: str
    number: str
    title: str
    signed_on: dt.date | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    services: str
    notice_hours: int | None
    active: bool
    system_ids: list[int]
    terms: list[TermOut]

    @staticmethod
    def resolve_client(obj: Any) -> str:
        return str(obj.client.name)

    @staticmethod
    def resolve_system_ids(obj: Any) -> list[int]:
        return sorted(s.pk for s in obj.systems.all())

    @staticmethod
    def resolve_terms(obj: Any) -> list[dict[str, Any]]:
        rows = selectors.term_rows(obj)
        return [
            {
                "key": r.term.key,
                "label_zh": r.term.label_zh,
                "citation": r.term.citation,
                "agreed": r.agreed,
                "clause": r.item.clause if r.item else "",
            }
            for r in (*rows["pdpa"], *rows["cyber"])
        ]


class TermIn(Schema):
    agreed: bool | None = None
    clause: str = Field("", max_length=300)


class FindingIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=5000)
    severity: str = Field("medium", pattern="^(high|medium|low)$")


class AuditIn(Schema):
    client_id: int
    contract_id: int | None = None
    audited_on: dt.date
    scope: str = Field(..., min_length=1, max_length=5000)
    auditor: str = Field(..., min_length=1, max_length=200)
    summary: str = Field("", max_length=10000)
    findings: list[FindingIn] = Field(default_factory=list, max_length=100)


class ClientAuditFindingOut(Schema):
    id: int
    title: str
    severity: str
    action_id: int | None


class AuditOut(Schema):
    id: int
    client_id: int
    contract_id: int | None
    audited_on: dt.date
    scope: str
    auditor: str
    summary: str
    report_sha256: str | None
    findings: list[ClientAuditFindingOut]

    @staticmethod
    def resolve_report_sha256(obj: Any) -> str | None:
        return obj.report.blob.sha256 if obj.report_id else None

    @staticmethod
    def resolve_findings(obj: Any) -> list[Any]:
        return list(obj.findings.all())


class TestIn(Schema):
    __test__ = False

    system_id: int
    kind: TestKind
    tested_on: dt.date
    tester: str = Field(..., min_length=1, max_length=200)
    high_count: int | None = Field(None, ge=0, le=1_000_000)
    medium_count: int | None = Field(None, ge=0, le=1_000_000)
    retest: Retest = Retest.PENDING
    retested_on: dt.date | None = None
    notes: str = Field("", max_length=5000)


class TestOut(Schema):
    __test__ = False

    id: int
    system_id: int
    system: str
    kind: str
    tested_on: dt.date
    tester: str
    high_count: int | None
    medium_count: int | None
    retest: str
    retested_on: dt.date | None
    stale: bool
    report_sha256: str | None

    @staticmethod
    def resolve_system(obj: Any) -> str:
        return str(obj.system.name)

    @staticmethod
    def resolve_stale(obj: Any) -> bool:
        return bool(obj.tested_on < selectors.stale_before())

    @staticmethod
    def resolve_report_sha256(obj: Any) -> str | None:
        return obj.report.blob.sha256 if obj.report_id else None


def _client(pk: int) -> Any:
    from shouhu.organization.selectors import clients

    return get_object_or_404(clients(), pk=pk)


def _systems(ids: list[int]) -> list[Any]:
    from django.core.exceptions import ValidationError

    from shouhu.inventory import selectors as inventory

    found = list(inventory.systems().filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"system_ids": "部分系統不存在"})
    return found


@router.get("/", response=list[ContractOut], summary="委託者契約")
def list_contracts(request: HttpRequest, client_id: int | None = None, active: bool | None = None) -> Any:
    require(request.user, "contracts.view")
    return selectors.contracts(client_id=client_id, active=active).prefetch_related("terms")


@router.post("/", response={201: ContractOut}, summary="新增委託者契約")
def create_contract(request: HttpRequest, payload: ContractIn) -> Any:
    require(request.user, "contracts.manage")
    data = payload.dict(exclude={"client_id", "system_ids"})
    data["client"] = _client(payload.client_id)
    contract = services.save_contract(actor=request.user, data=data, systems=_systems(payload.system_ids))
    return Status(201, contract)


@router.get("/{int:contract_id}", response=ContractOut, summary="委託者契約明細（含應約定事項）")
def get_contract(request: HttpRequest, contract_id: int) -> Any:
    require(request.user, "contracts.view")
    return get_object_or_404(selectors.contracts(), pk=contract_id)


@router.put("/{int:contract_id}/terms/{key}", response=ContractOut, summary="更新一項應約定事項")
def set_term(request: HttpRequest, contract_id: int, key: str, payload: TermIn) -> Any:
    require(request.user, "contracts.manage")
    contract = get_object_or_404(ClientContract, pk=contract_id)
    if key not in TERMS:
        from django.http import Http404

        raise Http404
    services.set_term(
        actor=request.user, contract=contract, key=key, agreed=payload.agreed, clause=payload.clause
    )
    return get_object_or_404(selectors.contracts(), pk=contract_id)


@router.get("/audits", response=list[AuditOut], summary="委託者稽核")
def list_audits(request: HttpRequest, client_id: int | None = None) -> Any:
    require(request.user, "contracts.view")
    return selectors.audits(client_id=client_id)


@router.post("/audits", response={201: AuditOut}, summary="記錄委託者稽核（缺失開立矯正措施）")
def create_audit(request: HttpRequest, payload: AuditIn) -> Any:
    require(request.user, "contracts.manage")
    contract = get_object_or_404(ClientContract, pk=payload.contract_id) if payload.contract_id else None
    audit = services.record_audit(
        actor=request.user,
        data={
            "client": _client(payload.client_id),
            "contract": contract,
            "audited_on": payload.audited_on,
            "scope": payload.scope,
            "auditor": payload.auditor,
            "summary": payload.summary,
        },
        findings=[services.FindingInput(**f.dict()) for f in payload.findings],
    )
    return Status(201, get_object_or_404(selectors.audits(), pk=audit.pk))


@router.get("/audits/{int:audit_id}", response=AuditOut, summary="委託者稽核明細")
def get_audit(request: HttpRequest, audit_id: int) -> ClientAudit:
    require(request.user, "contracts.view")
    return get_object_or_404(selectors.audits(), pk=audit_id)


@router.get("/tests", response=list[TestOut], summary="安全檢測報告")
def list_tests(request: HttpRequest, system_id: int | None = None, stale: bool | None = None) -> Any:
    require(request.user, "contracts.view")
    if stale:
        return selectors.stale_tests()
    return selectors.security_tests(system_id=system_id)[:1000]


@router.post("/tests", response={201: TestOut}, summary="新增安全檢測報告")
def create_test(request: HttpRequest, payload: TestIn) -> Any:
    require(request.user, "contracts.manage")
    data = payload.dict(exclude={"system_id"})
    data["kind"], data["retest"] = str(payload.kind.value), str(payload.retest.value)
    data["system"] = _systems([payload.system_id])[0]
    return Status(201, services.save_test(actor=request.user, data=data))
