"""Input records for the deadline engine: an incident, a data-subject request, or another event.

All timestamps must be aware datetimes; they are normalised to UTC. Validation errors are zh-TW.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum

from .errors import InvalidFactError, InvalidLevelError, TimelineOrderError
from .timeutil import format_taipei, require_aware

_LABELS = {
    "occurred_at": "發生時間",
    "discovered_at": "發現時間",
    "aware_at": "知悉時間",
    "confirmed_at": "查明時間",
    "recovered_at": "完成損害控制或復原時間",
    "handling_ended_at": "處理結束時間",
    "authority_notice_at": "主管機關通知時間",
    "received_at": "受理時間",
    "at": "事件時間",
}


def _normalise(record: object) -> None:
    for f in fields(record):  # type: ignore[arg-type]
        value = getattr(record, f.name)
        if isinstance(value, datetime):
            object.__setattr__(record, f.name, require_aware(value, _LABELS.get(f.name, f.name)))


def _order(earlier: datetime | None, later: datetime | None, earlier_name: str, later_name: str) -> None:
    if earlier is not None and later is not None and later < earlier:
        raise TimelineOrderError(
            f"{_LABELS[later_name]}（{format_taipei(later)}）早於{_LABELS[earlier_name]}"
            f"（{format_taipei(earlier)}），時間順序不合理"
        )


@dataclass(frozen=True)
class IncidentFacts:
    """A personal-data or cyber incident.

    Three-valued facts (True / False / None = not yet known, the default for a new incident):
    ``serious``: the incident endangers normal operation or the rights of many data subjects
    (危及正常營運或大量當事人權益). ``ncc_serious``: NCC's wider test (serious loss to data subjects, or
    rated 「很嚴重」 or above). ``caused_by_violation``: the breach was caused by a violation of the PDPA.
    ``level``: the 資安 level 1–4. A deadline that depends on an unknown fact is still computed and
    carries it in ``Deadline.pending``; only an explicit False removes it.

    ``discovered_at`` may be None when only 知悉 is known (at least one of the two is required); rules
    counted from 發現 then start at 知悉 with a warning. ``affected_client_ids`` None means every
    client passed to the engine is affected. ``contract_notice_hours``: the notice period agreed in
    the outsourcing contracts (Enforcement Rules Art. 8), if any.
    """

    discovered_at: datetime | None = None
    aware_at: datetime | None = None
    occurred_at: datetime | None = None
    confirmed_at: datetime | None = None
    recovered_at: datetime | None = None
    handling_ended_at: datetime | None = None
    authority_notice_at: datetime | None = None
    personal_data: bool = True
    cyber: bool = False
    level: int | None = None
    serious: bool | None = None
    ncc_serious: bool | None = None
    caused_by_violation: bool | None = None
    own_party_affected: bool = True
    affected_client_ids: tuple[str, ...] | None = None
    contract_notice_hours: int | None = None

    def __post_init__(self) -> None:
        _normalise(self)
        if self.level is not None and (isinstance(self.level, bool) or self.level not in (1, 2, 3, 4)):
            raise InvalidLevelError(f"資通安全事件等級須為1至4級：{self.level!r}")
        if self.contract_notice_hours is not None and self.contract_notice_hours < 0:
            raise InvalidFactError(f"契約約定通知時數不可為負數：{self.contract_notice_hours}")
        for name in ("serious", "ncc_serious", "caused_by_violation", "personal_data", "cyber"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, bool):
                raise InvalidFactError(f"{name} 須為 true、false 或 null（尚未確定）：{value!r}")
        if not (self.personal_data or self.cyber):
            raise InvalidFactError("事件須為個資事故或資通安全事件（至少一項）")
        if self.discovered_at is None and self.aware_at is None:
            raise InvalidFactError("事件須有發現時間或知悉時間（至少一項）")
        _order(self.occurred_at, self.discovered_at, "occurred_at", "discovered_at")
        _order(self.occurred_at, self.aware_at, "occurred_at", "aware_at")
        _order(self.discovered_at, self.aware_at, "discovered_at", "aware_at")
        start = self.aware_at or self.discovered_at
        start_name = "aware_at" if self.aware_at else "discovered_at"
        for later in ("confirmed_at", "recovered_at", "handling_ended_at"):
            _order(start, getattr(self, later), start_name, later)
        _order(self.recovered_at, self.handling_ended_at, "recovered_at", "handling_ended_at")


class RequestKind(StrEnum):
    """Data-subject rights (PDPA Art. 3) and the marketing refusal (Art. 20 II)."""

    QUERY_OR_READ = "query_or_read"
    COPY = "copy"
    SUPPLEMENT_OR_CORRECT = "supplement_or_correct"
    STOP_COLLECT_PROCESS_USE = "stop_collect_process_use"
    DELETE = "delete"
    MARKETING_REFUSAL = "marketing_refusal"


@dataclass(frozen=True)
class RequestFacts:
    """A data-subject request received by ``party_id`` ("self" or a client id)."""

    kind: RequestKind
    received_at: datetime
    party_id: str = "self"

    def __post_init__(self) -> None:
        _normalise(self)


class EventKind(StrEnum):
    """Other events that start a clock."""

    DATA_CORRECTED = "data_corrected"  # PDPA Art. 11 V
    UNLAWFUL_INSTRUCTION = "unlawful_instruction"  # Enforcement Rules Art. 8 V


@dataclass(frozen=True)
class EventFacts:
    """Another clock-starting event. ``at_fault`` None: not known (conservative: assumed)."""

    kind: EventKind
    at: datetime
    party_id: str = "self"
    at_fault: bool | None = None

    def __post_init__(self) -> None:
        _normalise(self)
        if self.kind is EventKind.UNLAWFUL_INSTRUCTION and self.party_id == "self":
            raise InvalidFactError("違法指示之通知對象須為委託者（請指定委託者代號）")
