"""Deadline engine: every legal clock an incident, a request or an event starts.

Pure Python. For each deadline rule in the catalogue the engine checks the trigger, the incident facts
the rule requires, whether the rule applies to the party (applicability engine), and which version of
the rule's law is in force at the anchor time (an incident from 2023-06 uses the rules of 2023-06).
Questions the law does not answer are answered with the conservative reading (the earliest due time)
and flagged ``conservative_reading``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .applicability import Applicable, decide
from .catalogue import Catalogue, load_catalogue
from .enums import Anchor, Counting, PartyRole, Requirement, Trigger, Unit, VersionStatus
from .errors import InvalidFactError
from .facts import PartyFacts
from .inputs import EventFacts, EventKind, IncidentFacts, RequestFacts, RequestKind
from .model import DeadlineRule, Law, LawVersion, RuleVersion
from .timeutil import add_duration, format_taipei, taipei_date

_REQUEST_TRIGGERS = {
    RequestKind.QUERY_OR_READ: Trigger.REQUEST_ACCESS,
    RequestKind.COPY: Trigger.REQUEST_ACCESS,
    RequestKind.SUPPLEMENT_OR_CORRECT: Trigger.REQUEST_CORRECTION,
    RequestKind.STOP_COLLECT_PROCESS_USE: Trigger.REQUEST_CORRECTION,
    RequestKind.DELETE: Trigger.REQUEST_CORRECTION,
    RequestKind.MARKETING_REFUSAL: Trigger.MARKETING_REFUSAL,
}
_EVENT_TRIGGERS = {
    EventKind.DATA_CORRECTED: Trigger.DATA_CORRECTED,
    EventKind.UNLAWFUL_INSTRUCTION: Trigger.UNLAWFUL_INSTRUCTION,
}
_UNIT_ZH = {Unit.HOURS: "小時", Unit.DAYS: "日", Unit.MONTHS: "個月"}


@dataclass(frozen=True)
class Deadline:
    """One computed legal deadline. Times are aware UTC; show them in Asia/Taipei."""

    rule_id: str
    title_zh: str
    title_en: str
    party_id: str
    obligor_zh: str
    due_at: datetime
    extended_due_at: datetime | None
    anchor: Anchor
    anchor_at: datetime
    anchor_fallback_from: Anchor | None
    duration: int | None
    unit: Unit
    recipient_zh: str
    content_zh: str
    form_zh: str
    legal_basis_zh: str
    law_id: str
    law_version: str
    law_version_status: VersionStatus
    verified: bool
    conservative_reading: bool
    explanation_zh: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (ISO 8601 strings, UTC and Asia/Taipei)."""
        return {
            "rule_id": self.rule_id,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "party_id": self.party_id,
            "obligor_zh": self.obligor_zh,
            "due_at": self.due_at.isoformat(),
            "due_at_taipei": format_taipei(self.due_at),
            "extended_due_at": self.extended_due_at.isoformat() if self.extended_due_at else None,
            "anchor": self.anchor.value,
            "anchor_zh": self.anchor.label_zh,
            "anchor_at": self.anchor_at.isoformat(),
            "anchor_fallback_from": self.anchor_fallback_from.value if self.anchor_fallback_from else None,
            "duration": self.duration,
            "unit": self.unit.value,
            "recipient_zh": self.recipient_zh,
            "content_zh": self.content_zh,
            "form_zh": self.form_zh,
            "legal_basis_zh": self.legal_basis_zh,
            "law_id": self.law_id,
            "law_version": self.law_version,
            "law_version_status": self.law_version_status.value,
            "verified": self.verified,
            "conservative_reading": self.conservative_reading,
            "explanation_zh": self.explanation_zh,
        }


@dataclass(frozen=True)
class _Context:
    """What the rules read: anchor times, requirement flags (None = unknown), level, contract hours."""

    trigger: Trigger
    anchors: Mapping[Anchor, tuple[datetime, Anchor | None]]
    flags: Mapping[Requirement, bool | None]
    level: int | None = None
    contract_hours: int | None = None


def _incident_anchors(incident: IncidentFacts) -> dict[Anchor, tuple[datetime, Anchor | None]]:
    anchors: dict[Anchor, tuple[datetime, Anchor | None]] = {
        Anchor.DISCOVERED: (incident.discovered_at, None)
    }
    if incident.occurred_at:
        anchors[Anchor.OCCURRED] = (incident.occurred_at, None)
    aware = (incident.aware_at, None) if incident.aware_at else (incident.discovered_at, Anchor.DISCOVERED)
    anchors[Anchor.AWARE] = aware
    fallback = (aware[0], Anchor.AWARE if incident.aware_at else Anchor.DISCOVERED)
    for anchor, value in (
        (Anchor.CONFIRMED, incident.confirmed_at),
        (Anchor.RECOVERED, incident.recovered_at),
        (Anchor.HANDLING_ENDED, incident.handling_ended_at),
    ):
        anchors[anchor] = (value, None) if value else fallback
    if incident.authority_notice_at:
        anchors[Anchor.AUTHORITY_NOTICE] = (incident.authority_notice_at, None)
    return anchors


def _incident_context(incident: IncidentFacts) -> _Context:
    flags: dict[Requirement, bool | None] = {
        Requirement.PERSONAL_DATA: incident.personal_data,
        Requirement.CYBER: incident.cyber,
        Requirement.SERIOUS: incident.serious,
        Requirement.NCC_SERIOUS: incident.serious or incident.ncc_serious,
        Requirement.AUTHORITY_NOTICE: incident.authority_notice_at is not None,
        Requirement.VIOLATION: incident.caused_by_violation,
    }
    return _Context(
        Trigger.INCIDENT, _incident_anchors(incident), flags, incident.level, incident.contract_notice_hours
    )


class _Notes:
    """Explanation sentences, and whether any of them is a conservative reading."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.conservative = False

    def add(self, line: str, *, conservative: bool = False) -> None:
        self.lines.append(line)
        self.conservative = self.conservative or conservative


_REQUIREMENT_ZH = {
    Requirement.VIOLATION: "個資侵害是否因違反個資法所致",
    Requirement.AT_FAULT: "是否可歸責於蒐集者",
}


def _requirements_met(rule: DeadlineRule, ctx: _Context, notes: _Notes) -> bool:
    for requirement in sorted(rule.requires):
        value = ctx.flags.get(requirement, False)
        if value is False:
            return False
        if value is None:
            label = _REQUIREMENT_ZH.get(requirement, requirement.value)
            notes.add(f"尚未確定{label}，採保守解讀視為符合。", conservative=True)
    if rule.level_in:
        if ctx.level is None:
            if not rule.conservative_if_level_unknown:
                return False
            notes.add("資安事件等級未定，採保守解讀適用較短之時限。", conservative=True)
        elif ctx.level not in rule.level_in:
            return False
    return True


def _legal_basis(
    law: Law, version: LawVersion, rule_version: RuleVersion, rule: DeadlineRule, catalogue: Catalogue
) -> str:
    pcode = f"（{law.pcode}）" if law.pcode else ""
    article = rule_version.article or "（條次未查證）"
    parts = [f"{law.display_name(version)}{pcode}{article}"]
    for citation in rule.also_cites:
        cited = catalogue.law(citation.law)
        parts.append(f"{cited.display_name()}{citation.article}")
    return "；".join(parts)


def _due(
    rule: DeadlineRule, anchor_at: datetime, ctx: _Context, counting: Counting, notes: _Notes
) -> tuple[datetime, datetime | None]:
    """Due time and extended due time."""
    if rule.unit in (Unit.HOURS, Unit.DAYS, Unit.MONTHS):
        assert rule.duration is not None
        due = add_duration(anchor_at, rule.duration, rule.unit, counting)
        extended = None
        if rule.max_extension:
            extended = add_duration(anchor_at, rule.duration + rule.max_extension, rule.unit, counting)
        return due, extended
    if rule.unit is Unit.IMMEDIATELY:
        return anchor_at, None
    if rule.unit is Unit.CONTRACT and ctx.contract_hours is not None:
        notes.add(f"依委託契約約定 {ctx.contract_hours} 小時內通知。")
        return anchor_at + timedelta(hours=ctx.contract_hours), None
    notes.add("法令或契約未定時限，採保守解讀為立即辦理。", conservative=True)
    return anchor_at, None


def _duration_zh(rule: DeadlineRule) -> str:
    if rule.unit in _UNIT_ZH:
        return f"{rule.duration}{_UNIT_ZH[rule.unit]}"
    return {Unit.IMMEDIATELY: "立即", Unit.UNSPECIFIED: "未定時限", Unit.CONTRACT: "依契約約定"}[rule.unit]


def _obligor(rule: DeadlineRule, party: PartyFacts) -> str:
    if rule.party is PartyRole.VENDOR_TO_CLIENT:
        return f"本公司（受託者）→ {party.label_zh}"
    if party.party_id == "self":
        return "本公司"
    return f"{party.label_zh}（本公司為受託者，依個資法第4條及數位經濟辦法第19條應配合遵循）"


def _evaluate(
    rule: DeadlineRule, party: PartyFacts, ctx: _Context, counting: Counting, catalogue: Catalogue
) -> Deadline | None:
    if rule.trigger is not ctx.trigger or rule.anchor not in ctx.anchors:
        return None
    notes = _Notes()
    if not _requirements_met(rule, ctx, notes):
        return None
    anchor_at, fallback = ctx.anchors[rule.anchor]
    law = catalogue.law(rule.law)
    version = law.version_on(taipei_date(anchor_at))
    if version is None:
        return None
    rule_version = rule.version_for(version.id)
    if rule_version is None:
        return None
    applicability = decide(rule.applies_if, party, taipei_date(anchor_at), catalogue)
    if not isinstance(applicability, Applicable):
        return None
    if rule.conservative_anchor:
        notes.add(f"法令未明定起算時點，採保守解讀自{rule.anchor.label_zh}時起算。", conservative=True)
    if fallback is not None:
        notes.add(
            f"尚無{rule.anchor.label_zh}時間，採保守解讀以{fallback.label_zh}時間起算。", conservative=True
        )
    due, extended = _due(rule, anchor_at, ctx, counting, notes)
    verified = rule.verified and rule_version.verified and applicability.verified
    if not verified:
        notes.add("本規則或其適用判斷含未經查證之內容。")
    if rule.notes_zh:
        notes.add(rule.notes_zh)
    basis = _legal_basis(law, version, rule_version, rule, catalogue)
    explanation = (
        f"{applicability.reason_zh}。自{rule.anchor.label_zh}（{format_taipei(anchor_at)}）起{_duration_zh(rule)}，"
        f"期限 {format_taipei(due)}。依據：{basis}（{version.label_zh}，{version.status.label_zh}）。"
        + "".join(notes.lines)
    )
    return Deadline(
        rule_id=rule.id,
        title_zh=rule.title_zh,
        title_en=rule.title_en,
        party_id=party.party_id,
        obligor_zh=_obligor(rule, party),
        due_at=due,
        extended_due_at=extended,
        anchor=rule.anchor,
        anchor_at=anchor_at,
        anchor_fallback_from=fallback,
        duration=rule.duration,
        unit=rule.unit,
        recipient_zh=rule.recipient_zh,
        content_zh=rule.content_zh,
        form_zh=rule.form_zh,
        legal_basis_zh=basis,
        law_id=law.id,
        law_version=version.id,
        law_version_status=version.status,
        verified=verified,
        conservative_reading=notes.conservative,
        explanation_zh=explanation,
    )


def _sorted(deadlines: Iterable[Deadline]) -> list[Deadline]:
    return sorted(deadlines, key=lambda d: (d.due_at, d.party_id != "self", d.party_id, d.rule_id))


def _run(
    ctx: _Context,
    holders: Sequence[PartyFacts],
    clients: Sequence[PartyFacts],
    counting: Counting,
    catalogue: Catalogue,
) -> list[Deadline]:
    results = []
    for rule in catalogue.rules:
        targets = holders if rule.party is PartyRole.HOLDER else clients
        for party in targets:
            deadline = _evaluate(rule, party, ctx, counting, catalogue)
            if deadline is not None:
                results.append(deadline)
    return _sorted(results)


def _check_clients(company: PartyFacts, clients: Sequence[PartyFacts]) -> None:
    if company.party_id != "self":
        raise InvalidFactError(f"本公司之代號須為 self：{company.party_id!r}")
    ids = [c.party_id for c in clients]
    if "self" in ids or len(set(ids)) != len(ids):
        raise InvalidFactError("委託者代號不可重複，亦不可為 self")


def incident_deadlines(
    incident: IncidentFacts,
    company: PartyFacts,
    clients: Sequence[PartyFacts] = (),
    *,
    counting: Counting = Counting.ELAPSED,
    catalogue: Catalogue | None = None,
) -> list[Deadline]:
    """Every deadline an incident starts, for our company and for each affected client."""
    _check_clients(company, clients)
    known = {c.party_id for c in clients}
    wanted = incident.affected_client_ids
    if wanted is not None and not set(wanted) <= known:
        missing = "、".join(sorted(set(wanted) - known))
        raise InvalidFactError(f"受影響之委託者未提供其事實資料：{missing}")
    affected = [c for c in clients if wanted is None or c.party_id in wanted]
    holders = ([company] if incident.own_party_affected else []) + affected
    return _run(_incident_context(incident), holders, affected, counting, catalogue or load_catalogue())


def request_deadlines(
    request: RequestFacts,
    holder: PartyFacts | None = None,
    *,
    counting: Counting = Counting.ELAPSED,
    catalogue: Catalogue | None = None,
) -> list[Deadline]:
    """The deadline a data-subject request starts for the party that received it."""
    holder = holder or PartyFacts()
    if holder.party_id != request.party_id:
        raise InvalidFactError(f"請求之受理者 {request.party_id!r} 與提供之事實資料 {holder.party_id!r} 不符")
    ctx = _Context(
        _REQUEST_TRIGGERS[request.kind], {Anchor.REQUEST_RECEIVED: (request.received_at, None)}, {}
    )
    return _run(ctx, [holder], [], counting, catalogue or load_catalogue())


def event_deadlines(
    event: EventFacts,
    company: PartyFacts,
    clients: Sequence[PartyFacts] = (),
    *,
    counting: Counting = Counting.ELAPSED,
    catalogue: Catalogue | None = None,
) -> list[Deadline]:
    """The deadline a correction or an unlawful client instruction starts."""
    _check_clients(company, clients)
    parties = {p.party_id: p for p in (company, *clients)}
    if event.party_id not in parties:
        raise InvalidFactError(f"未提供事件對象之事實資料：{event.party_id}")
    party = parties[event.party_id]
    anchor = Anchor.CORRECTED if event.kind is EventKind.DATA_CORRECTED else Anchor.INSTRUCTION_RECEIVED
    ctx = _Context(
        _EVENT_TRIGGERS[event.kind], {anchor: (event.at, None)}, {Requirement.AT_FAULT: event.at_fault}
    )
    holders = [party]
    clients_for_vendor = [party] if party.party_id != "self" else []
    return _run(ctx, holders, clients_for_vendor, counting, catalogue or load_catalogue())
