"""Deadline preview from JSON, for ``shouhu deadlines preview --json FILE`` and the API.

Input: one JSON object, or a list of up to 50 such objects (several cases in one run); unknown keys are
refused::

    {
      "company": { <party> },             # our company; "id" is "self" if given
      "clients": [ { <party>, "id": "c1" } ],
      "incident": { <incident> }          # exactly one of "incident", "request", "event"
    }

(The old ``"counting"`` key is still accepted but ignored, with a warning: day and month periods are
always counted as 民法第119條至第122條 count them.)

<party> keys (all optional except a client's "id"): ``id``, ``name``, ``industry_codes`` (list of
行業統計分類 codes, e.g. ["6201"]), ``business_item_codes`` (e.g. ["J201031"]), ``company_type``
(company_limited_by_shares, limited_company, unlimited_company, unlimited_limited_company,
foreign_company_branch, business, foundation, association, government, other),
``paid_in_capital``, ``registered_capital`` (NT$ integers), ``is_government_agency``,
``special_reasons`` (ci_provider, state_owned, government_funded_foundation, government_controlled),
``sectors`` (moea_annex1, internet_retail, moea_designated_retailer, specially_licensed,
third_party_payment, tourist_hotel, hotel, bnb, travel_agency, tourist_amusement, cram_school,
after_school_care, fsc_regulated, hospital, agricultural_finance), ``consumer_records``, ``hospital_beds``
(beds of a hospital, nursing home or care institution),
``ncc_categories`` (telecom, isp, cable_tv, tv, dbs, satellite_channel, dispute_body,
other_announced), ``ncc_subscribers``, ``collects_customer_data`` (true/false/null), ``hosting`` (true: 代管, false:
build/maintain only), ``government_contracts``, ``threshold_reached_on`` (date),
``resuming_after_suspension``.

Threshold facts left out or null (records, beds, capital, subscribers, company type,
collects_customer_data) are "not yet known": rules depending on them may apply and their deadlines come
back with ``pending`` facts.

<incident> keys: ``discovered_at`` and/or ``aware_at`` (at least one), ``occurred_at``, ``confirmed_at``,
``recovered_at``, ``handling_ended_at``, ``authority_notice_at`` (date-times), ``personal_data``
(default true), ``cyber`` (default false), ``level`` (1–4, or null = not yet known), ``serious``
(危及正常營運或大量當事人權益), ``ncc_serious``, ``caused_by_violation`` (each true / false / null; left
out or null = not yet known), ``own_party_affected`` (default true), ``affected_client_ids`` (list;
default all clients), ``contract_notice_hours`` (the period for every client without its own),
``client_notice_hours`` (object: client id → the hours its contract agreed, or null = not known).

"request": {"kind": query_or_read | copy | supplement_or_correct | stop_collect_process_use | delete
| marketing_refusal, "received_at": <date-time>, "party_id": "self" or a client id}.

"event": {"kind": data_corrected | unlawful_instruction, "at": <date-time>, "party_id": …,
"at_fault": true/false/null}.

Date-times are ISO 8601 (``2026-11-26T14:30+08:00``; no offset means Asia/Taipei) or ROC
(``115/11/26 14:30``). Dates are ``2026-11-26`` or ``115/11/26``.

Output: for one object, ``{"deadlines": [...], "warnings": [...]}`` (see ``DeadlineReport.to_dict``;
deadlines earliest first, each with its ``pending`` facts); for a list, a list of those objects in the
same order, each with its ``index`` (0-based). An error in any item names it (「第 2 筆」) and nothing is
computed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from .deadlines import DeadlineReport, event_report, incident_report, request_report
from .errors import LawEngineError, PreviewInputError
from .facts import CompanyType, NccCategory, PartyFacts, Sector, SpecialReason
from .inputs import EventFacts, EventKind, IncidentFacts, RequestFacts, RequestKind
from .pending import COUNTING_IGNORED, EngineWarning
from .timeutil import parse_date, parse_datetime

E = TypeVar("E", bound=Enum)

_PARTY_KEYS = {
    "id", "name", "industry_codes", "business_item_codes", "company_type", "paid_in_capital",
    "registered_capital", "is_government_agency", "special_reasons", "sectors", "consumer_records",
    "hospital_beds", "ncc_categories", "ncc_subscribers", "collects_customer_data", "hosting",
    "government_contracts", "threshold_reached_on", "resuming_after_suspension",
}  # fmt: skip
_INCIDENT_TIMES = (
    "discovered_at", "aware_at", "occurred_at", "confirmed_at", "recovered_at", "handling_ended_at",
    "authority_notice_at",
)  # fmt: skip
_INCIDENT_FLAGS = ("personal_data", "cyber", "own_party_affected")
_INCIDENT_UNKNOWNS = ("serious", "ncc_serious", "caused_by_violation")
MAX_CASES = 50


class _Reader:
    """Typed access to one JSON object with zh-TW errors and unknown-key detection."""

    def __init__(self, obj: object, where: str, allowed: set[str]) -> None:
        if not isinstance(obj, Mapping):
            raise PreviewInputError(f"{where}須為 JSON 物件")
        unknown = set(obj) - allowed
        if unknown:
            raise PreviewInputError(f"{where}含未知欄位：{', '.join(sorted(map(str, unknown)))}")
        self.obj = obj
        self.where = where

    def _typed(self, key: str, check: Callable[[Any], bool], kind_zh: str) -> Any:
        value = self.obj.get(key)
        if value is not None and not check(value):
            raise PreviewInputError(f"{self.where}欄位 {key} 應為{kind_zh}")
        return value

    def string(self, key: str) -> str | None:
        value: str | None = self._typed(key, lambda v: isinstance(v, str), "字串")
        return value

    def boolean(self, key: str) -> bool | None:
        value: bool | None = self._typed(key, lambda v: isinstance(v, bool), "true 或 false")
        return value

    def integer(self, key: str) -> int | None:
        value: int | None = self._typed(key, lambda v: isinstance(v, int) and not isinstance(v, bool), "整數")
        return value

    def hours_by_client(self, key: str) -> dict[str, int | None]:
        value = self._typed(
            key,
            lambda v: (
                isinstance(v, Mapping)
                and all(x is None or (isinstance(x, int) and not isinstance(x, bool)) for x in v.values())
            ),
            "物件（委託者代號 → 整數時數或 null）",
        )
        return dict(value or {})

    def strings(self, key: str) -> tuple[str, ...]:
        value = self._typed(
            key, lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), "字串清單"
        )
        return tuple(value or ())

    def enum(self, key: str, enum_type: type[E]) -> E | None:
        value = self.string(key)
        return None if value is None else _enum_value(enum_type, value, f"{self.where}欄位 {key}")

    def enums(self, key: str, enum_type: type[E]) -> frozenset[E]:
        return frozenset(_enum_value(enum_type, v, f"{self.where}欄位 {key}") for v in self.strings(key))

    def when(self, key: str) -> datetime | None:
        value = self.string(key)
        return None if value is None else parse_datetime(value)

    def day(self, key: str) -> date | None:
        value = self.string(key)
        return None if value is None else parse_date(value)


def _enum_value(enum_type: type[E], value: str, where: str) -> E:
    try:
        return enum_type(value)
    except ValueError:
        allowed = "、".join(str(member.value) for member in enum_type)
        raise PreviewInputError(f"{where}之值 {value!r} 無效（可用：{allowed}）") from None


def party_from_json(obj: object, *, default_id: str | None = None) -> PartyFacts:
    """Build ``PartyFacts`` from a JSON object (see the module docstring)."""
    r = _Reader(obj, "當事方資料", _PARTY_KEYS)
    party_id = r.string("id") or default_id
    if not party_id:
        raise PreviewInputError("委託者資料缺少 id")
    return PartyFacts(
        party_id=party_id,
        name=r.string("name") or "",
        industry_codes=r.strings("industry_codes"),
        business_item_codes=r.strings("business_item_codes"),
        company_type=r.enum("company_type", CompanyType),
        paid_in_capital=r.integer("paid_in_capital"),
        registered_capital=r.integer("registered_capital"),
        is_government_agency=bool(r.boolean("is_government_agency")),
        special_reasons=r.enums("special_reasons", SpecialReason),
        sectors=r.enums("sectors", Sector),
        consumer_records=r.integer("consumer_records"),
        hospital_beds=r.integer("hospital_beds"),
        ncc_categories=r.enums("ncc_categories", NccCategory),
        ncc_subscribers=r.integer("ncc_subscribers"),
        collects_customer_data=r.boolean("collects_customer_data"),
        hosting=r.boolean("hosting"),
        government_contracts=bool(r.boolean("government_contracts")),
        threshold_reached_on=r.day("threshold_reached_on"),
        resuming_after_suspension=bool(r.boolean("resuming_after_suspension")),
    )


def _incident(obj: object) -> IncidentFacts:
    allowed = {*_INCIDENT_TIMES, *_INCIDENT_FLAGS, *_INCIDENT_UNKNOWNS, "level", "affected_client_ids",
               "contract_notice_hours", "client_notice_hours"}  # fmt: skip
    r = _Reader(obj, "事件資料", allowed)
    discovered, aware = r.when("discovered_at"), r.when("aware_at")
    if discovered is None and aware is None:
        raise PreviewInputError("事件資料須有 discovered_at（發現時間）或 aware_at（知悉時間）")

    def flag(key: str, default: bool) -> bool:
        value = r.boolean(key)
        return default if value is None else value

    affected = r.strings("affected_client_ids") if "affected_client_ids" in r.obj else None
    return IncidentFacts(
        discovered_at=discovered,
        aware_at=aware,
        occurred_at=r.when("occurred_at"),
        confirmed_at=r.when("confirmed_at"),
        recovered_at=r.when("recovered_at"),
        handling_ended_at=r.when("handling_ended_at"),
        authority_notice_at=r.when("authority_notice_at"),
        personal_data=flag("personal_data", True),
        cyber=flag("cyber", False),
        level=r.integer("level"),
        serious=r.boolean("serious"),
        ncc_serious=r.boolean("ncc_serious"),
        caused_by_violation=r.boolean("caused_by_violation"),
        own_party_affected=flag("own_party_affected", True),
        affected_client_ids=affected,
        contract_notice_hours=r.integer("contract_notice_hours"),
        client_notice_hours=r.hours_by_client("client_notice_hours"),
    )


def _case(obj: object) -> DeadlineReport:
    r = _Reader(obj, "輸入", {"counting", "company", "clients", "incident", "request", "event"})
    assert isinstance(obj, Mapping)
    notes: list[EngineWarning] = []
    if "counting" in obj:
        notes.append(
            EngineWarning(
                COUNTING_IGNORED,
                "輸入之 counting 選項已不再使用：日、月期間一律依民法第119條至第122條計算（始日不算入、"
                "末日24:00止、末日為休息日者順延至次一工作日），小時期間依經過時間計算。",
                'The "counting" option is ignored: day and month periods are always counted under Civil Code '
                "Art. 119-122; hour periods are elapsed time.",
            )
        )
    r.string("counting")
    company = party_from_json(obj.get("company") or {}, default_id="self")
    clients_raw = obj.get("clients") or []
    if not isinstance(clients_raw, list):
        raise PreviewInputError("clients 應為清單")
    clients = [party_from_json(c) for c in clients_raw]
    cases = [key for key in ("incident", "request", "event") if key in obj]
    if len(cases) != 1:
        raise PreviewInputError("輸入須恰好包含 incident、request 或 event 其中之一")
    if cases[0] == "incident":
        found = incident_report(_incident(obj["incident"]), company, clients)
    elif cases[0] == "request":
        rr = _Reader(obj["request"], "請求資料", {"kind", "received_at", "party_id"})
        kind, received = rr.enum("kind", RequestKind), rr.when("received_at")
        if kind is None or received is None:
            raise PreviewInputError("請求資料須有 kind 與 received_at")
        request = RequestFacts(kind, received, rr.string("party_id") or "self")
        holder = next((p for p in (company, *clients) if p.party_id == request.party_id), None)
        if holder is None:
            raise PreviewInputError(f"未提供受理者之事實資料：{request.party_id}")
        found = request_report(request, holder)
    else:
        er = _Reader(obj["event"], "事件資料", {"kind", "at", "party_id", "at_fault"})
        event_kind, at = er.enum("kind", EventKind), er.when("at")
        if event_kind is None or at is None:
            raise PreviewInputError("事件資料須有 kind 與 at")
        event = EventFacts(event_kind, at, er.string("party_id") or "self", er.boolean("at_fault"))
        found = event_report(event, company, clients)
    return DeadlineReport(found.deadlines, notes + found.warnings)


def _one(obj: object, prefix: str = "") -> DeadlineReport:
    try:
        return _case(obj)
    except LawEngineError as error:
        raise PreviewInputError(f"{prefix}{error}") from error


def preview_from_json(obj: object) -> dict[str, Any] | list[dict[str, Any]]:
    """Compute the deadlines for one hypothetical incident, request or event, or a list of them."""
    if isinstance(obj, list):
        if not obj:
            raise PreviewInputError("輸入清單不可為空")
        if len(obj) > MAX_CASES:
            raise PreviewInputError(f"一次最多試算 {MAX_CASES} 筆（收到 {len(obj)} 筆）")
        reports = [_one(item, f"第 {number} 筆：") for number, item in enumerate(obj, start=1)]
        return [{"index": index, **report.to_dict()} for index, report in enumerate(reports)]
    if not isinstance(obj, Mapping):
        raise PreviewInputError("輸入須為 JSON 物件或物件清單")
    return _one(obj).to_dict()
