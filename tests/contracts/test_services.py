"""Client contracts and their terms: rules, unknowns, audit rows."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.contracts import selectors, services
from shouhu.contracts.terms import CYBER_TERMS, PDPA_TERMS
from shouhu.law.models import ClientFacts
from shouhu.thirdparties.models import ContractItemKey


def test_the_pdpa_terms_use_the_sub_processor_item_keys_and_cite_article_8():
    assert [t.key.removeprefix("pdpa:") for t in PDPA_TERMS] == list(ContractItemKey.values)
    assert PDPA_TERMS[3].citation == "個人資料保護法施行細則第8條第2項第4款"
    assert [t.article for t in CYBER_TERMS][-1] == "第4條第1項第9款"


def test_a_saved_contract_is_audited(officer, contract_data, system):
    contract = services.save_contract(actor=officer, data=contract_data, systems=[system])
    assert list(contract.systems.all()) == [system]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"contracts.clientcontract.created", "contracts.clientcontract.systems_set"} <= actions


def test_an_auditor_may_not_save_a_contract(auditor, contract_data):
    with pytest.raises(PermissionDenied):
        services.save_contract(actor=auditor, data=contract_data)


def test_a_contract_ending_before_it_starts_is_refused(officer, contract_data):
    data = {**contract_data, "starts_on": dt.date(2026, 5, 1), "ends_on": dt.date(2026, 4, 1)}
    with pytest.raises(ValidationError) as caught:
        services.save_contract(actor=officer, data=data)
    assert caught.value.message_dict["ends_on"] == ["契約迄日不可早於起日"]


def test_zero_notice_hours_are_refused_blank_means_unknown(officer, contract_data):
    with pytest.raises(ValidationError) as caught:
        services.save_contract(actor=officer, data={**contract_data, "notice_hours": 0})
    assert "契約未載明時請留空" in caught.value.message_dict["notice_hours"][0]
    contract = services.save_contract(actor=officer, data={**contract_data, "notice_hours": None})
    assert contract.notice_hours is None


def test_terms_start_unknown_not_agreed(officer, contract_data):
    contract = services.save_contract(actor=officer, data=contract_data)
    rows = selectors.term_rows(contract)
    assert [r.agreed for r in rows["pdpa"]] == [None] * 6
    assert rows["cyber_applies"] is None  # the client's law facts were never recorded


def test_an_agreed_term_needs_its_clause(officer, contract_data):
    contract = services.save_contract(actor=officer, data=contract_data)
    with pytest.raises(ValidationError) as caught:
        services.set_term(actor=officer, contract=contract, key="pdpa:breach", agreed=True)
    assert "契約條款" in caught.value.message_dict["clause"][0]


def test_a_term_keeps_its_clause_and_evidence(officer, contract_data):
    contract = services.save_contract(actor=officer, data=contract_data)
    services.set_term(
        actor=officer,
        contract=contract,
        key="cyber:5",
        agreed=False,
        clause="",
        evidence_file=io.BytesIO(b"%PDF-1.4\n% contract\n"),
        evidence_name="契約.pdf",
    )
    item = services.set_term(actor=officer, contract=contract, key="cyber:5", agreed=True, clause="第12條")
    assert (item.agreed, item.clause, item.evidence.original_name) == (True, "第12條", "契約.pdf")
    event = AuditEvent.objects.filter(action="contracts.term_set").order_by("pk").last()
    assert event.changes["agreed"] == [False, True]


def test_an_unknown_term_key_is_refused(officer, contract_data):
    contract = services.save_contract(actor=officer, data=contract_data)
    with pytest.raises(ValidationError):
        services.set_term(actor=officer, contract=contract, key="cyber:10", agreed=None)


def test_cyber_terms_apply_to_a_government_client(officer, contract_data, client_b):
    ClientFacts.objects.create(client=client_b, is_government_agency=True)
    contract = services.save_contract(actor=officer, data={**contract_data, "client": client_b})
    assert selectors.term_rows(contract)["cyber_applies"] is True


def test_notice_terms_take_the_shortest_period_and_say_unknown(officer, contract_data, client_a, client_b):
    services.save_contract(actor=officer, data=contract_data)
    services.save_contract(actor=officer, data={**contract_data, "number": "C-2", "notice_hours": 12})
    services.save_contract(
        actor=officer, data={**contract_data, "client": client_b, "number": "G-1", "notice_hours": None}
    )
    rows = {r.client_name: r for r in selectors.notice_terms([client_a.pk, client_b.pk])}
    assert rows[client_a.name].hours == 12
    assert (rows[client_b.name].hours, rows[client_b.name].contract.number) == (None, "G-1")
    assert selectors.shortest_notice_hours([client_a.pk, client_b.pk]) == 12


def test_a_client_with_one_contract_of_unknown_period_is_unknown(officer, contract_data, client_a):
    services.save_contract(actor=officer, data=contract_data)
    services.save_contract(actor=officer, data={**contract_data, "number": "C-3", "notice_hours": None})
    assert selectors.notice_terms([client_a.pk])[0].hours is None


def test_an_ended_contract_does_not_set_the_period(officer, contract_data, client_a):
    services.save_contract(actor=officer, data={**contract_data, "active": False})
    row = selectors.notice_terms([client_a.pk])[0]
    assert (row.hours, row.contract) == (None, None)


def test_a_signing_day_in_the_future_is_refused(officer, contract_data):
    data = {**contract_data, "signed_on": timezone.localdate() + dt.timedelta(days=3)}
    with pytest.raises(ValidationError) as caught:
        services.save_contract(actor=officer, data=data)
    assert "signed_on" in caught.value.message_dict
