"""Writes for transfers, retention and disposal. Permission first, validated, audited."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouhu.accounts.permissions import require
from shouhu.audit.records import create_record, update_record
from shouhu.audit.services import created, record
from shouhu.core.messages import compose, define
from shouhu.core.validation import check_instance
from shouhu.evidence import names
from shouhu.evidence.clauses import Keep, set_clause_item
from shouhu.evidence.services import store
from shouhu.thirdparties import certificate
from shouhu.thirdparties.models import (
    Art21Result,
    ContractItem,
    ContractItemKey,
    DeletionCertificate,
    DisposalKind,
    DisposalRecord,
    RetentionBatch,
    RetentionRule,
    SubProcessor,
    SupervisionCheck,
    Transfer,
    Unit,
)

TRANSFER_FIELDS = (
    "data_description",
    "file",
    "recipient",
    "country",
    "purpose",
    "legal_basis",
    "legal_basis_note",
    "client",
    "art21_checked_on",
    "art21_result",
    "art21_note",
    "active",
)
RULE_FIELDS = (
    "name",
    "file",
    "duration",
    "unit",
    "basis",
    "start_event",
    "start_event_note",
    "disposal_method",
)
DISPOSAL_FIELDS = (
    "kind",
    "data_description",
    "method",
    "performed_at",
    "place",
    "recipient",
    "recipient_basis",
    "performed_by",
    "witness",
    "client",
)
PROOF_YEARS = 5  # moda rule Art. 16: termination records kept at least five years

# The compliance calendar's note for a disposal at the end of retention (shown in the reader's language).
DISPOSED_NOTE = define(
    "thirdparties.disposed_note",
    gettext_noop("{kind}：{data}"),
    lambda f: {**f, "kind": DisposalKind(f["kind"]).label},
)


def add_period(start: dt.date, amount: int, unit: str) -> dt.date:
    """``start`` plus ``amount`` days, months or years; a month end that does not exist falls back to the
    month's last day (2024-02-29 plus one year is 2025-02-28)."""
    if unit == Unit.DAYS:
        return start + dt.timedelta(days=amount)
    months = amount * 12 if unit == Unit.YEARS else amount
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def _check_transfer(data: Mapping[str, Any]) -> None:
    result = data.get("art21_result") or Art21Result.UNKNOWN
    checked = data.get("art21_checked_on")
    if result != Art21Result.UNKNOWN and not checked:
        raise ValidationError({"art21_checked_on": _("已有查核結果時，請填寫查核日期")})
    if isinstance(checked, dt.date) and checked > timezone.localdate():
        raise ValidationError({"art21_checked_on": _("查核日期不可晚於今天")})
    if data.get("legal_basis") == "other" and not str(data.get("legal_basis_note", "")).strip():
        raise ValidationError({"legal_basis_note": _("法律依據為「其他」時請說明")})


def save_transfer(*, actor: Any, data: Mapping[str, Any], transfer: Transfer | None = None) -> Transfer:
    require(actor, "thirdparties.manage")
    merged = {**({f: getattr(transfer, f) for f in TRANSFER_FIELDS} if transfer else {}), **data}
    _check_transfer(merged)
    if transfer is None:
        return create_record(
            actor=actor, model=Transfer, data=data, fields=TRANSFER_FIELDS, past=["art21_checked_on"]
        )
    return update_record(
        actor=actor, instance=transfer, data=data, fields=TRANSFER_FIELDS, past=["art21_checked_on"]
    )


def save_rule(*, actor: Any, data: Mapping[str, Any], rule: RetentionRule | None = None) -> RetentionRule:
    require(actor, "thirdparties.manage")
    if not data.get("duration") and (rule is None or "duration" in data):
        raise ValidationError({"duration": _("保存期間須大於零")})
    if rule is None:
        return create_record(actor=actor, model=RetentionRule, data=data, fields=RULE_FIELDS)
    return update_record(actor=actor, instance=rule, data=data, fields=RULE_FIELDS)


@transaction.atomic
def start_batch(
    *, actor: Any, rule: RetentionRule, label: str, started_on: dt.date, client: Any = None
) -> RetentionBatch:
    """A batch of data whose period started on ``started_on``; its due day follows from the rule."""
    require(actor, "thirdparties.manage")
    if not label.strip():
        raise ValidationError({"label": _("請填寫批次名稱")})
    batch = RetentionBatch(
        rule=rule,
        label=label.strip(),
        started_on=started_on,
        due_on=add_period(started_on, rule.duration, rule.unit),
        client=client,
    )
    check_instance(batch, ["started_on"], past=["started_on"])
    batch.full_clean()
    batch.save()
    record(
        actor=actor,
        action="thirdparties.batch_started",
        obj=batch,
        changes=created(batch, ["rule", "label", "started_on", "due_on", "client"]),
    )
    return batch


@transaction.atomic
def record_disposal(
    *,
    actor: Any,
    data: Mapping[str, Any],
    proof: IO[bytes] | bytes,
    proof_name: str,
    batches: Iterable[RetentionBatch] = (),
) -> DisposalRecord:
    """Record a destruction, transfer or deletion with its proof (locked ≥ 5 years in the evidence store)."""
    require(actor, "thirdparties.manage")
    errors: dict[str, str] = {}
    if data.get("kind") == DisposalKind.TRANSFER:
        if not str(data.get("recipient", "")).strip():
            errors["recipient"] = "移轉須記錄移轉對象"
        if not str(data.get("recipient_basis", "")).strip():
            errors["recipient_basis"] = "移轉須記錄移轉對象之合法依據"
    performed = data.get("performed_at")
    if isinstance(performed, dt.datetime) and performed > timezone.now() + dt.timedelta(minutes=5):
        errors["performed_at"] = "時間不可晚於現在"
    if errors:
        raise ValidationError(errors)
    disposal = DisposalRecord(**{k: v for k, v in data.items() if k in DISPOSAL_FIELDS})
    disposal.recorded_by = actor
    check_instance(disposal, ["performed_at"], past=["performed_at"])
    done_on = (
        timezone.localtime(disposal.performed_at).date() if disposal.performed_at else timezone.localdate()
    )
    disposal.proof = store(
        actor=actor,
        file=proof,
        filename=proof_name,
        description=f"{disposal.get_kind_display()}紀錄佐證：{disposal.data_description}"[:500],
        context="thirdparties.disposalrecord",
        retention_until=max(
            add_period(done_on, PROOF_YEARS, Unit.YEARS),
            add_period(timezone.localdate(), PROOF_YEARS, Unit.YEARS),
        ),
        locked=True,
        check_perm=False,
    )
    disposal.full_clean()
    disposal.save()
    record(
        actor=actor,
        action="thirdparties.disposal_recorded",
        obj=disposal,
        changes=created(disposal, [*DISPOSAL_FIELDS, "proof"]),
    )
    for batch in batches:
        if batch.disposed_id:
            raise ValidationError({"batches": _("批次「{batch}」已有處理紀錄").format(batch=batch)})
        batch.disposed = disposal
        batch.save(update_fields=["disposed"])
        record(
            actor=actor,
            action="thirdparties.batch_disposed",
            obj=batch,
            changes={"disposed": [None, disposal.pk]},
        )
    from shouhu.law import services as law

    law.complete_from_record(
        actor=actor,
        key="retention-end",
        done_on=done_on,
        note=compose(DISPOSED_NOTE, kind=disposal.kind, data=disposal.data_description),
    )
    return disposal


@transaction.atomic
def issue_certificate(
    *, actor: Any, client: Any, contract_ended_on: dt.date, records: Iterable[DisposalRecord]
) -> DeletionCertificate:
    """The end-of-contract deletion certificate for ``client`` (DOCX, kept locked in the evidence store)."""
    require(actor, "thirdparties.manage")
    chosen = list(records)
    if not chosen:
        raise ValidationError({"records": _("請選擇至少一筆銷毀、移轉或刪除紀錄")})
    others = [r for r in chosen if r.client_id != client.pk]
    if others:
        raise ValidationError({"records": _("所選紀錄須屬於該委託者")})
    if contract_ended_on > timezone.localdate():
        raise ValidationError({"contract_ended_on": _("契約終止日不可晚於今天")})
    content = certificate.build(client=client, contract_ended_on=contract_ended_on, records=chosen)
    # an internal record given to the client: its name follows the reader's language (``evidence.names``)
    named = compose(names.DELETION_CERTIFICATE, client=client.name, date=contract_ended_on.isoformat())
    document = store(
        actor=actor,
        file=content,
        filename=named.text,
        named=named,
        description=f"契約終止資料刪除證明書：{client.name}",
        context=f"organization.client:{client.pk}",
        locked=True,
        check_perm=False,
    )
    cert = DeletionCertificate.objects.create(
        client=client, contract_ended_on=contract_ended_on, document=document, issued_by=actor
    )
    cert.records.set(chosen)
    record(
        actor=actor,
        action="thirdparties.certificate_issued",
        obj=cert,
        changes={
            "client": [None, client.pk],
            "records": [None, [r.pk for r in chosen]],
            "document": [None, document.pk],
        },
    )
    return cert


# --- sub-processors (受託者) ----------------------------------------------------------------------------

SUBPROCESSOR_FIELDS = (
    "name",
    "ubn",
    "services",
    "data_categories",
    "systems",
    "countries",
    "contact_email",
    "contract_signed_on",
    "contract_ends_on",
    "clients_consented",
    "active",
)


def save_subprocessor(
    *, actor: Any, data: Mapping[str, Any], subprocessor: SubProcessor | None = None
) -> SubProcessor:
    require(actor, "thirdparties.manage")
    signed, ends = data.get("contract_signed_on"), data.get("contract_ends_on")
    if isinstance(signed, dt.date) and isinstance(ends, dt.date) and ends < signed:
        raise ValidationError({"contract_ends_on": _("契約到期日不可早於簽訂日")})
    if subprocessor is None:
        return create_record(
            actor=actor,
            model=SubProcessor,
            data=data,
            fields=SUBPROCESSOR_FIELDS,
            past=["contract_signed_on"],
        )
    return update_record(
        actor=actor, instance=subprocessor, data=data, fields=SUBPROCESSOR_FIELDS, past=["contract_signed_on"]
    )


def set_contract_item(
    *,
    actor: Any,
    subprocessor: SubProcessor,
    key: str,
    agreed: bool | None | Keep,
    clause: str | Keep = "",
    evidence_file: IO[bytes] | None = None,
    evidence_name: str = "",
) -> ContractItem:
    """Record whether the contract settles one Enforcement Rules Art. 8 item (None: not yet checked)."""
    label = dict(ContractItemKey.choices).get(key, key)
    return set_clause_item(
        actor=actor,
        permission="thirdparties.manage",
        model=ContractItem,
        owner={"subprocessor": subprocessor},
        key=key,
        keys=ContractItemKey.values,
        agreed=agreed,
        clause=clause,
        clause_max=200,
        evidence_file=evidence_file,
        evidence_name=evidence_name,
        evidence_description=f"{subprocessor.name} 契約：{label}",
        action="thirdparties.contract_item_set",
        audit_obj=subprocessor,
    )


@transaction.atomic
def record_supervision(
    *, actor: Any, subprocessor: SubProcessor, checked_on: dt.date, method: str, result: str, issues: str = ""
) -> SupervisionCheck:
    """Record the periodic check of a processor. When every active processor has been checked within a
    year, the calendar's yearly processor-audit obligation is completed."""
    require(actor, "thirdparties.manage")
    if not result.strip():
        raise ValidationError({"result": _("請記錄確認結果")})
    check = SupervisionCheck(
        subprocessor=subprocessor,
        checked_on=checked_on,
        method=method,
        result=result.strip(),
        issues=issues.strip(),
        recorded_by=actor,
    )
    check_instance(check, ["checked_on"], past=["checked_on"])
    if checked_on > timezone.localdate():
        raise ValidationError({"checked_on": _("確認日期不可晚於今天")})
    check.full_clean()
    check.save()
    record(
        actor=actor,
        action="thirdparties.supervision_recorded",
        obj=subprocessor,
        changes=created(check, ["checked_on", "method", "result", "issues"]),
    )
    complete_yearly_audit(actor=actor, done_on=checked_on)
    return check


def complete_yearly_audit(*, actor: Any, done_on: dt.date) -> None:
    """Complete the calendar's processor-audit once every active processor was checked within a year."""
    year_ago = timezone.localdate() - dt.timedelta(days=365)
    if not SubProcessor.objects.filter(active=True).exclude(checks__checked_on__gt=year_ago).exists():
        from shouhu.law import services as law

        law.complete_from_record(
            actor=actor, key="processor-audit", done_on=done_on, note=law.note("processors_confirmed")
        )


def purge_reminder_text(batches: Iterable[RetentionBatch]) -> str:
    """The body of the purge-due reminder (what is due, when, how it is to be disposed of)."""
    from shouhu.core.rocdate import format_roc_date

    lines = [
        f"- {b.rule.name}「{b.label}」屆期日 {format_roc_date(b.due_on)}；處理方式：{b.rule.disposal_method or '未定'}"
        for b in batches
    ]
    return "以下資料之保存期限將於 30 日內屆至或已屆至，請依規定銷毀、移轉或刪除並記錄：\n" + "\n".join(lines)
