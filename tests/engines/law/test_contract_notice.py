"""The contract notice deadline (個資法施行細則第8條第2項第4款) is counted per client from that client's own
contract: several clients on one incident each get their own due time, and an unknown period stays a
pending fact of that client, counted as immediate."""

from __future__ import annotations

from typing import Any

import pytest

from shouhu.engines.law.deadlines import incident_report
from shouhu.engines.law.errors import InvalidFactError
from shouhu.engines.law.facts import CompanyType, PartyFacts
from shouhu.engines.law.inputs import IncidentFacts
from shouhu.engines.law.preview import preview_from_json as preview
from tests.engines.law.helpers import only, tp

RULE = "pdpa-er-art8-contractor-notice"
IT = PartyFacts(
    industry_codes=("6201",), company_type=CompanyType.COMPANY_LIMITED_BY_SHARES, paid_in_capital=1
)
SHOP = PartyFacts(party_id="shop", name="某商店", industry_codes=("4711",))
BANK = PartyFacts(party_id="bank", name="某銀行", industry_codes=("6411",))
CLINIC = PartyFacts(party_id="clinic", name="某診所", industry_codes=("8620",))
AWARE = "2026-03-02 10:00"


def incident(**changes: Any) -> IncidentFacts:
    return IncidentFacts(aware_at=tp(AWARE), caused_by_violation=True, **changes)


def contract_deadlines(facts: IncidentFacts, clients: list[PartyFacts]) -> dict[str, Any]:
    deadlines = incident_report(facts, IT, clients).deadlines
    return {p.party_id: only(deadlines, RULE, p.party_id) for p in clients}


def test_each_client_gets_the_deadline_of_its_own_contract() -> None:
    found = contract_deadlines(incident(client_notice_hours={"shop": 24, "bank": 2}), [SHOP, BANK])
    assert found["shop"].due_at == tp("2026-03-03 10:00")
    assert found["bank"].due_at == tp("2026-03-02 12:00")
    assert "依與委託者「某銀行」之委託契約約定 2 小時內通知" in found["bank"].explanation_zh
    assert (found["shop"].pending, found["bank"].pending) == ((), ())


def test_a_client_whose_period_is_unknown_is_pending_and_immediate_while_others_keep_theirs() -> None:
    found = contract_deadlines(incident(client_notice_hours={"shop": 24, "bank": None}), [SHOP, BANK])
    assert found["shop"].due_at == tp("2026-03-03 10:00")
    bank = found["bank"]
    assert (bank.due_at, bank.conservative_reading) == (tp(AWARE), True)
    assert [(p.key, p.party_id) for p in bank.pending] == [("contract_notice_hours", "bank")]
    assert "與委託者「某銀行」之委託契約約定之通知時限不明" in bank.explanation_zh


def test_a_client_not_listed_takes_the_incidents_period_and_without_one_is_pending() -> None:
    facts = incident(client_notice_hours={"shop": 24}, contract_notice_hours=8)
    found = contract_deadlines(facts, [SHOP, BANK])
    assert (found["shop"].due_at, found["bank"].due_at) == (tp("2026-03-03 10:00"), tp("2026-03-02 18:00"))
    found = contract_deadlines(incident(client_notice_hours={"shop": 24}), [SHOP, BANK, CLINIC])
    assert [p.party_id for p in found["clinic"].pending] == ["clinic"]
    assert found["clinic"].due_at == tp(AWARE)


def test_per_client_hours_must_be_whole_non_negative_numbers_of_known_clients() -> None:
    with pytest.raises(InvalidFactError, match="契約約定通知時數不可為負數（委託者 shop）"):
        incident(client_notice_hours={"shop": -1})
    with pytest.raises(InvalidFactError, match="須為整數或 null"):
        incident(client_notice_hours={"shop": True})
    with pytest.raises(InvalidFactError, match="委託者代號不正確"):
        incident(client_notice_hours={"self": 4})
    with pytest.raises(InvalidFactError, match="契約約定通知時數所列之委託者未提供其事實資料：ghost"):
        incident_report(incident(client_notice_hours={"ghost": 4}), IT, [SHOP])


def test_the_per_client_hours_cannot_be_changed_after_the_facts_are_made() -> None:
    hours = {"shop": 24}
    facts = incident(client_notice_hours=hours)
    hours["shop"] = 1
    assert facts.client_notice_hours["shop"] == 24
    with pytest.raises(TypeError):
        facts.client_notice_hours["shop"] = 1  # type: ignore[index]


def test_preview_takes_per_client_hours() -> None:
    case = {
        "company": {"industry_codes": ["6201"]},
        "clients": [{"id": "shop", "industry_codes": ["4711"]}, {"id": "bank", "industry_codes": ["6411"]}],
        "incident": {
            "aware_at": "2026-03-02T10:00+08:00",
            "caused_by_violation": True,
            "client_notice_hours": {"shop": 24, "bank": None},
        },
    }
    out = preview(case)
    rows = {d["party_id"]: d for d in out["deadlines"] if d["rule_id"] == RULE}
    assert rows["shop"]["due_at"] == "2026-03-03T02:00:00+00:00"
    assert [p["key"] for p in rows["bank"]["pending"]] == ["contract_notice_hours"]
