"""Client contracts, client audits and security-test reports (bounded input, OpenAPI)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import ConfigDict

from shouhu.accounts.permissions import require
from shouhu.contracts import selectors, services
from shouhu.contracts.models import ClientAudit, ClientContract, Retest, SecurityTest, TestKind
from shouhu.contracts.terms import TERMS
from shouhu.evidence.clauses import KEEP

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


class ContractPatch(Schema):
    """Only the fields sent are changed; the client of a contract never changes (unknown fields: 422)."""

    model_config = ConfigDict(extra="forbid")

    number: str | None = Field(None, min_length=1, max_length=60)
    title: str | None = Field(None, min_length=1, max_length=200)
    signed_on: dt.date | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    services: str | None = Field(None, min_length=1, max_length=5000)
    notice_hours: int | None = Field(None, ge=1, le=MAX_HOURS)
    active: bool | None = None
    system_ids: list[int] | None = Field(None, max_length=200)


class TermOut(Schema):
    key: str
    label_zh: str
    citation: str
    effective_from: dt.date | None
    verified: bool
    note_zh: str
    agreed: bool | None
    clause: str
    evidence_sha256: str | None


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
                "effective_from": r.term.effective_from,
                "verified": r.term.verified,
                "note_zh": r.term.note_zh,
                "agreed": r.agreed,
                "clause": r.item.clause if r.item else "",
                "evidence_sha256": r.item.evidence.blob.sha256 if r.item and r.item.evidence_id else None,
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


class AuditPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    contract_id: int | None = None
    audited_on: dt.date | None = None
    scope: str | None = Field(None, min_length=1, max_length=5000)
    auditor: str | None = Field(None, min_length=1, max_length=200)
    summary: str | None = Field(None, max_length=10000)


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


class TestPatch(Schema):
    __test__ = False
    model_config = ConfigDict(extra="forbid")

    kind: TestKind | None = None
    tested_on: dt.date | None = None
    tester: str | None = Field(None, min_length=1, max_length=200)
    high_count: int | None = Field(None, ge=0, le=1_000_000)
    medium_count: int | None = Field(None, ge=0, le=1_000_000)
    retest: Retest | None = None
    retested_on: dt.date | None = None
    notes: str | None = Field(None, max_length=5000)


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
        raise ValidationError({"system_ids": _("部分系統不存在")})
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


# Fields that may be sent as null to clear them (the others must carry a value when sent).
_CLEARABLE = {
    "signed_on",
    "starts_on",
    "ends_on",
    "notice_hours",
    "retested_on",
    "high_count",
    "medium_count",
}


def _changes(payload: Schema) -> dict[str, Any]:
    """The fields the client sent (PATCH); null only for the clearable ones."""
    sent = payload.dict(exclude_unset=True)
    from django.core.exceptions import ValidationError

    nulls = sorted(k for k, v in sent.items() if v is None and k not in _CLEARABLE and k != "contract_id")
    if nulls:
        raise ValidationError(dict.fromkeys(nulls, "此欄位不可為空值"))
    if not sent:
        raise ValidationError(_("未送出任何要修改的欄位"))
    return sent


@router.patch("/{int:contract_id}", response=ContractOut, summary="修改委託者契約（僅送出之欄位）")
def update_contract(request: HttpRequest, contract_id: int, payload: ContractPatch) -> Any:
    contract = get_object_or_404(ClientContract, pk=contract_id)
    data = _changes(payload)
    ids = data.pop("system_ids", None)
    services.save_contract(
        actor=request.user,
        data=data,
        systems=_systems(ids) if ids is not None else None,
        contract=contract,
    )
    return get_object_or_404(selectors.contracts(), pk=contract_id)


@router.delete("/{int:contract_id}", response={204: None}, summary="刪除誤建之委託者契約")
def delete_contract(request: HttpRequest, contract_id: int) -> Any:
    services.delete_contract(actor=request.user, contract=get_object_or_404(ClientContract, pk=contract_id))
    return Status(204, None)


@router.post(
    "/{int:contract_id}/terms/{key}/evidence",
    response=ContractOut,
    summary="上傳一項應約定事項之契約佐證（multipart；大小與檔案類型之檢查同網頁）",
)
def upload_term_evidence(request: HttpRequest, contract_id: int, key: str, file: File[UploadedFile]) -> Any:
    contract = get_object_or_404(ClientContract, pk=contract_id)
    if key not in TERMS:
        raise Http404
    services.set_term(
        actor=request.user, contract=contract, key=key, agreed=KEEP, clause=KEEP,
        evidence_file=file, evidence_name=file.name or "",
    )  # fmt: skip
    return get_object_or_404(selectors.contracts(), pk=contract_id)


@router.put("/{int:contract_id}/terms/{key}", response=ContractOut, summary="更新一項應約定事項")
def set_term(request: HttpRequest, contract_id: int, key: str, payload: TermIn) -> Any:
    require(request.user, "contracts.manage")
    contract = get_object_or_404(ClientContract, pk=contract_id)
    if key not in TERMS:
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


@router.patch("/audits/{int:audit_id}", response=AuditOut, summary="修改委託者稽核（僅送出之欄位）")
def update_audit(request: HttpRequest, audit_id: int, payload: AuditPatch) -> Any:
    audit = get_object_or_404(ClientAudit, pk=audit_id)
    data = _changes(payload)
    if "contract_id" in data:
        contract_id = data.pop("contract_id")
        data["contract"] = get_object_or_404(ClientContract, pk=contract_id) if contract_id else None
    services.update_audit(actor=request.user, audit=audit, data=data)
    return get_object_or_404(selectors.audits(), pk=audit_id)


@router.delete("/audits/{int:audit_id}", response={204: None}, summary="刪除誤建之委託者稽核（未登錄缺失者）")
def delete_audit(request: HttpRequest, audit_id: int) -> Any:
    services.delete_audit(actor=request.user, audit=get_object_or_404(ClientAudit, pk=audit_id))
    return Status(204, None)


@router.post(
    "/audits/{int:audit_id}/report",
    response=AuditOut,
    summary="上傳委託者稽核報告（multipart；大小與檔案類型之檢查同網頁）",
)
def upload_audit_report(request: HttpRequest, audit_id: int, file: File[UploadedFile]) -> Any:
    audit = get_object_or_404(ClientAudit, pk=audit_id)
    services.attach_audit_report(actor=request.user, audit=audit, report=file, report_name=file.name or "")
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


@router.patch("/tests/{int:test_id}", response=TestOut, summary="修改安全檢測報告（僅送出之欄位）")
def update_test(request: HttpRequest, test_id: int, payload: TestPatch) -> Any:
    test = get_object_or_404(SecurityTest, pk=test_id)
    data = _changes(payload)
    for name in ("kind", "retest"):
        if name in data:
            data[name] = str(data[name].value if hasattr(data[name], "value") else data[name])
    return services.save_test(actor=request.user, data=data, test=test)


@router.delete("/tests/{int:test_id}", response={204: None}, summary="刪除誤建之安全檢測報告")
def delete_test(request: HttpRequest, test_id: int) -> Any:
    services.delete_test(actor=request.user, test=get_object_or_404(SecurityTest, pk=test_id))
    return Status(204, None)


@router.post(
    "/tests/{int:test_id}/report",
    response=TestOut,
    summary="上傳安全檢測報告檔（multipart；大小與檔案類型之檢查同網頁）",
)
def upload_test_report(request: HttpRequest, test_id: int, file: File[UploadedFile]) -> Any:
    test = get_object_or_404(SecurityTest, pk=test_id)
    return services.save_test(
        actor=request.user, data={}, report=file, report_name=file.name or "", test=test
    )
