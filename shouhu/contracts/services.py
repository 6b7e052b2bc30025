"""Writes for client contracts, client audits and security tests. Permission first, validated, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import may_link, require
from shouhu.audit.records import create_record, delete_record, update_record
from shouhu.audit.services import created, record
from shouhu.contracts.models import (
    ClientAudit,
    ClientAuditFinding,
    ClientContract,
    ContractTerm,
    Retest,
    SecurityTest,
)
from shouhu.contracts.terms import TERMS
from shouhu.core.validation import check_instance
from shouhu.evidence.clauses import Keep, set_clause_item
from shouhu.evidence.services import store

CONTRACT_FIELDS = (
    "client",
    "number",
    "title",
    "signed_on",
    "starts_on",
    "ends_on",
    "services",
    "notice_hours",
    "active",
)
AUDIT_FIELDS = ("client", "contract", "audited_on", "scope", "auditor", "summary")
TEST_FIELDS = (
    "system",
    "kind",
    "tested_on",
    "tester",
    "high_count",
    "medium_count",
    "retest",
    "retested_on",
    "notes",
)
MAX_NOTICE_HOURS = 24 * 365


def _check_contract(data: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    starts, ends, signed = data.get("starts_on"), data.get("ends_on"), data.get("signed_on")
    if isinstance(starts, dt.date) and isinstance(ends, dt.date) and ends < starts:
        errors["ends_on"] = "契約迄日不可早於起日"
    if isinstance(signed, dt.date) and signed > timezone.localdate():
        errors["signed_on"] = "簽訂日不可晚於今天"
    hours = data.get("notice_hours")
    if hours is not None and not (isinstance(hours, int) and 0 < hours <= MAX_NOTICE_HOURS):
        errors["notice_hours"] = "通知時限須為 1 至 8760 小時；契約未載明時請留空"
    if not str(data.get("number", "")).strip():
        errors["number"] = "請填寫契約編號"
    if errors:
        raise ValidationError(errors)


def _check_linkable(actor: Any, systems: list[Any], *, field: str = "systems") -> None:
    """A system newly linked must be one the actor may read (the API posts ids; pages list readable ones)."""
    if any(not may_link(actor, "inventory.view", s.department_id) for s in systems):
        raise ValidationError({field: _("所選的系統不存在，或屬於您無權檢視的部門。")})


@transaction.atomic
def save_contract(
    *,
    actor: Any,
    data: Mapping[str, Any],
    systems: Iterable[Any] | None = None,
    contract: ClientContract | None = None,
) -> ClientContract:
    """Create or change a client contract; ``systems`` (inventory systems) replaces the linked list."""
    require(actor, "contracts.manage")
    merged = {**({f: getattr(contract, f) for f in CONTRACT_FIELDS} if contract else {}), **data}
    _check_contract(merged)
    if contract is not None and "client" in data and data["client"].pk != contract.client_id:
        raise ValidationError({"client": _("契約之委託者不可變更；請另建契約")})
    if contract is None:
        contract = create_record(
            actor=actor, model=ClientContract, data=data, fields=CONTRACT_FIELDS, past=["signed_on"]
        )
    else:
        contract = update_record(
            actor=actor, instance=contract, data=data, fields=CONTRACT_FIELDS, past=["signed_on"]
        )
    if systems is not None:
        before = sorted(contract.systems.values_list("pk", flat=True))
        chosen = list(systems)
        _check_linkable(actor, [s for s in chosen if s.pk not in before])
        after = sorted(s.pk for s in chosen)
        if before != after:
            contract.systems.set(chosen)
            record(
                actor=actor,
                action="contracts.clientcontract.systems_set",
                obj=contract,
                changes={"systems": [before, after]},
            )
    return contract


def set_term(
    *,
    actor: Any,
    contract: ClientContract,
    key: str,
    agreed: bool | None | Keep,
    clause: str | Keep = "",
    evidence_file: IO[bytes] | None = None,
    evidence_name: str = "",
) -> ContractTerm:
    """Record whether the contract settles one required term (None: not yet checked) and where
    (``KEEP``: as recorded, when only the file is uploaded)."""
    term = TERMS.get(key)
    return set_clause_item(
        actor=actor,
        permission="contracts.manage",
        model=ContractTerm,
        owner={"contract": contract},
        key=key,
        keys=TERMS,
        agreed=agreed,
        clause=clause,
        clause_max=300,
        evidence_file=evidence_file,
        evidence_name=evidence_name,
        evidence_description=f"{contract.client} 契約 {contract.number}：{term.label_zh if term else key}",
        action="contracts.term_set",
        audit_obj=contract,
    )


@transaction.atomic
def delete_contract(*, actor: Any, contract: ClientContract) -> None:
    """Delete a contract entered by mistake, with its recorded terms (kept in the audit event; their files
    stay in the evidence store). A contract a client audit refers to is kept: mark it not in force."""
    require(actor, "contracts.manage")
    contract = ClientContract.objects.select_for_update().get(pk=contract.pk)
    if contract.audits.exists():
        raise ValidationError(_("此契約已有委託者稽核紀錄，不可刪除；如已終止，請改為「非履約中」。"))
    terms = [
        {"key": t.key, "agreed": t.agreed, "clause": t.clause, "evidence": t.evidence_id}
        for t in contract.terms.order_by("key")
    ]
    systems = sorted(contract.systems.values_list("pk", flat=True))
    record(
        actor=actor,
        action="contracts.clientcontract.deleted",
        obj=contract,
        changes={
            **{f: [_plain(getattr(contract, f)), None] for f in CONTRACT_FIELDS},
            "terms": [terms, None],
            "systems": [systems, None],
        },
    )
    contract.delete()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return getattr(value, "pk", value)


@dataclass(frozen=True)
class FindingInput:
    title: str
    description: str = ""
    severity: str = "medium"


@transaction.atomic
def record_audit(
    *,
    actor: Any,
    data: Mapping[str, Any],
    findings: Iterable[FindingInput] = (),
    report: IO[bytes] | None = None,
    report_name: str = "",
) -> ClientAudit:
    """Log a client's audit of us, keep its report, and turn each finding into a corrective action."""
    require(actor, "contracts.manage")
    contract = data.get("contract")
    if contract is not None and data.get("client") is not None and contract.client_id != data["client"].pk:
        raise ValidationError({"contract": _("所選契約不屬於該委託者")})
    audit = ClientAudit(**{k: v for k, v in data.items() if k in AUDIT_FIELDS}, recorded_by=actor)
    check_instance(audit, ["audited_on"], past=["audited_on"])
    if isinstance(audit.audited_on, dt.date) and audit.audited_on > timezone.localdate():
        raise ValidationError({"audited_on": _("稽核日期不可晚於今天")})
    if report is not None:
        audit.report = store(
            actor=actor,
            file=report,
            filename=report_name or "稽核報告.pdf",
            description=f"委託者稽核報告：{data.get('client')} {audit.audited_on}"[:500],
            context="contracts.clientaudit",
            check_perm=False,
        )
    audit.full_clean()
    audit.save()
    record(
        actor=actor,
        action="contracts.audit_recorded",
        obj=audit,
        changes=created(audit, [*AUDIT_FIELDS, "report"]),
    )
    for finding in findings:
        add_finding(actor=actor, audit=audit, finding=finding)
    return audit


@transaction.atomic
def update_audit(*, actor: Any, audit: ClientAudit, data: Mapping[str, Any]) -> ClientAudit:
    """Correct a client audit's date, scope, auditor, summary or contract (its client stays)."""
    require(actor, "contracts.manage")
    if "client" in data and data["client"].pk != audit.client_id:
        raise ValidationError({"client": _("稽核之委託者不可變更；請另建稽核紀錄")})
    contract = data.get("contract", audit.contract)
    if contract is not None and contract.client_id != audit.client_id:
        raise ValidationError({"contract": _("所選契約不屬於該委託者")})
    audited_on = data.get("audited_on", audit.audited_on)
    if isinstance(audited_on, dt.date) and audited_on > timezone.localdate():
        raise ValidationError({"audited_on": _("稽核日期不可晚於今天")})
    fields = [f for f in AUDIT_FIELDS if f != "client"]
    return update_record(actor=actor, instance=audit, data=data, fields=fields, past=["audited_on"])


@transaction.atomic
def attach_audit_report(
    *, actor: Any, audit: ClientAudit, report: IO[bytes], report_name: str
) -> ClientAudit:
    """Keep (or replace) the client's audit report; the file is checked by the evidence store."""
    require(actor, "contracts.manage")
    evidence = store(
        actor=actor,
        file=report,
        filename=report_name or "稽核報告.pdf",
        description=f"委託者稽核報告：{audit.client} {audit.audited_on}"[:500],
        context=f"contracts.clientaudit:{audit.pk}",
        check_perm=False,
    )
    return update_record(actor=actor, instance=audit, data={"report": evidence}, fields=["report"])


@transaction.atomic
def delete_audit(*, actor: Any, audit: ClientAudit) -> None:
    """Delete a client audit entered by mistake; one whose findings opened corrective actions is kept."""
    require(actor, "contracts.manage")
    if audit.findings.exists():
        raise ValidationError(_("此稽核已登錄缺失並開立矯正措施，不可刪除。"))
    delete_record(actor=actor, instance=audit, fields=[*AUDIT_FIELDS, "report"])


@transaction.atomic
def add_finding(*, actor: Any, audit: ClientAudit, finding: FindingInput) -> ClientAuditFinding:
    """One finding of a client audit; its corrective action is opened through the assessment module."""
    require(actor, "contracts.manage")
    from shouhu.assessment import services as assessment
    from shouhu.core.rocdate import format_roc_date

    if not finding.title.strip():
        raise ValidationError({"findings": _("缺失須有標題")})
    action = assessment.raise_outside_finding(
        actor=actor,
        title=finding.title.strip()[:300],
        description=finding.description,
        severity=finding.severity,
        origin=f"委託者稽核：{audit.client.name} {format_roc_date(audit.audited_on)}",
    )
    row = ClientAuditFinding.objects.create(
        audit=audit,
        title=finding.title.strip()[:300],
        description=finding.description.strip(),
        severity=finding.severity,
        action=action,
    )
    record(
        actor=actor,
        action="contracts.audit_finding_added",
        obj=audit,
        changes={"finding": [None, row.title], "action": [None, action.pk]},
    )
    return row


def _check_test(data: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    tested, retested = data.get("tested_on"), data.get("retested_on")
    today = timezone.localdate()
    if isinstance(tested, dt.date) and tested > today:
        errors["tested_on"] = "檢測日期不可晚於今天"
    if isinstance(retested, dt.date):
        if retested > today:
            errors["retested_on"] = "複測日期不可晚於今天"
        elif isinstance(tested, dt.date) and retested < tested:
            errors["retested_on"] = "複測日期不可早於檢測日期"
    if data.get("retest") in (Retest.PASSED, Retest.FAILED) and not retested:
        errors["retested_on"] = "已有複測結果時，請填寫複測日期"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_test(
    *,
    actor: Any,
    data: Mapping[str, Any],
    report: IO[bytes] | None = None,
    report_name: str = "",
    test: SecurityTest | None = None,
) -> SecurityTest:
    """Record (or correct) a penetration test or vulnerability scan of a system, with its report."""
    require(actor, "contracts.manage")
    merged = {**({f: getattr(test, f) for f in TEST_FIELDS} if test else {}), **data}
    _check_test(merged)
    system = data.get("system")
    if system is not None and (test is None or system.pk != test.system_id):
        _check_linkable(actor, [system], field="system")
    payload = dict(data)
    if report is not None:
        payload["report"] = store(
            actor=actor,
            file=report,
            filename=report_name or "檢測報告.pdf",
            description=f"安全檢測報告：{merged.get('system')} {merged.get('tested_on')}"[:500],
            context="contracts.securitytest",
            check_perm=False,
        )
    fields = (*TEST_FIELDS, "report")
    if test is None:
        payload["recorded_by"] = actor
        return create_record(
            actor=actor,
            model=SecurityTest,
            data=payload,
            fields=(*fields, "recorded_by"),
            past=["tested_on", "retested_on"],
        )
    return update_record(
        actor=actor, instance=test, data=payload, fields=fields, past=["tested_on", "retested_on"]
    )


@transaction.atomic
def delete_test(*, actor: Any, test: SecurityTest) -> None:
    """Delete a security-test record entered by mistake (its report file stays in the evidence store)."""
    require(actor, "contracts.manage")
    delete_record(actor=actor, instance=test, fields=[*TEST_FIELDS, "report"])
