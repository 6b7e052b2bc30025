"""Reads for the law module: a party's facts as engine ``PartyFacts``, assessments, the calendar.

Other modules (incidents, requests) call ``party_facts_for_company()`` and ``party_facts_for_client()``
to hand the engine the facts stored here.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils import timezone

from shouhu.engines.law.applicability import Assessment, assess
from shouhu.engines.law.catalogue import Catalogue, load_catalogue
from shouhu.engines.law.facts import CompanyType, NccCategory, PartyFacts, Sector, SpecialReason
from shouhu.law.models import ClientFacts, CompanyFacts, Hosting, Obligation, PartyFactsBase
from shouhu.organization.models import Client, CompanyProfile

logger = logging.getLogger(__name__)

SELF_ID = "self"


def client_party_id(client: Client | int) -> str:
    """The engine party id of a client: ``"client-<pk>"`` (our company is ``"self"``)."""
    pk = client if isinstance(client, int) else client.pk
    return f"client-{pk}"


def catalogue() -> Catalogue:
    return load_catalogue()


def company() -> CompanyProfile | None:
    return CompanyProfile.objects.first()


def company_facts() -> CompanyFacts | None:
    profile = company()
    if profile is None:
        return None
    return CompanyFacts.objects.filter(company=profile).first()


def client_facts(client: Client) -> ClientFacts | None:
    return ClientFacts.objects.filter(client=client).first()


@dataclass(frozen=True)
class RecordCount:
    """The consumer-record count used, and where it came from."""

    value: int | None
    source_zh: str


def _inventory_totals() -> object | None:
    try:
        from shouhu.inventory.selectors import consumer_record_totals
    except ImportError:  # the inventory module is optional
        return None
    try:
        return consumer_record_totals()
    except Exception:  # a half-migrated inventory must not break the law pages
        logger.exception("inventory totals unavailable")
        return None


def record_count(facts: PartyFactsBase | None, *, client: Client | None = None) -> RecordCount:
    """Manual count, or the inventory's total when the party asks for it and the inventory has one."""
    manual = facts.consumer_records if facts else None
    if facts is None or not facts.records_from_inventory:
        return RecordCount(manual, "手動填寫")
    totals = _inventory_totals()
    if totals is None:
        return RecordCount(manual, "手動填寫（個資盤點無資料）")
    if client is None:
        return RecordCount(int(totals.company), "個資盤點合計")  # type: ignore[attr-defined]
    for row in totals.per_client:  # type: ignore[attr-defined]
        if row.client_id == client.pk:
            return RecordCount(int(row.records), "個資盤點合計")
    return RecordCount(manual, "手動填寫（個資盤點無此委託者資料）")


def _common(facts: PartyFactsBase) -> dict[str, object]:
    return {
        "industry_codes": tuple(facts.industry_codes),
        "business_item_codes": tuple(facts.business_item_codes),
        "company_type": CompanyType(facts.company_type) if facts.company_type else None,
        "paid_in_capital": facts.paid_in_capital,
        "registered_capital": facts.registered_capital,
        "is_government_agency": facts.is_government_agency,
        "special_reasons": frozenset(SpecialReason(v) for v in facts.special_reasons),
        "sectors": frozenset(Sector(v) for v in facts.sectors),
        "hospital_beds": facts.hospital_beds,
        "ncc_categories": frozenset(NccCategory(v) for v in facts.ncc_categories),
        "ncc_subscribers": facts.ncc_subscribers,
        "collects_customer_data": facts.collects_customer_data,
        "threshold_reached_on": facts.threshold_reached_on,
        "resuming_after_suspension": facts.resuming_after_suspension,
    }


def to_party_facts_company(facts: CompanyFacts, *, name: str = "") -> PartyFacts:
    """Engine facts from a (possibly unsaved) ``CompanyFacts``. Raises ``InvalidFactError``."""
    return PartyFacts(
        party_id=SELF_ID,
        name=name,
        consumer_records=record_count(facts).value,
        government_contracts=facts.government_contracts,
        **_common(facts),  # type: ignore[arg-type]
    )


def to_party_facts_client(facts: ClientFacts, client: Client) -> PartyFacts:
    """Engine facts from a (possibly unsaved) ``ClientFacts``. Raises ``InvalidFactError``."""
    hosting = {Hosting.HOSTING: True, Hosting.BUILD_MAINTAIN: False}.get(Hosting(facts.hosting))
    return PartyFacts(
        party_id=client_party_id(client),
        name=client.name,
        consumer_records=record_count(facts, client=client).value,
        hosting=hosting,
        **_common(facts),  # type: ignore[arg-type]
    )


def party_facts_for_company() -> PartyFacts:
    """Our company's facts as engine ``PartyFacts`` (party_id "self"); defaults when none are stored."""
    profile = company()
    facts = company_facts()
    name = profile.name if profile else ""
    if facts is None:
        return PartyFacts(party_id=SELF_ID, name=name)
    return to_party_facts_company(facts, name=name)


def party_facts_for_client(client: Client) -> PartyFacts:
    """A client's facts as engine ``PartyFacts`` (party_id ``client_party_id(client)``)."""
    facts = client_facts(client)
    if facts is None:
        return PartyFacts(party_id=client_party_id(client), name=client.name)
    return to_party_facts_client(facts, client)


def assessment_for_company(on: dt.date | None = None) -> Assessment:
    return assess(party_facts_for_company(), on or timezone.localdate())


def assessment_for_client(client: Client, on: dt.date | None = None) -> Assessment:
    return assess(party_facts_for_client(client), on or timezone.localdate())


def clients_with_facts() -> QuerySet[Client]:
    return Client.objects.select_related("law_facts").order_by("-active", "name")


def obligations(*, active: bool | None = None) -> QuerySet[Obligation]:
    qs = Obligation.objects.select_related("owner").order_by(
        "-active", F("due_on").asc(nulls_last=True), "key"
    )
    if active is not None:
        qs = qs.filter(active=active)
    return qs


@dataclass(frozen=True)
class DueSummary:
    overdue: list[Obligation]
    upcoming: list[Obligation]


def due_summary(*, on: dt.date | None = None, days: int = 30) -> DueSummary:
    """Active obligations overdue on ``on`` and those due within ``days`` after it."""
    today = on or timezone.localdate()
    qs = obligations(active=True).filter(due_on__isnull=False)
    overdue = list(qs.filter(due_on__lt=today).order_by("due_on"))
    upcoming = list(
        qs.filter(due_on__gte=today, due_on__lte=today + dt.timedelta(days=days)).order_by("due_on")
    )
    return DueSummary(overdue, upcoming)


def status_of(obligation: Obligation, on: dt.date | None = None) -> str:
    """ "overdue", "upcoming" (30 days), "ok", "inactive" or "none" (no due date)."""
    today = on or timezone.localdate()
    if not obligation.active:
        return "inactive"
    if obligation.due_on is None:
        return "none"
    if obligation.due_on < today:
        return "overdue"
    if obligation.due_on <= today + dt.timedelta(days=30):
        return "upcoming"
    return "ok"
