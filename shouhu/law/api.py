"""Law endpoints: deadline preview, catalogue, party facts and applicability, compliance calendar.

Mounted at /api/v1/ so this router owns ``/deadlines/…`` and ``/law/…``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Body, Router, Schema

from shouhu.accounts.permissions import require
from shouhu.core.rocdate import parse_date
from shouhu.engines.law.applicability import Assessment
from shouhu.law import selectors, services
from shouhu.law.models import Obligation
from shouhu.organization.models import Client

router = Router(tags=["law"])


class FactsIn(Schema):
    industry_codes: list[str] = []  # besides the organisation record's main industry code
    business_item_codes: list[str] = []
    registered_capital: int | None = None
    is_government_agency: bool = False
    special_reasons: list[str] = []
    sectors: list[str] = []
    consumer_records: int | None = None
    records_from_inventory: bool = False
    hospital_beds: int | None = None
    ncc_categories: list[str] = []
    ncc_subscribers: int | None = None
    collects_customer_data: bool | None = None  # None: not yet known
    threshold_reached_on: dt.date | None = None
    resuming_after_suspension: bool = False


class CompanyFactsIn(FactsIn):
    """Our company's type, paid-in capital and main industry code are the company profile's."""

    government_contracts: bool = False


class ClientFactsIn(FactsIn):
    """A client's main industry code and hosting (service types) are the client record's."""

    company_type: str = ""
    paid_in_capital: int | None = None


class CompletionIn(Schema):
    done_on: str
    note: str = ""
    evidence_id: int | None = None


def _on(on: str | None) -> dt.date:
    if not on:
        return timezone.localdate()
    try:
        return parse_date(on)
    except ValueError:
        raise ValidationError({"on": [f"無法辨識的日期：{on}（請用 2026-11-26 或 115/11/26）"]}) from None


def _assessment(assessment: Assessment, facts: Any) -> dict[str, Any]:
    return {
        "party_id": assessment.party_id,
        "on": assessment.on.isoformat(),
        "facts": _facts_dict(facts),
        "applicable": [
            {
                "rule_id": a.rule_id, "title_zh": a.title_zh, "law_id": a.law_id, "law_version": a.law_version,
                "law_version_status": a.law_version_status.value, "legal_basis_zh": a.legal_basis_zh,
                "reason_zh": a.reason_zh, "verified": a.verified, "possibly": a.possibly, "pending_zh": a.pending_zh,
                "pending": [p.to_dict() for p in a.pending],
                "follow_ups": [
                    {"id": f.id, "title_zh": f.title_zh, "due_on": f.due_on.isoformat() if f.due_on else None,
                     "reason_zh": f.reason_zh, "legal_basis_zh": f.legal_basis_zh}
                    for f in a.follow_ups
                ],
            }
            for a in assessment.applicable
        ],
        "not_applicable": [
            {"rule_id": n.rule_id, "title_zh": n.title_zh, "reason_zh": n.reason_zh, "not_covered": n.not_covered}
            for n in assessment.not_applicable
        ],
        "notes_zh": list(assessment.notes_zh),
    }  # fmt: skip


def _facts_dict(facts: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("industry_codes", "business_item_codes", "special_reasons", "sectors", "ncc_categories"):
        out[name] = sorted(str(v) for v in getattr(facts, name))
    for name in ("paid_in_capital", "registered_capital", "consumer_records", "hospital_beds", "ncc_subscribers",
                 "is_government_agency", "collects_customer_data", "hosting", "government_contracts",
                 "resuming_after_suspension"):  # fmt: skip
        out[name] = getattr(facts, name)
    out["company_type"] = facts.company_type.value if facts.company_type else None
    out["threshold_reached_on"] = (
        facts.threshold_reached_on.isoformat() if facts.threshold_reached_on else None
    )
    return out


@router.post(
    "/deadlines/preview",
    summary="試算假設事件之法定期限（可一次多筆）",
    response={200: dict[str, Any] | list[dict[str, Any]]},
)
def deadlines_preview(
    request: HttpRequest,
    payload: dict[str, Any] | list[Any] = Body(...),  # noqa: B008
) -> Any:
    """Input as ``shouhu deadlines preview --json FILE`` (see shouhu.engines.law.preview): one case gives
    ``{"deadlines": [...], "warnings": [...]}``, a list of up to 50 cases gives a list of those (with
    ``index``). Deadlines waiting on a fact not yet known carry it in ``pending``. Errors → 422 (zh-TW)."""
    return services.preview_deadlines(actor=request.user, data=payload)


@router.get("/law/catalogue", summary="法規目錄（版本、來源、期限規則）")
def law_catalogue(request: HttpRequest) -> Any:
    require(request.user, "law.view")
    cat = selectors.catalogue()
    return {
        "laws": [
            {
                "id": law.id, "name_zh": law.display_name(), "pcode": law.pcode, "source_url": law.source_url,
                "competent_authority_zh": law.competent_authority_zh, "unverified": list(law.unverified),
                "versions": [
                    {"id": v.id, "label_zh": v.label_zh, "status": v.status.value,
                     "effective_from": v.effective_from.isoformat() if v.effective_from else None,
                     "effective_to": v.effective_to.isoformat() if v.effective_to else None,
                     "verified": v.verified, "unverified": list(v.unverified)}
                    for v in law.versions
                ],
            }
            for law in cat.laws.values()
        ],
        "rules": [
            {"id": r.id, "title_zh": r.title_zh, "law": r.law, "anchor": r.anchor.value, "duration": r.duration,
             "unit": r.unit.value, "max_extension": r.max_extension, "recipient_zh": r.recipient_zh,
             "legal_basis": [{"law_version": v.law_version, "article": v.article} for v in r.versions],
             "verified": r.verified, "unverified": list(r.unverified)}
            for r in cat.rules
        ],
    }  # fmt: skip


@router.get("/law/applicability/company", summary="本公司適用法規及理由")
def company_applicability(request: HttpRequest, on: str | None = None) -> Any:
    require(request.user, "law.view")
    return _assessment(selectors.assessment_for_company(_on(on)), selectors.party_facts_for_company())


@router.get("/law/applicability/clients/{client_id}", summary="委託者適用法規及理由")
def client_applicability(request: HttpRequest, client_id: int, on: str | None = None) -> Any:
    require(request.user, "law.view")
    client = get_object_or_404(Client, pk=client_id)
    return _assessment(
        selectors.assessment_for_client(client, _on(on)), selectors.party_facts_for_client(client)
    )


@router.put("/law/facts/company", summary="更新本公司法規事實（並重新判斷）")
def put_company_facts(request: HttpRequest, payload: CompanyFactsIn) -> Any:
    services.save_company_facts(actor=request.user, data=payload.dict())
    return _assessment(selectors.assessment_for_company(), selectors.party_facts_for_company())


@router.put("/law/facts/clients/{client_id}", summary="更新委託者法規事實（並重新判斷）")
def put_client_facts(request: HttpRequest, client_id: int, payload: ClientFactsIn) -> Any:
    client = get_object_or_404(Client, pk=client_id)
    services.save_client_facts(actor=request.user, client=client, data=payload.dict())
    return _assessment(selectors.assessment_for_client(client), selectors.party_facts_for_client(client))


def _obligation(o: Obligation) -> dict[str, Any]:
    return {
        "id": o.pk, "key": o.key, "kind": o.kind, "title_zh": o.title_zh, "frequency": o.frequency or None,
        "active": o.active, "reason_zh": o.reason_zh, "law_version": o.law_version or None,
        "owner": o.owner.username if o.owner else None,
        "last_done_on": o.last_done_on.isoformat() if o.last_done_on else None,
        "due_on": o.due_on.isoformat() if o.due_on else None, "status": selectors.status_of(o),
    }  # fmt: skip


@router.get("/law/calendar", summary="法遵行事曆")
def calendar(request: HttpRequest) -> Any:
    require(request.user, "law.view")
    return [_obligation(o) for o in selectors.obligations()]


@router.post("/law/calendar/sync", summary="依目前適用情形更新法遵行事曆")
def calendar_sync(request: HttpRequest) -> Any:
    result = services.refresh_calendar(actor=request.user)
    return {"added": result.added, "removed": result.removed}


@router.post("/law/calendar/{obligation_id}/complete", summary="登錄完成（可連結已上傳之佐證檔案）")
def complete(request: HttpRequest, obligation_id: int, payload: CompletionIn) -> Any:
    obligation = get_object_or_404(Obligation, pk=obligation_id)
    try:
        done_on = parse_date(payload.done_on)
    except ValueError:
        raise ValidationError({"done_on": [f"無法辨識的日期：{payload.done_on}"]}) from None
    evidence = None
    if payload.evidence_id is not None:
        from shouhu.evidence.models import Evidence

        evidence = get_object_or_404(Evidence, pk=payload.evidence_id)
    services.complete(actor=request.user, obligation=obligation, done_on=done_on, note=payload.note,
                      evidence=evidence)  # fmt: skip
    obligation.refresh_from_db()
    return _obligation(obligation)
