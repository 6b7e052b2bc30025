"""Input records for the deadline engine: an incident, a data-subject request, or another event.

All timestamps must be aware datetimes; they are normalised to UTC. Validation errors are zh-TW.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

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


def _check_hours(hours: object, party_id: str | None = None) -> None:
    where = f"（委託者 {party_id}）" if party_id else ""
    if hours is not None and (isinstance(hours, bool) or not isinstance(hours, int)):
        raise InvalidFactError(f"契約約定通知時數須為整數或 null（不明）{where}：{hours!r}")
    if hours is not None and hours < 0:
        raise InvalidFactError(f"契約約定通知時數不可為負數{where}：{hours}")


def _notice_hours(value: Mapping[str, int | None]) -> Mapping[str, int | None]:
    """A read-only copy of the per-client notice periods, each checked."""
    if not isinstance(value, Mapping):
        raise InvalidFactError("各委託者之契約約定通知時數須為對照表（委託者代號 → 時數）")
    for party_id, hours in value.items():
        if not isinstance(party_id, str) or not party_id or party_id == "self":
            raise InvalidFactError(f"契約約定通知時數之委託者代號不正確：{party_id!r}")
        _check_hours(hours, party_id)
    return MappingProxyType(dict(value))


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
    client passed to the engine is affected.

    Notice periods agreed in the outsourcing contracts (Enforcement Rules Art. 8 II (4)), per client:
    ``client_notice_hours`` maps a client's party id to the hours its own contract agreed (None: the
    contract states none, or it is not known). A client not in it takes ``contract_notice_hours``, the
    period entered for the whole incident (None = not known). Each client's contract deadline is counted
    from its own period; an unknown one is a pending fact of that client, counted as immediate.
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
    client_notice_hours: Mapping[str, int | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _normalise(self)
        object.__setattr__(self, "client_notice_hours", _notice_hours(self.client_notice_hours))
        if self.level is not None and (isinstance(self.level, bool) or self.level not in (1, 2, 3, 4)):
            raise InvalidLevelError(f"資通安全事件等級須為1至4級：{self.level!r}")
        _check_hours(self.contract_notice_hours)
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
