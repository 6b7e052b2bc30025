"""The one adapter from Shouhu's records to the law engine's PartyFacts.

The law app (``shouhu.law.selectors``) owns the regulatory facts of our company and of each client. Until it
exposes ``party_facts_for_company()`` / ``party_facts_for_client(client)``, a minimal PartyFacts is built
here from the organisation records (industry code, company type, capital). Switch-over needs no other change.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from shouhu.engines.law.facts import CompanyType, PartyFacts

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
_CODE = re.compile(r"^\d{2,4}$")


def client_party_id(client: Any) -> str:
    return f"client-{client.pk}"


def _law_selectors() -> Any | None:
    try:
        from shouhu.law import selectors
    except ImportError:
        return None
    if hasattr(selectors, "party_facts_for_client") and hasattr(selectors, "party_facts_for_company"):
        return selectors
    return None


def _codes(code: str) -> tuple[str, ...]:
    code = (code or "").strip()
    return (code,) if _CODE.match(code) else ()


def company_facts() -> PartyFacts:
    """Our company's facts. When the law app holds none yet, the organisation profile's industry code is used,
    so a vendor that has not filled in its regulatory facts still sees its own 72-hour reporting clock."""
    from shouhu.organization.selectors import company

    profile = company()
    law = _law_selectors()
    if law is not None:
        facts: PartyFacts = law.party_facts_for_company()
        if not facts.industry_codes and not facts.business_item_codes and profile is not None:
            facts = replace(facts, industry_codes=_codes(profile.industry_code))
        return facts
    if profile is None:
        return PartyFacts(party_id="self")
    kind = _COMPANY_TYPES.get(profile.company_type)
    return PartyFacts(
        party_id="self",
        name=profile.name,
        industry_codes=_codes(profile.industry_code),
        company_type=kind,
        paid_in_capital=profile.capital_twd if kind is CompanyType.COMPANY_LIMITED_BY_SHARES else None,
        registered_capital=None if kind is CompanyType.COMPANY_LIMITED_BY_SHARES else profile.capital_twd,
    )


def client_facts(client: Any) -> PartyFacts:
    """Facts for one client; the party id is always ``client-<pk>`` so deadline rows map back to the client."""
    law = _law_selectors()
    if law is not None:
        facts: PartyFacts = law.party_facts_for_client(client)
        if facts.party_id != client_party_id(client):
            facts = replace(facts, party_id=client_party_id(client))
        if not facts.industry_codes and not facts.business_item_codes:
            facts = replace(facts, industry_codes=_codes(client.industry_code))
        return facts
    hosting = None
    if client.service_types:
        hosting = "host" in client.service_types
    return PartyFacts(
        party_id=client_party_id(client),
        name=client.name,
        industry_codes=_codes(client.industry_code),
        hosting=hosting,
    )
