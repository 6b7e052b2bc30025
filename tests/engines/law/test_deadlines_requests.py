"""PDPA request deadlines (Art. 13), marketing opt-out (Art. 20), correction notice, unlawful instruction."""

from __future__ import annotations

import pytest

from shouhu.engines.law.deadlines import event_deadlines, request_deadlines
from shouhu.engines.law.enums import Unit
from shouhu.engines.law.errors import InvalidFactError
from shouhu.engines.law.facts import PartyFacts
from shouhu.engines.law.inputs import EventFacts, EventKind, RequestFacts, RequestKind
from tests.engines.law.helpers import ids, only, tp

RECEIVED = "2026-03-03 10:00"  # a Tuesday

# (kind, rule id, due, maximum extended due): 民法 — first day not counted, ends 24:00 of the last day,
# a last day on a weekend moves to the next working day (2026-05-02 is a Saturday → Monday 05-04).
REQUEST_CASES = [
    (RequestKind.QUERY_OR_READ, "pdpa-art13-access", "2026-03-18 23:59:59", "2026-04-02 23:59:59"),
    (RequestKind.COPY, "pdpa-art13-access", "2026-03-18 23:59:59", "2026-04-02 23:59:59"),
    (
        RequestKind.SUPPLEMENT_OR_CORRECT,
        "pdpa-art13-correction",
        "2026-04-02 23:59:59",
        "2026-05-04 23:59:59",
    ),
    (
        RequestKind.STOP_COLLECT_PROCESS_USE,
        "pdpa-art13-correction",
        "2026-04-02 23:59:59",
        "2026-05-04 23:59:59",
    ),
    (RequestKind.DELETE, "pdpa-art13-correction", "2026-04-02 23:59:59", "2026-05-04 23:59:59"),
]


@pytest.mark.parametrize(
    ("kind", "rule_id", "due", "extended"), REQUEST_CASES, ids=[c[0].value for c in REQUEST_CASES]
)
def test_request_decision_deadline_and_maximum_extension(
    kind: RequestKind, rule_id: str, due: str, extended: str
) -> None:
    found = request_deadlines(RequestFacts(kind, tp(RECEIVED)))
    assert [d.rule_id for d in found] == [rule_id]
    assert (found[0].due_at, found[0].extended_due_at) == (tp(due), tp(extended))


def test_day_counting_follows_the_civil_code_and_rule_is_verified() -> None:
    deadline = request_deadlines(RequestFacts(RequestKind.DELETE, tp(RECEIVED)))[0]
    assert (deadline.verified, deadline.unit, deadline.duration) == (True, Unit.DAYS, 30)
    assert "民法第120條第2項始日不算入" in deadline.explanation_zh


def test_marketing_refusal_stops_immediately() -> None:
    found = request_deadlines(RequestFacts(RequestKind.MARKETING_REFUSAL, tp(RECEIVED)))
    deadline = only(found, "pdpa-art20-marketing-stop")
    assert (deadline.due_at, deadline.unit, deadline.conservative_reading) == (
        tp(RECEIVED),
        Unit.IMMEDIATELY,
        False,
    )


def test_request_received_by_a_client_is_computed_for_that_client() -> None:
    client = PartyFacts(party_id="c1", name="甲")
    found = request_deadlines(RequestFacts(RequestKind.COPY, tp(RECEIVED), party_id="c1"), client)
    assert (found[0].party_id, found[0].obligor_zh) == (
        "c1",
        "委託者「甲」（本公司為受託者，依個資法第4條及數位經濟辦法第19條應配合遵循）",
    )


def test_request_with_mismatched_holder_is_refused() -> None:
    with pytest.raises(InvalidFactError, match="請求之受理者"):
        request_deadlines(RequestFacts(RequestKind.COPY, tp(RECEIVED), party_id="c1"), PartyFacts())


def test_correction_notice_has_no_legal_limit_so_it_is_immediate_and_conservative() -> None:
    found = event_deadlines(EventFacts(EventKind.DATA_CORRECTED, tp(RECEIVED), at_fault=True), PartyFacts())
    deadline = only(found, "pdpa-art11-correction-notice")
    assert (deadline.due_at, deadline.conservative_reading) == (tp(RECEIVED), True)


def test_correction_not_at_fault_starts_no_notice() -> None:
    found = event_deadlines(EventFacts(EventKind.DATA_CORRECTED, tp(RECEIVED), at_fault=False), PartyFacts())
    assert found == []


def test_unlawful_instruction_is_reported_to_the_client_immediately() -> None:
    client = PartyFacts(party_id="c1", name="甲")
    found = event_deadlines(
        EventFacts(EventKind.UNLAWFUL_INSTRUCTION, tp(RECEIVED), party_id="c1"), PartyFacts(), [client]
    )
    assert ids(found) == {"pdpa-er-art8-unlawful-instruction"}
    deadline = found[0]
    assert (deadline.due_at, deadline.legal_basis_zh) == (
        tp(RECEIVED),
        "個人資料保護法施行細則第8條第5項",
    )


def test_unlawful_instruction_needs_a_client() -> None:
    with pytest.raises(InvalidFactError, match="委託者"):
        EventFacts(EventKind.UNLAWFUL_INSTRUCTION, tp(RECEIVED))
