"""Reads for client contracts, client audits and security tests (incidents and the plan use these)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from shouhu.contracts.models import ClientAudit, ClientContract, ContractTerm, SecurityTest
from shouhu.contracts.terms import CYBER_TERMS, PDPA_TERMS, Term

STALE_AFTER_DAYS = 365  # a security-test report older than a year is flagged


def contracts(*, client_id: int | None = None, active: bool | None = None) -> QuerySet[ClientContract]:
    qs = ClientContract.objects.select_related("client").prefetch_related("systems")
    if client_id is not None:
        qs = qs.filter(client_id=client_id)
    return qs if active is None else qs.filter(active=active)


def cyber_terms_apply(client: Any) -> bool | None:
    """Whether the 資安法施行細則 Art. 4 terms bind the contract: the client is a government agency or a
    特定非公務機關. None when the client's law facts were never recorded (the law module owns them)."""
    from shouhu.law import selectors as law

    facts = law.client_facts(client)
    if facts is None:
        return None
    return bool(facts.is_government_agency or facts.special_reasons)


@dataclass(frozen=True)
class TermRow:
    term: Term
    item: ContractTerm | None

    @property
    def agreed(self) -> bool | None:
        return None if self.item is None else self.item.agreed


def term_rows(contract: ClientContract) -> dict[str, Any]:
    """The contract's PDPA terms, and its cyber terms with whether they apply (None = not known)."""
    stored = {t.key: t for t in contract.terms.select_related("evidence")}
    applies = cyber_terms_apply(contract.client)
    return {
        "pdpa": [TermRow(t, stored.get(t.key)) for t in PDPA_TERMS],
        "cyber": [TermRow(t, stored.get(t.key)) for t in CYBER_TERMS],
        "cyber_applies": applies,
    }


@dataclass(frozen=True)
class ClientNotice:
    """What one affected client's contracts say about the notice period (None hours = not known)."""

    client_id: int
    client_name: str
    contract: ClientContract | None
    hours: int | None


def notice_terms(client_ids: Iterable[int]) -> list[ClientNotice]:
    """Per client, the shortest agreed notice period among its active contracts; a client with no active
    contract, or whose contracts leave the period blank, has ``hours`` None (unknown, never "none")."""
    rows: list[ClientNotice] = []
    from shouhu.organization.selectors import clients

    for client in clients().filter(pk__in=list(client_ids)).order_by("name", "pk"):
        active = list(contracts(client_id=client.pk, active=True))
        known = sorted((c for c in active if c.notice_hours is not None), key=lambda c: c.notice_hours or 0)
        if known and len(known) == len(active):
            rows.append(ClientNotice(client.pk, client.name, known[0], known[0].notice_hours))
        else:
            unknown = next((c for c in active if c.notice_hours is None), None)
            rows.append(ClientNotice(client.pk, client.name, unknown, None))
    return rows


def shortest_notice_hours(client_ids: Iterable[int]) -> int | None:
    """The strictest period the incident clock must meet: the shortest known one among the clients. None
    when no client's period is known."""
    hours = [r.hours for r in notice_terms(client_ids) if r.hours is not None]
    return min(hours) if hours else None


@dataclass(frozen=True)
class ContractSummary:
    """One active client contract as the plan cites it: its notice period (None = not known) and how many
    required terms are agreed, not agreed or not yet checked (the cyber terms only when they bind)."""

    client_name: str
    number: str
    title: str
    notice_hours: int | None
    agreed: int
    not_agreed: int
    unknown: int
    cyber_applies: bool | None  # None: the client's law facts were never recorded
    not_agreed_labels: tuple[str, ...]


def contract_summaries() -> list[ContractSummary]:
    """Every contract in force, per client, with its terms counted (the plan's outsourcing chapter)."""
    rows = []
    for contract in contracts(active=True).prefetch_related("terms"):
        stored = {t.key: t for t in contract.terms.all()}
        applies = cyber_terms_apply(contract.client)
        required = [*PDPA_TERMS, *(CYBER_TERMS if applies is not False else ())]
        answers = [stored[t.key].agreed if t.key in stored else None for t in required]
        rows.append(
            ContractSummary(
                client_name=contract.client.name,
                number=contract.number,
                title=contract.title,
                notice_hours=contract.notice_hours,
                agreed=sum(1 for a in answers if a is True),
                not_agreed=sum(1 for a in answers if a is False),
                unknown=sum(1 for a in answers if a is None),
                cyber_applies=applies,
                not_agreed_labels=tuple(
                    t.label_zh for t, a in zip(required, answers, strict=True) if a is False
                ),
            )
        )
    return rows


def clients_without_contract(client_ids: Iterable[int]) -> list[str]:
    """The names of the given clients that have no contract in force recorded."""
    from shouhu.organization.selectors import clients

    covered = set(contracts(active=True).values_list("client_id", flat=True))
    return [c.name for c in clients().filter(pk__in=list(client_ids)).order_by("name") if c.pk not in covered]


def audits(*, client_id: int | None = None) -> QuerySet[ClientAudit]:
    qs = ClientAudit.objects.select_related("client", "contract", "report").prefetch_related(
        "findings__action"
    )
    return qs if client_id is None else qs.filter(client_id=client_id)


def security_tests(*, system_id: int | None = None) -> QuerySet[SecurityTest]:
    qs = SecurityTest.objects.select_related("system", "report")
    return qs if system_id is None else qs.filter(system_id=system_id)


def stale_before(on: dt.date | None = None) -> dt.date:
    return (on or timezone.localdate()) - dt.timedelta(days=STALE_AFTER_DAYS)


def latest_tests(on: dt.date | None = None) -> list[dict[str, Any]]:
    """Per system that has a report, its latest test of each kind and whether it is older than a year."""
    cutoff = stale_before(on)
    latest: dict[tuple[int, str], SecurityTest] = {}
    for test in security_tests().order_by("system__name", "kind", "-tested_on", "-id"):
        latest.setdefault((test.system_id, test.kind), test)
    return [{"test": t, "stale": t.tested_on < cutoff} for t in latest.values()]


def stale_tests(on: dt.date | None = None) -> list[SecurityTest]:
    return [row["test"] for row in latest_tests(on) if row["stale"]]


def security_test_summaries() -> list[dict[str, Any]]:
    """The latest test of each system and kind, for the assurance pack and the plan."""
    return [
        {
            "system": row["test"].system.name,
            "kind": row["test"].get_kind_display(),
            "tested_on": row["test"].tested_on,
            "high": row["test"].high_count,
            "medium": row["test"].medium_count,
            "retest": row["test"].get_retest_display(),
            "stale": row["stale"],
        }
        for row in latest_tests()
    ]
