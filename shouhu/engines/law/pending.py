"""Facts not yet known, and warnings: what the engine could not decide, said out loud.

A legal clock that depends on an unknown fact is never dropped: the deadline is returned with the
``PendingFact``s it waits on (shown, counted down and reminded until someone answers "no"). Whatever the
engine cannot compute at all (no rule version covers the date, a fact value a rule cannot evaluate, a
date outside the office calendar) becomes an ``EngineWarning`` beside the results, never an empty list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PendingFact:
    """A fact not yet known that decides whether a deadline or rule applies.

    ``key`` is ``"serious"``, ``"ncc_serious"``, ``"caused_by_violation"``, ``"level"``, ``"at_fault"``
    for incident and event facts (``party_id`` None), or ``"party.<party_id>.<fact>"`` for a party's
    threshold fact (``fact`` is the ``PartyFacts`` field name, e.g. ``party.self.consumer_records``).
    """

    key: str
    label_zh: str
    label_en: str
    party_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label_zh": self.label_zh,
            "label_en": self.label_en,
            "party_id": self.party_id,
        }


@dataclass(frozen=True)
class EngineWarning:
    """Something the engine could not compute or had to assume, in words (zh-TW and English)."""

    code: str
    message_zh: str
    message_en: str
    rule_id: str | None = None
    party_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "rule_id": self.rule_id,
            "party_id": self.party_id,
        }


# Warning codes (stable; consumers may switch on them).
RULE_NOT_COVERED = "rule_not_covered"  # no version of the rule's law covers the anchor date
RULE_VERSION_MISSING = "rule_version_missing"  # the law version in force is not encoded for the rule
UNKNOWN_APPLICABILITY = (
    "unknown_applicability_rule"  # catalogue names an applicability rule that does not exist
)
FACT_CONFLICT = "fact_conflict"  # two facts contradict; the conservative one is used
PARTY_INDUSTRY_UNKNOWN = "party_industry_unknown"  # no industry code or sector: sector rules undecidable
CALENDAR_NOT_COVERED = "calendar_not_covered"  # last day of a period outside the office-calendar data
ANCHOR_ESTIMATED = "anchor_estimated"  # a start time is missing and a later one stands in for it
COUNTING_IGNORED = "counting_ignored"  # the old "counting" option of the preview input no longer applies

# Incident and event facts: (label_zh, label_en).
INCIDENT_FACT_LABELS: dict[str, tuple[str, str]] = {
    "serious": (
        "是否危及正常營運或大量當事人權益",
        "whether the incident endangers normal operation or the rights of many data subjects",
    ),
    "ncc_serious": (
        "是否屬NCC所定重大個資事故（致當事人有重大損害之虞或評為很嚴重以上）",
        "whether it is a serious incident under the NCC rule",
    ),
    "caused_by_violation": (
        "是否因違反個資法所致",
        "whether the breach was caused by a violation of the PDPA",
    ),
    "level": ("資安事件等級", "the cyber incident level"),
    "at_fault": ("是否可歸責於蒐集者", "whether the collector is at fault"),
    "contract_notice_hours": (
        "委託契約約定之通知時限",
        "the notice period agreed in the client contract",
    ),
}

# Party threshold facts: (label_zh, label_en).
PARTY_FACT_LABELS: dict[str, tuple[str, str]] = {
    "consumer_records": ("保有個資筆數", "number of personal data records held"),
    "hospital_beds": ("病床數", "number of hospital beds"),
    "paid_in_capital": ("實收資本額", "paid-in capital"),
    "registered_capital": ("登記資本額", "registered capital"),
    "ncc_subscribers": ("訂戶數", "number of subscribers"),
    "company_type": ("組織型態", "organisation type"),
    "collects_customer_data": (
        "是否招募會員或取得客戶個資",
        "whether it recruits members or obtains customers' personal data",
    ),
}


def incident_fact(name: str) -> PendingFact:
    """The pending incident fact ``name`` (one of ``INCIDENT_FACT_LABELS``)."""
    zh, en = INCIDENT_FACT_LABELS[name]
    return PendingFact(key=name, label_zh=zh, label_en=en)


def party_fact(party_id: str, name: str) -> PendingFact:
    """The pending threshold fact ``name`` (a ``PartyFacts`` field) of party ``party_id``."""
    zh, en = PARTY_FACT_LABELS[name]
    return PendingFact(key=f"party.{party_id}.{name}", label_zh=zh, label_en=en, party_id=party_id)


def labels_zh(pending: tuple[PendingFact, ...] | list[PendingFact]) -> str:
    """The labels joined for a sentence: 「病床數、實收資本額」."""
    return "、".join(dict.fromkeys(p.label_zh for p in pending))


def labels_en(pending: tuple[PendingFact, ...] | list[PendingFact]) -> str:
    """The English labels joined for a sentence: "number of hospital beds, paid-in capital"."""
    return ", ".join(dict.fromkeys(p.label_en for p in pending))
