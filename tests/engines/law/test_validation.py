"""Impossible facts are refused with zh-TW errors (ValueError subclasses)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from shouhu.engines.law.deadlines import incident_deadlines
from shouhu.engines.law.errors import (
    InvalidFactError,
    InvalidLevelError,
    LawEngineError,
    NaiveDatetimeError,
    TimelineOrderError,
)
from shouhu.engines.law.facts import PartyFacts
from shouhu.engines.law.inputs import IncidentFacts, RequestFacts, RequestKind
from tests.engines.law.helpers import tp


def test_errors_are_value_errors() -> None:
    assert issubclass(LawEngineError, ValueError)


def test_aware_before_discovered_is_refused() -> None:
    with pytest.raises(
        TimelineOrderError,
        match=r"^知悉時間（民國115年3月2日 08:00（臺北時間））早於發現時間（民國115年3月2日 09:00（臺北時間）），時間順序不合理$",
    ):
        IncidentFacts(discovered_at=tp("2026-03-02 09:00"), aware_at=tp("2026-03-02 08:00"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"occurred_at": tp("2026-03-02 10:00")}, "發現時間.*早於發生時間"),
        ({"confirmed_at": tp("2026-03-02 09:30")}, "查明時間.*早於知悉時間"),
        ({"recovered_at": tp("2026-03-01 09:30")}, "完成損害控制或復原時間.*早於知悉時間"),
        (
            {"recovered_at": tp("2026-03-05 09:30"), "handling_ended_at": tp("2026-03-04 09:30")},
            "處理結束時間.*早於完成損害控制或復原時間",
        ),
    ],
)
def test_other_order_errors(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(TimelineOrderError, match=message):
        IncidentFacts(discovered_at=tp("2026-03-02 09:00"), aware_at=tp("2026-03-02 10:00"), **changes)


@pytest.mark.parametrize("level", [0, 5, -1, True])
def test_level_outside_1_to_4_is_refused(level: int) -> None:
    with pytest.raises(InvalidLevelError, match="資通安全事件等級須為1至4級"):
        IncidentFacts(discovered_at=tp("2026-03-02 09:00"), cyber=True, level=level)


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_levels_1_to_4_are_accepted(level: int) -> None:
    assert IncidentFacts(discovered_at=tp("2026-03-02 09:00"), cyber=True, level=level).level == level


def test_naive_incident_time_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="發現時間缺少時區"):
        IncidentFacts(discovered_at=datetime(2026, 3, 2, 9, 0))  # noqa: DTZ001


def test_naive_request_time_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="受理時間缺少時區"):
        RequestFacts(RequestKind.COPY, datetime(2026, 3, 2, 9, 0))  # noqa: DTZ001


def test_incident_must_be_personal_data_or_cyber() -> None:
    with pytest.raises(InvalidFactError, match="至少一項"):
        IncidentFacts(discovered_at=tp("2026-03-02 09:00"), personal_data=False)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"paid_in_capital": -1}, "實收資本額不可為負數：-1"),
        ({"registered_capital": -10}, "登記資本額不可為負數：-10"),
        ({"consumer_records": -5}, "保有消費者個資筆數不可為負數：-5"),
        ({"hospital_beds": -1}, "病床數不可為負數：-1"),
        ({"ncc_subscribers": -3}, "訂戶數不可為負數：-3"),
        ({"consumer_records": 1.5}, "保有消費者個資筆數須為整數"),
        ({"industry_codes": ("62A1",)}, "行業統計分類代碼格式錯誤"),
        ({"business_item_codes": ("J20",)}, "營業項目代碼格式錯誤"),
    ],
)
def test_impossible_party_facts_are_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidFactError, match=message):
        PartyFacts(**changes)


def test_zero_values_are_accepted() -> None:
    assert PartyFacts(paid_in_capital=0, consumer_records=0).consumer_records == 0


def test_affected_client_without_facts_is_refused() -> None:
    incident = IncidentFacts(discovered_at=tp("2026-03-02 09:00"), affected_client_ids=("ghost",))
    with pytest.raises(InvalidFactError, match="受影響之委託者未提供其事實資料：ghost"):
        incident_deadlines(incident, PartyFacts())


def test_duplicate_client_ids_are_refused() -> None:
    clients = [PartyFacts(party_id="c"), PartyFacts(party_id="c")]
    with pytest.raises(InvalidFactError, match="委託者代號不可重複"):
        incident_deadlines(IncidentFacts(discovered_at=tp("2026-03-02 09:00")), PartyFacts(), clients)


def test_negative_contract_hours_are_refused() -> None:
    with pytest.raises(InvalidFactError, match="契約約定通知時數不可為負數"):
        IncidentFacts(discovered_at=tp("2026-03-02 09:00"), contract_notice_hours=-1)
