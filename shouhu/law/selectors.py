"""Reads for the law module: a party's facts as engine ``PartyFacts``, assessments, the calendar.

Other modules (incidents, requests) call ``party_facts_for_company()`` and ``party_facts_for_client()``
to hand the engine the facts stored here.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from shouhu.engines.law.applicability import RULES, Applicable, Assessment, NotApplicable, assess
from shouhu.engines.law.catalogue import Catalogue, load_catalogue
from shouhu.engines.law.facts import CompanyType, NccCategory, PartyFacts, Sector, SpecialReason
from shouhu.engines.law.model import RecurringObligation
from shouhu.engines.law.plain import PlainRule, describe
from shouhu.law.models import ClientFacts, CompanyFacts, Completion, Obligation, PartyFactsBase
from shouhu.organization import selectors as organization
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
    return organization.company()


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
    source_zh: str  # marked for the catalogue (gettext_noop); pages show gettext(source_zh)


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
        return RecordCount(manual, gettext_noop("手動填寫"))
    totals = _inventory_totals()
    if totals is None:
        return RecordCount(manual, gettext_noop("手動填寫（個資盤點無資料）"))
    if client is None:
        return RecordCount(int(totals.company), gettext_noop("個資盤點全公司合計（各部門）"))  # type: ignore[attr-defined]
    for row in totals.per_client:  # type: ignore[attr-defined]
        if row.client_id == client.pk:
            return RecordCount(int(row.records), gettext_noop("個資盤點合計"))
    return RecordCount(manual, gettext_noop("手動填寫（個資盤點無此委託者資料）"))


# The organisation module's company types, as the law engine names them.
_COMPANY_TYPES = {
    "corporation": CompanyType.COMPANY_LIMITED_BY_SHARES,
    "limited": CompanyType.LIMITED_COMPANY,
    "unlimited": CompanyType.UNLIMITED_COMPANY,
    "partnership_company": CompanyType.UNLIMITED_LIMITED_COMPANY,
    "sole": CompanyType.SOLE_PROPRIETORSHIP_OR_PARTNERSHIP,
    "partnership": CompanyType.SOLE_PROPRIETORSHIP_OR_PARTNERSHIP,
    "foreign_branch": CompanyType.FOREIGN_COMPANY_BRANCH,
    "other": CompanyType.OTHER,
}
_INDUSTRY = re.compile(r"^\d{2,4}$")


def _industry_codes(main: str, extra: list[str]) -> tuple[str, ...]:
    """The organisation record's main code first, then the extra codes kept in the law facts."""
    main = (main or "").strip()
    codes = ([main] if _INDUSTRY.match(main) else []) + list(extra)
    return tuple(dict.fromkeys(codes))


def hosting_of(client: Client) -> bool | None:
    """Whether we host the client's systems, from its service types: 代管 → True; only other services →
    False; no service recorded → None (not known)."""
    types = list(client.service_types or [])
    if not types:
        return None
    return "host" in types


def _common(facts: PartyFactsBase | None) -> dict[str, object]:
    if facts is None:
        return {}
    return {
        "business_item_codes": tuple(facts.business_item_codes),
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


def to_party_facts_company(facts: CompanyFacts | None, profile: CompanyProfile | None) -> PartyFacts:
    """Engine facts of our company: type, paid-in capital and main industry code from the company profile
    (the only place they are kept), the rest from the (possibly unsaved) ``CompanyFacts``.

    Registered capital: the law facts' value when given (it differs from paid-in capital only for a
    股份有限公司), else the profile's capital for the other company types. Raises ``InvalidFactError``.
    """
    kind = _COMPANY_TYPES.get(profile.company_type) if profile else None
    capital = profile.capital_twd if profile else None
    registered = facts.registered_capital if facts else None
    if registered is None and kind is not CompanyType.COMPANY_LIMITED_BY_SHARES:
        registered = capital
    return PartyFacts(
        party_id=SELF_ID,
        name=profile.name if profile else "",
        industry_codes=_industry_codes(
            profile.industry_code if profile else "", facts.industry_codes if facts else []
        ),
        company_type=kind,
        paid_in_capital=capital,
        registered_capital=registered,
        consumer_records=record_count(facts).value,
        government_contracts=facts.government_contracts if facts else False,
        **_common(facts),  # type: ignore[arg-type]
    )


def to_party_facts_client(facts: ClientFacts | None, client: Client) -> PartyFacts:
    """Engine facts of a client: main industry code and hosting from the client record, the rest from the
    (possibly unsaved) ``ClientFacts``. Raises ``InvalidFactError``."""
    return PartyFacts(
        party_id=client_party_id(client),
        name=client.name,
        industry_codes=_industry_codes(client.industry_code, facts.industry_codes if facts else []),
        company_type=CompanyType(facts.company_type) if facts and facts.company_type else None,
        paid_in_capital=facts.paid_in_capital if facts else None,
        registered_capital=facts.registered_capital if facts else None,
        consumer_records=record_count(facts, client=client).value,
        hosting=hosting_of(client),
        **_common(facts),  # type: ignore[arg-type]
    )


def party_facts_for_company() -> PartyFacts:
    """Our company's facts as engine ``PartyFacts`` (party_id "self"), from the profile and the law facts."""
    return to_party_facts_company(company_facts(), company())


def party_facts_for_client(client: Client) -> PartyFacts:
    """A client's facts as engine ``PartyFacts`` (party_id ``client_party_id(client)``)."""
    return to_party_facts_client(client_facts(client), client)


def assessment_for_company(on: dt.date | None = None) -> Assessment:
    return assess(party_facts_for_company(), on or timezone.localdate())


def assessment_for_client(client: Client, on: dt.date | None = None) -> Assessment:
    return assess(party_facts_for_client(client), on or timezone.localdate())


@dataclass(frozen=True)
class RuleAnswer:
    """One rule that applies (or may apply) to a party, in the words a reader needs."""

    applicable: Applicable
    law_name_zh: str
    version_label_zh: str
    version_status_zh: str
    pcode: str | None
    source_url: str | None
    unverified: tuple[str, ...]
    clocks: list[PlainRule]
    recurring: list[RecurringObligation]
    law_name_en: str = ""
    version_label_en: str = ""
    version_status_en: str = ""


@dataclass(frozen=True)
class PartyAnswer:
    """What applies to a party on a date: the answer first, the research behind it separately."""

    on: dt.date
    certain: list[RuleAnswer]
    possible: list[RuleAnswer]
    missing_zh: list[str]  # facts to fill in, e.g. 「病床數」
    notes_zh: tuple[str, ...]
    not_applicable: tuple[NotApplicable, ...]
    general: list[RecurringObligation]  # the guideline's items for every company
    missing_en: list[str] = field(default_factory=list)
    notes_en: tuple[str, ...] = ()


_APPLICABILITY_TITLES = {rule.id: rule.title_zh for rule in RULES}
_APPLICABILITY_TITLES_EN = {rule.id: rule.title_en for rule in RULES}


def applicability_title(rule_id: str) -> str:
    """The name of an applicability rule in words (「醫院安維辦法」), for calendar conditions."""
    return _APPLICABILITY_TITLES.get(rule_id, rule_id)


def applicability_title_en(rule_id: str) -> str:
    """The English name of an applicability rule ("Hospitals personal data security rules")."""
    return _APPLICABILITY_TITLES_EN.get(rule_id, rule_id)


def law_version_label(condition: str, version_id: str, *, english: bool = False) -> str:
    """The label of version ``version_id`` of the law behind applicability rule ``condition``, or ""."""
    law_id = next((rule.law_id for rule in RULES if rule.id == condition), None)
    if law_id is None or not version_id:
        return ""
    law = catalogue().law(law_id)
    try:
        version = law.version(version_id)
    except KeyError:
        return ""
    if english:
        return f"{law.display_name_en(version)} ({version.label_en or version.label_zh})"
    return f"{law.display_name(version)}（{version.label_zh}）"


def answer(assessment: Assessment, *, own_company: bool) -> PartyAnswer:
    """The assessment turned into the page's answer: which rules, why, what to do, which clocks."""
    cat = catalogue()
    rows = []
    for applied in assessment.applicable:
        law = cat.law(applied.law_id)
        version = law.version(applied.law_version)
        clocks = []
        for rule in cat.rules:
            rule_law = cat.law(rule.law)
            in_force = rule_law.version_on(assessment.on)
            if rule.applies_if == applied.rule_id and in_force is not None and rule.version_for(in_force.id):
                clocks.append(describe(rule))
        rows.append(
            RuleAnswer(
                applicable=applied, law_name_zh=law.display_name(version), version_label_zh=version.label_zh,
                version_status_zh=version.status.label_zh, pcode=law.pcode, source_url=law.source_url,
                unverified=tuple(dict.fromkeys((*law.unverified, *version.unverified))), clocks=clocks,
                recurring=[o for o in cat.recurring if o.condition == applied.rule_id],
                law_name_en=law.display_name_en(version), version_label_en=version.label_en,
                version_status_en=version.status.label_en,
            )
        )  # fmt: skip
    missing = list(dict.fromkeys(p.label_zh for a in assessment.applicable for p in a.pending))
    missing_en = list(dict.fromkeys(p.label_en for a in assessment.applicable for p in a.pending))
    return PartyAnswer(
        on=assessment.on,
        certain=[r for r in rows if not r.applicable.pending],
        possible=[r for r in rows if r.applicable.pending],
        missing_zh=missing,
        notes_zh=assessment.notes_zh,
        not_applicable=assessment.not_applicable,
        general=[o for o in cat.recurring if o.condition == "always"] if own_company else [],
        missing_en=missing_en,
        notes_en=assessment.notes_en,
    )


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


def completions(*, start: dt.date, end: dt.date) -> QuerySet[Completion]:
    """Calendar completions recorded for ``start``–``end`` (inclusive), with their obligation and evidence."""
    return (
        Completion.objects.filter(done_on__gte=start, done_on__lte=end)
        .select_related("obligation", "evidence__blob")
        .order_by("done_on", "pk")
    )
