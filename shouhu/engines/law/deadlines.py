"""Deadline engine: every legal clock an incident, a request or an event starts.

Pure Python. For each deadline rule in the catalogue the engine checks the trigger, the incident facts
the rule requires, whether the rule applies to the party (applicability engine), and which version of
the rule's law is in force at the anchor time (an incident from 2023-06 uses the rules of 2023-06).

Nothing is dropped silently:
- a fact not yet known (``serious`` None, a party's record count None, …) keeps the deadline, listed in
  ``Deadline.pending``; only an explicit False removes it;
- what the engine cannot compute (no rule version for the date, contradictory facts, a last day outside
  the office calendar) comes back as an ``EngineWarning`` in the ``DeadlineReport``.
Questions the law does not answer are answered with the conservative reading (the earliest due time)
and flagged ``conservative_reading``. Day and month periods are counted as 民法第119條至第122條 count
them (``periods.py``); hour periods are elapsed time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from . import explain
from .applicability import Applicable, check_party, decide
from .catalogue import Catalogue, load_catalogue
from .english import article_en
from .enums import Anchor, PartyRole, Requirement, Trigger, Unit, VersionStatus
from .errors import InvalidFactError
from .facts import PartyFacts
from .inputs import EventFacts, EventKind, IncidentFacts, RequestFacts, RequestKind
from .model import DeadlineRule, Law, LawVersion, RuleVersion
from .pending import (
    ANCHOR_ESTIMATED,
    CALENDAR_NOT_COVERED,
    FACT_CONFLICT,
    PARTY_INDUSTRY_UNKNOWN,
    RULE_NOT_COVERED,
    RULE_VERSION_MISSING,
    UNKNOWN_APPLICABILITY,
    EngineWarning,
    PendingFact,
    incident_fact,
    labels_zh,
)
from .periods import OFFICE_CALENDAR, WorkCalendar, period_end, weekday_zh
from .timeutil import format_taipei, taipei_date

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
# Anchors in the order they happen; a stand-in from a later anchor may make a deadline too late.
_ORDER = {
    Anchor.OCCURRED: 0,
    Anchor.DISCOVERED: 1,
    Anchor.AWARE: 2,
    Anchor.CONFIRMED: 3,
    Anchor.RECOVERED: 3,
    Anchor.HANDLING_ENDED: 3,
}
# Incident flags that are pending facts when None, with the fact each one waits on.
_PENDING_FLAGS = {
    Requirement.SERIOUS: "serious",
    Requirement.NCC_SERIOUS: "ncc_serious",
    Requirement.VIOLATION: "caused_by_violation",
    Requirement.AT_FAULT: "at_fault",
}


_roc_day = explain.roc_day


@dataclass(frozen=True)
class Deadline:
    """One computed legal deadline. Times are aware UTC; show them in Asia/Taipei.

    ``pending``: facts not yet known on which the deadline depends; empty when every trigger and
    threshold fact is known. A pending deadline is shown, counted down and reminded like any other.
    ``last_day``: for day and month periods, the last day (after moving off a rest day, 民法第122條);
    ``due_at`` is then the end of that day. ``rolled_from``: the last day before it was moved.
    """

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
    pending: tuple[PendingFact, ...] = ()
    last_day: date | None = None
    rolled_from: date | None = None
    # English for pages (official documents read the *_zh fields).
    legal_basis_en: str = ""
    content_en: str = ""
    form_en: str = ""
    explanation_en: str = ""

    @property
    def pending_zh(self) -> str:
        """「待判斷：是否危及正常營運或大量當事人權益」, or "" when nothing is pending."""
        return f"待判斷：{labels_zh(self.pending)}" if self.pending else ""

    @property
    def due_at_taipei_en(self) -> str:
        """The due time in English words: "2026-11-30 (Monday) 24:00 (Taipei time)" for a day period."""
        if self.last_day is not None:
            return f"{explain.day_en(self.last_day)} 24:00 (Taipei time)"
        return explain.time_en(self.due_at)

    @property
    def due_at_taipei(self) -> str:
        """The due time in words: a day period ends at 24:00 of its last day."""
        if self.last_day is not None:
            return f"{_roc_day(self.last_day)}（{weekday_zh(self.last_day)}）24:00（臺北時間）"
        return format_taipei(self.due_at)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (ISO 8601 strings, UTC and Asia/Taipei)."""
        return {
            "rule_id": self.rule_id,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "party_id": self.party_id,
            "obligor_zh": self.obligor_zh,
            "due_at": self.due_at.isoformat(),
            "due_at_taipei": self.due_at_taipei,
            "due_at_taipei_en": self.due_at_taipei_en,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "rolled_from": self.rolled_from.isoformat() if self.rolled_from else None,
            "extended_due_at": self.extended_due_at.isoformat() if self.extended_due_at else None,
            "anchor": self.anchor.value,
            "anchor_zh": self.anchor.label_zh,
            "anchor_en": self.anchor.label_en,
            "anchor_at": self.anchor_at.isoformat(),
            "anchor_fallback_from": self.anchor_fallback_from.value if self.anchor_fallback_from else None,
            "duration": self.duration,
            "unit": self.unit.value,
            "recipient_zh": self.recipient_zh,
            "content_zh": self.content_zh,
            "content_en": self.content_en,
            "form_zh": self.form_zh,
            "form_en": self.form_en,
            "legal_basis_zh": self.legal_basis_zh,
            "legal_basis_en": self.legal_basis_en,
            "law_id": self.law_id,
            "law_version": self.law_version,
            "law_version_status": self.law_version_status.value,
            "verified": self.verified,
            "conservative_reading": self.conservative_reading,
            "pending": [p.to_dict() for p in self.pending],
            "pending_zh": self.pending_zh,
            "explanation_zh": self.explanation_zh,
            "explanation_en": self.explanation_en,
        }


@dataclass(frozen=True)
class DeadlineReport:
    """The deadlines an incident, request or event starts, and what the engine could not compute."""

    deadlines: list[Deadline]
    warnings: list[EngineWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "deadlines": [d.to_dict() for d in self.deadlines],
            "warnings": [w.to_dict() for w in self.warnings],
        }


@dataclass(frozen=True)
class _Context:
    """What the rules read: anchor times, requirement flags (None = unknown), level, and the contract
    notice hours (per client, else the incident's; None = unknown)."""

    trigger: Trigger
    anchors: Mapping[Anchor, tuple[datetime, Anchor | None]]
    flags: Mapping[Requirement, bool | None]
    level: int | None = None
    contract_hours: int | None = None
    client_hours: Mapping[str, int | None] = field(default_factory=dict)

    def hours_for(self, party_id: str) -> int | None:
        """The notice period agreed with ``party_id``: its own contract's, else the incident's."""
        if party_id in self.client_hours:
            return self.client_hours[party_id]
        return self.contract_hours


class _Warnings:
    """Collects warnings once each (by code, rule and party), in the order found."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str | None, str | None], EngineWarning] = {}

    def add(self, warning: EngineWarning) -> None:
        self.items.setdefault((warning.code, warning.rule_id, warning.party_id), warning)

    def as_list(self) -> list[EngineWarning]:
        return list(self.items.values())


def _incident_anchors(incident: IncidentFacts) -> dict[Anchor, tuple[datetime, Anchor | None]]:
    anchors: dict[Anchor, tuple[datetime, Anchor | None]] = {}
    if incident.discovered_at:
        anchors[Anchor.DISCOVERED] = (incident.discovered_at, None)
    elif incident.aware_at:
        anchors[Anchor.DISCOVERED] = (incident.aware_at, Anchor.AWARE)
    if incident.occurred_at:
        anchors[Anchor.OCCURRED] = (incident.occurred_at, None)
    else:  # a clock from 發生 starts at the earliest known time, with an anchor_estimated warning
        earliest, stand_in = anchors[Anchor.DISCOVERED]
        anchors[Anchor.OCCURRED] = (earliest, stand_in or Anchor.DISCOVERED)
    if incident.aware_at:
        aware: tuple[datetime, Anchor | None] = (incident.aware_at, None)
    else:
        assert incident.discovered_at is not None  # IncidentFacts requires one of the two
        aware = (incident.discovered_at, Anchor.DISCOVERED)
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


def _ncc_flag(incident: IncidentFacts, warnings: _Warnings) -> bool | None:
    """NCC's test is wider than ``serious``: a serious incident is always NCC-serious."""
    if incident.serious is True and incident.ncc_serious is False:
        warnings.add(
            EngineWarning(
                FACT_CONFLICT,
                "事實矛盾：已認定「危及正常營運或大量當事人權益」，卻又認定非NCC所定重大事故；"
                "NCC之重大事故範圍較廣，採保守解讀視為重大事故。",
                "Contradictory facts: the incident endangers normal operation or many data subjects, "
                "yet it is marked not serious under the NCC rule, whose test is wider; it is treated as serious.",
            )
        )
        return True
    if incident.serious is True or incident.ncc_serious is True:
        return True
    if incident.ncc_serious is False:
        return False
    return None


def _incident_context(incident: IncidentFacts, warnings: _Warnings) -> _Context:
    flags: dict[Requirement, bool | None] = {
        Requirement.PERSONAL_DATA: incident.personal_data,
        Requirement.CYBER: incident.cyber,
        Requirement.SERIOUS: incident.serious,
        Requirement.NCC_SERIOUS: _ncc_flag(incident, warnings),
        Requirement.AUTHORITY_NOTICE: incident.authority_notice_at is not None,
        Requirement.VIOLATION: incident.caused_by_violation,
    }
    return _Context(
        Trigger.INCIDENT,
        _incident_anchors(incident),
        flags,
        incident.level,
        incident.contract_notice_hours,
        incident.client_notice_hours,
    )


class _Notes:
    """Explanation sentences (both languages), whether any is a conservative reading, and the facts still
    pending."""

    def __init__(self) -> None:
        self.lines: list[explain.Line] = []
        self.conservative = False
        self.pending: list[PendingFact] = []

    def add(self, line: explain.Line, *, conservative: bool = False) -> None:
        self.lines.append(line)
        self.conservative = self.conservative or conservative

    def wait_for(self, fact: PendingFact) -> None:
        if fact not in self.pending:
            self.pending.append(fact)
        self.conservative = True


def _requirements_met(rule: DeadlineRule, ctx: _Context, notes: _Notes) -> bool:
    """False only when a required fact is explicitly false; unknown facts become pending."""
    for requirement in sorted(rule.requires):
        value = ctx.flags.get(requirement, False)
        if value is False:
            return False
        if value is None:
            name = _PENDING_FLAGS.get(requirement)
            if name is None:  # not a three-valued fact: treat like False
                return False
            notes.wait_for(incident_fact(name))
    if rule.level_in:
        if ctx.level is None:
            notes.wait_for(incident_fact("level"))
        elif ctx.level not in rule.level_in:
            return False
    return True


@dataclass(frozen=True)
class CitedArticle:
    """One article a deadline rests on, in both languages (the law's short English name, "Art. 12(2)")."""

    law_id: str
    name_zh: str
    name_en: str
    article_zh: str | None  # None: the article is not verified
    pcode: str | None
    source_url: str | None

    @property
    def text_zh(self) -> str:
        return f"{self.name_zh}{self.article_zh or '（條次未查證）'}"

    @property
    def text_en(self) -> str:
        if self.article_zh is None:
            return f"{self.name_en} (article not verified)"
        return f"{self.name_en} {article_en(self.article_zh) or self.article_zh}"


def _cited(law: Law, version: LawVersion | None, article: str | None) -> CitedArticle:
    return CitedArticle(
        law_id=law.id,
        name_zh=law.display_name(version),
        name_en=law.short_name_en or law.display_name_en(version) or law.display_name(version),
        article_zh=article,
        pcode=law.pcode,
        source_url=law.source_url,
    )


def cited_articles(
    rule: DeadlineRule, law_version: str, catalogue: Catalogue | None = None
) -> tuple[CitedArticle, ...]:
    """The articles behind ``rule`` as encoded for ``law_version`` (the rule's own law first, then the
    ones it also cites); empty when the catalogue has no such version of the rule."""
    catalogue = catalogue or load_catalogue()
    rule_version = rule.version_for(law_version)
    law = catalogue.law(rule.law)
    try:
        version = law.version(law_version)
    except KeyError:
        return ()
    if rule_version is None:
        return ()
    also = (_cited(catalogue.law(c.law), None, c.article) for c in rule.also_cites)
    return (_cited(law, version, rule_version.article), *also)


def _legal_basis(
    law: Law, version: LawVersion, rule_version: RuleVersion, rule: DeadlineRule, catalogue: Catalogue
) -> str:
    """The articles by law name and number (「個人資料保護法第12條」); the database code (pcode) stays in the
    catalogue as the link target, never in the sentence."""
    article = rule_version.article or "（條次未查證）"
    parts = [f"{law.display_name(version)}{article}"]
    for citation in rule.also_cites:
        cited = catalogue.law(citation.law)
        parts.append(f"{cited.display_name()}{citation.article}")
    return "；".join(parts)


def legal_basis_en(rule: DeadlineRule, law_version: str, catalogue: Catalogue | None = None) -> str:
    """The legal basis in English ("PDPA Art. 12; PDPA Enforcement Rules Art. 22"), "" when unknown."""
    return "; ".join(c.text_en for c in cited_articles(rule, law_version, catalogue))


@dataclass(frozen=True)
class _Due:
    due_at: datetime
    extended_due_at: datetime | None = None
    last_day: date | None = None
    rolled_from: date | None = None


def _outside_calendar(day: date, rule: DeadlineRule, party: PartyFacts, work: WorkCalendar) -> EngineWarning:
    first, last = work.covered_range()
    return EngineWarning(
        CALENDAR_NOT_COVERED,
        f"「{rule.title_zh}」之期間末日 {day.isoformat()} 超出政府行政機關辦公日曆表資料範圍"
        f"（{first.isoformat()}～{last.isoformat()}），未依民法第122條順延；請自行確認該日是否為休息日。",
        f"{rule.title_en}: the last day {day.isoformat()} is outside the government office calendar data "
        f"({first.isoformat()} to {last.isoformat()}); it was not moved off a rest day — check it yourself.",
        rule.id,
        party.party_id,
    )


def _due(
    rule: DeadlineRule,
    party: PartyFacts,
    anchor_at: datetime,
    ctx: _Context,
    notes: _Notes,
    work: WorkCalendar,
    warnings: _Warnings,
) -> _Due:
    if rule.unit is Unit.HOURS:
        assert rule.duration is not None
        return _Due(anchor_at + timedelta(hours=rule.duration))
    if rule.unit in (Unit.DAYS, Unit.MONTHS):
        assert rule.duration is not None
        end = period_end(anchor_at, rule.duration, rule.unit, work)
        extended = None
        if rule.max_extension:
            longer = period_end(anchor_at, rule.duration + rule.max_extension, rule.unit, work)
            extended = longer.due_at
            if longer.outside_calendar:
                warnings.add(_outside_calendar(longer.outside_calendar, rule, party, work))
        notes.add(explain.civil_code_start())
        if end.rolled_from is not None and end.last_day is not None:
            notes.add(explain.rolled(end.rolled_from, end.last_day))
        if end.outside_calendar:
            warnings.add(_outside_calendar(end.outside_calendar, rule, party, work))
            notes.add(explain.outside_calendar(), conservative=True)
        return _Due(end.due_at, extended, end.last_day, end.rolled_from)
    if rule.unit is Unit.IMMEDIATELY:
        return _Due(anchor_at)
    if rule.unit is Unit.CONTRACT:
        return _contract_due(party, anchor_at, ctx, notes)
    notes.add(explain.unspecified(), conservative=True)
    return _Due(anchor_at)


def _contract_due(party: PartyFacts, anchor_at: datetime, ctx: _Context, notes: _Notes) -> _Due:
    """A period agreed in the contract with ``party`` (its own, never another client's); an unknown one
    is that party's pending fact, counted as immediate."""
    hours = ctx.hours_for(party.party_id)
    own = party.party_id == "self"
    whose_zh = "" if own else f"與{party.label_zh}之"
    whose_en = "" if own else party.name_en
    if hours is not None:
        notes.add(explain.contract_hours(whose_zh, whose_en, hours))
        return _Due(anchor_at + timedelta(hours=hours))
    fact = incident_fact("contract_notice_hours")
    notes.wait_for(fact if own else replace(fact, party_id=party.party_id))
    notes.add(explain.contract_unknown(whose_zh, whose_en), conservative=True)
    return _Due(anchor_at)


def _obligor(rule: DeadlineRule, party: PartyFacts) -> str:
    if rule.party is PartyRole.VENDOR_TO_CLIENT:
        return f"本公司（受託者）→ {party.label_zh}"
    if party.party_id == "self":
        return "本公司"
    return f"{party.label_zh}（本公司為受託者，依個資法第4條及數位經濟辦法第19條應配合遵循）"


def _applicability(
    rule: DeadlineRule, party: PartyFacts, day: date, catalogue: Catalogue, warnings: _Warnings
) -> tuple[Law, LawVersion, RuleVersion, Applicable] | None:
    """The law version, rule version and applicability for ``day``; warns where the data has a hole."""
    law = catalogue.law(rule.law)
    try:
        applies = check_party(rule.applies_if, party, day).applies
    except KeyError:
        warnings.add(
            EngineWarning(
                UNKNOWN_APPLICABILITY,
                f"「{rule.title_zh}」引用不存在之適用判斷規則 {rule.applies_if}，無法判斷；請通報系統管理者。",
                f"{rule.title_en}: the catalogue names an unknown applicability rule; it cannot be evaluated.",
                rule.id,
                party.party_id,
            )
        )
        return None
    version = law.version_on(day)
    if version is None:
        if applies and law.coverage_on(day).is_data_gap:
            warnings.add(
                EngineWarning(
                    RULE_NOT_COVERED,
                    f"「{rule.title_zh}」（{party.label_zh}）：本規則於 {day.isoformat()} 未涵蓋，"
                    f"尚未收錄{law.display_name()}當時之版本，無法計算此期限；請自行確認當時適用之條文與時限。",
                    f"{rule.title_en}: no collected version of this law covers {day.isoformat()} (earlier "
                    "versions not yet collected); the deadline cannot be computed — check the rule then in force.",
                    rule.id,
                    party.party_id,
                )
            )
        return None
    rule_version = rule.version_for(version.id)
    if rule_version is None:
        encodes_law = any(law.version(v.law_version).status.has_effect for v in rule.versions)
        if applies and encodes_law:
            warnings.add(
                EngineWarning(
                    RULE_VERSION_MISSING,
                    f"「{rule.title_zh}」（{party.label_zh}）：{law.display_name()}於 {day.isoformat()} "
                    f"施行之版本（{version.label_zh}）尚未編入本規則，無法計算此期限；請自行確認該版本條文。",
                    f"{rule.title_en}: the version of the law in force on {day.isoformat()} is not encoded for "
                    "this rule; the deadline cannot be computed — check that version's text.",
                    rule.id,
                    party.party_id,
                )
            )
        return None
    if rule_version.no_obligation:
        return None  # this text sets no such clock (the data says why)
    applicability = decide(rule.applies_if, party, day, catalogue)
    if not isinstance(applicability, Applicable):
        return None
    return law, version, rule_version, applicability


def _evaluate(
    rule: DeadlineRule,
    party: PartyFacts,
    ctx: _Context,
    catalogue: Catalogue,
    work: WorkCalendar,
    warnings: _Warnings,
) -> Deadline | None:
    if rule.trigger is not ctx.trigger or rule.anchor not in ctx.anchors:
        return None
    notes = _Notes()
    if not _requirements_met(rule, ctx, notes):
        return None
    anchor_at, fallback = ctx.anchors[rule.anchor]
    found = _applicability(rule, party, taipei_date(anchor_at), catalogue, warnings)
    if found is None:
        return None
    law, version, rule_version, applicability = found
    for fact in applicability.pending:
        notes.wait_for(fact)
    if rule.conservative_anchor:
        notes.add(explain.conservative_anchor(rule.anchor), conservative=True)
    if fallback is not None and _ORDER.get(fallback, 0) > _ORDER.get(rule.anchor, 3):
        notes.add(explain.stand_in_later(rule.anchor, fallback))
        warnings.add(
            EngineWarning(
                ANCHOR_ESTIMATED,
                f"尚無{rule.anchor.label_zh}時間：自{rule.anchor.label_zh}起算之期限暫以{fallback.label_zh}時間起算；"
                f"請儘速補填{rule.anchor.label_zh}時間，實際較早者期限應提前。",
                f"No time of {rule.anchor.value} given: deadlines counted from it start at the {fallback.value} "
                "time for now; add the real time, which may make them earlier.",
            )
        )
    elif fallback is not None:
        notes.add(explain.stand_in_earlier(rule.anchor, fallback), conservative=True)
    due = _due(rule, party, anchor_at, ctx, notes, work, warnings)
    verified = rule.verified and rule_version.verified and applicability.verified
    if not verified:
        notes.add(explain.unverified())
    if rule.notes_zh:
        notes.add(explain.rule_notes(rule))
    pending = tuple(notes.pending)
    if pending:
        notes.add(explain.pending(pending))
    basis = _legal_basis(law, version, rule_version, rule, catalogue)
    basis_en = legal_basis_en(rule, version.id, catalogue)
    headline = explain.headline(
        reason=explain.Line(applicability.reason_zh, applicability.reason_en),
        rule=rule,
        anchor_at=anchor_at,
        last_day=due.last_day,
        due_at=due.due_at,
        basis=explain.Line(basis, basis_en),
        version=version,
    )
    explanation, explanation_en = explain.join([headline, *notes.lines])
    return Deadline(
        rule_id=rule.id,
        title_zh=rule.title_zh,
        title_en=rule.title_en,
        party_id=party.party_id,
        obligor_zh=_obligor(rule, party),
        due_at=due.due_at,
        extended_due_at=due.extended_due_at,
        anchor=rule.anchor,
        anchor_at=anchor_at,
        anchor_fallback_from=fallback,
        duration=rule.duration,
        unit=rule.unit,
        recipient_zh=applicability.recipient_zh or rule.recipient_zh,
        content_zh=rule.content_zh,
        form_zh=rule.form_zh,
        legal_basis_zh=basis,
        law_id=law.id,
        law_version=version.id,
        law_version_status=version.status,
        verified=verified,
        conservative_reading=notes.conservative,
        explanation_zh=explanation,
        explanation_en=explanation_en,
        pending=pending,
        last_day=due.last_day,
        rolled_from=due.rolled_from,
        legal_basis_en=basis_en,
        content_en=rule.content_en,
        form_en=rule.form_en,
    )


def _sorted(deadlines: Iterable[Deadline]) -> list[Deadline]:
    return sorted(deadlines, key=lambda d: (d.due_at, d.party_id != "self", d.party_id, d.rule_id))


def _industry_warnings(parties: Iterable[PartyFacts], warnings: _Warnings) -> None:
    for party in parties:
        if party.industry_codes or party.business_item_codes or party.sectors or party.ncc_categories:
            continue
        if party.special_reasons or party.is_government_agency:
            continue
        warnings.add(
            EngineWarning(
                PARTY_INDUSTRY_UNKNOWN,
                f"{party.label_zh}未填行業代碼或行業別，無法判斷醫院、觀光、金融、補習班等業別辦法之期限；"
                "目前僅依個資法等一般規定計算，請補填後重新計算。",
                f"{'Our company' if party.party_id == 'self' else 'Client ' + (party.name or party.party_id)} "
                "has no industry code or sector: sector rules (hospitals, tourism, finance, …) cannot be judged; "
                "only the general rules were applied.",
                None,
                party.party_id,
            )
        )


def _run(
    ctx: _Context,
    holders: Sequence[PartyFacts],
    clients: Sequence[PartyFacts],
    catalogue: Catalogue,
    work: WorkCalendar,
    warnings: _Warnings,
) -> DeadlineReport:
    results = []
    for rule in catalogue.rules:
        targets = holders if rule.party is PartyRole.HOLDER else clients
        for party in targets:
            deadline = _evaluate(rule, party, ctx, catalogue, work, warnings)
            if deadline is not None:
                results.append(deadline)
    return DeadlineReport(_sorted(results), warnings.as_list())


def _check_clients(company: PartyFacts, clients: Sequence[PartyFacts]) -> None:
    if company.party_id != "self":
        raise InvalidFactError(f"本公司之代號須為 self：{company.party_id!r}")
    ids = [c.party_id for c in clients]
    if "self" in ids or len(set(ids)) != len(ids):
        raise InvalidFactError("委託者代號不可重複，亦不可為 self")


def incident_report(
    incident: IncidentFacts,
    company: PartyFacts,
    clients: Sequence[PartyFacts] = (),
    *,
    catalogue: Catalogue | None = None,
    work_calendar: WorkCalendar = OFFICE_CALENDAR,
) -> DeadlineReport:
    """Every deadline an incident starts, for our company and each affected client, with warnings."""
    _check_clients(company, clients)
    known = {c.party_id for c in clients}
    wanted = incident.affected_client_ids
    if wanted is not None and not set(wanted) <= known:
        missing = "、".join(sorted(set(wanted) - known))
        raise InvalidFactError(f"受影響之委託者未提供其事實資料：{missing}")
    if not set(incident.client_notice_hours) <= known:
        missing = "、".join(sorted(set(incident.client_notice_hours) - known))
        raise InvalidFactError(f"契約約定通知時數所列之委託者未提供其事實資料：{missing}")
    affected = [c for c in clients if wanted is None or c.party_id in wanted]
    holders = ([company] if incident.own_party_affected else []) + affected
    warnings = _Warnings()
    _industry_warnings(holders, warnings)
    ctx = _incident_context(incident, warnings)
    return _run(ctx, holders, affected, catalogue or load_catalogue(), work_calendar, warnings)


def request_report(
    request: RequestFacts,
    holder: PartyFacts | None = None,
    *,
    catalogue: Catalogue | None = None,
    work_calendar: WorkCalendar = OFFICE_CALENDAR,
) -> DeadlineReport:
    """The deadline a data-subject request starts for the party that received it, with warnings."""
    holder = holder or PartyFacts()
    if holder.party_id != request.party_id:
        raise InvalidFactError(f"請求之受理者 {request.party_id!r} 與提供之事實資料 {holder.party_id!r} 不符")
    ctx = _Context(
        _REQUEST_TRIGGERS[request.kind], {Anchor.REQUEST_RECEIVED: (request.received_at, None)}, {}
    )
    return _run(ctx, [holder], [], catalogue or load_catalogue(), work_calendar, _Warnings())


def event_report(
    event: EventFacts,
    company: PartyFacts,
    clients: Sequence[PartyFacts] = (),
    *,
    catalogue: Catalogue | None = None,
    work_calendar: WorkCalendar = OFFICE_CALENDAR,
) -> DeadlineReport:
    """The deadline a correction or an unlawful client instruction starts, with warnings."""
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
    return _run(ctx, holders, clients_for_vendor, catalogue or load_catalogue(), work_calendar, _Warnings())


# --- compatibility: the deadlines only (callers moving to the *_report functions) ----------------------


def incident_deadlines(
    incident: IncidentFacts,
    company: PartyFacts,
    clients: Sequence[PartyFacts] = (),
    *,
    catalogue: Catalogue | None = None,
) -> list[Deadline]:
    """Every deadline an incident starts (``incident_report`` without its warnings)."""
    return incident_report(incident, company, clients, catalogue=catalogue).deadlines


def request_deadlines(
    request: RequestFacts, holder: PartyFacts | None = None, *, catalogue: Catalogue | None = None
) -> list[Deadline]:
    """The deadline a data-subject request starts (``request_report`` without its warnings)."""
    return request_report(request, holder, catalogue=catalogue).deadlines


def event_deadlines(
    event: EventFacts,
    company: PartyFacts,
    clients: Sequence[PartyFacts] = (),
    *,
    catalogue: Catalogue | None = None,
) -> list[Deadline]:
    """The deadline a correction or unlawful instruction starts (``event_report`` without warnings)."""
    return event_report(event, company, clients, catalogue=catalogue).deadlines
