"""The one write path of contract items (evidence.clauses.set_clause_item), as both of its callers use it:
client contract terms and processor contract items behave the same — an agreed item needs its clause, the
contract file goes to the evidence store filed under its record, the audit event names the key and what
changed, and another app's permission is not enough."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouhu.audit.models import AuditEvent
from shouhu.contracts import services as contracts
from shouhu.thirdparties import services as thirdparties
from tests.factories import ClientFactory, CompanyFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _client_term(officer: Any) -> tuple[Callable[..., Any], str, str]:
    contract = contracts.save_contract(
        actor=officer,
        data={"client": ClientFactory(name="甲公司"), "number": "C-1", "title": "維運", "services": "維運"},
    )
    return (
        lambda **kw: contracts.set_term(actor=kw.pop("actor", officer), contract=contract, **kw),
        f"contracts.clientcontract:{contract.pk}",
        "contracts.term_set",
    )


def _processor_item(officer: Any) -> tuple[Callable[..., Any], str, str]:
    sub = thirdparties.save_subprocessor(
        actor=officer, data={"name": "乙雲端", "services": "主機代管", "countries": "臺灣"}
    )
    return (
        lambda **kw: thirdparties.set_contract_item(actor=kw.pop("actor", officer), subprocessor=sub, **kw),
        f"thirdparties.subprocessor:{sub.pk}",
        "thirdparties.contract_item_set",
    )


CALLERS = {"client_term": (_client_term, "pdpa:return"), "processor_item": (_processor_item, "return")}


@pytest.fixture
def officer(make_user: Callable[..., Any]) -> Any:
    CompanyFactory()
    return make_user("pd_officer", username="officer")


@pytest.mark.parametrize("caller", CALLERS)
def test_both_callers_share_the_rules_the_file_and_the_audit(officer: Any, caller: str) -> None:
    make, key = CALLERS[caller]
    set_item, context, action = make(officer)
    with pytest.raises(ValidationError, match="已約定時請填寫契約條款"):
        set_item(key=key, agreed=True)
    with pytest.raises(ValidationError, match="契約項目不正確"):
        set_item(key="nope", agreed=None)
    item = set_item(
        key=key, agreed=True, clause=" 第12條 ", evidence_file=io.BytesIO(PDF), evidence_name="contract.pdf"
    )
    assert (item.agreed, item.clause, item.evidence.context) == (True, "第12條", context)
    event = AuditEvent.objects.filter(action=action).latest("id")
    assert event.changes["key"] == [key, key]
    assert event.changes["agreed"] == [None, True]
    assert event.changes["clause"] == ["", "第12條"]


@pytest.mark.parametrize("caller", CALLERS)
def test_each_caller_checks_its_own_permission(
    officer: Any, make_user: Callable[..., Any], caller: str
) -> None:
    make, key = CALLERS[caller]
    set_item, _, _ = make(officer)
    with pytest.raises(PermissionDenied):
        set_item(actor=make_user("auditor", username="auditor"), key=key, agreed=False)
