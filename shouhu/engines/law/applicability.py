"""Applicability engine: which laws and rules bind a party on a given date, and why.

Each applicability rule reads a party's facts (``PartyFacts``) and returns a decision with its reason in
words (zh-TW); the checks live in ``checks.py``. A rule applies only if its law has a version in force on
the date. Threshold rules also produce the follow-up obligations the research supports (plan within 6
months, 30-day resumption, the moda Art. 18 cycle start).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .catalogue import Catalogue, load_catalogue
from .checks import (
    IT_TRANSFER_DATE,
    MOEA_IT_CODES,
    Check,
    FollowUp,
    check_after_school,
    check_cram_school,
    check_cyber_contractor,
    check_cyber_government,
    check_cyber_special,
    check_fsc,
    check_hospital,
    check_moda,
    check_moda_art18,
    check_moea,
    check_ncc,
    check_online_retail,
    check_pdpa,
    check_pdpa_contractor,
    check_tourism,
    check_tourist_hotel,
    pharma_check,
)
from .enums import VersionStatus
from .facts import PartyFacts

__all__ = [
    "Applicable",
    "ApplicabilityRule",
    "Assessment",
    "FollowUp",
    "NotApplicable",
    "RULES",
    "RULE_IDS",
    "assess",
    "decide",
    "evaluate",
]


@dataclass(frozen=True)
class Applicable:
    """A rule that applies to the party on the date, with the reason and the law version used."""

    rule_id: str
    law_id: str
    law_version: str
    law_version_status: VersionStatus
    title_zh: str
    legal_basis_zh: str
    reason_zh: str
    verified: bool
    follow_ups: tuple[FollowUp, ...] = ()


@dataclass(frozen=True)
class NotApplicable:
    """A rule that does not apply, with the reason."""

    rule_id: str
    title_zh: str
    reason_zh: str


@dataclass(frozen=True)
class Assessment:
    """Everything the engine decided for one party on one date."""

    party_id: str
    on: date
    applicable: tuple[Applicable, ...]
    not_applicable: tuple[NotApplicable, ...]
    notes_zh: tuple[str, ...]

    def ids(self) -> list[str]:
        """Ids of the applicable rules, in catalogue order."""
        return [a.rule_id for a in self.applicable]


@dataclass(frozen=True)
class ApplicabilityRule:
    """An applicability rule: the law it belongs to, its legal basis and its check."""

    id: str
    law_id: str
    title_zh: str
    legal_basis_zh: str
    check: Check


RULES: tuple[ApplicabilityRule, ...] = (
    ApplicabilityRule("pdpa", "pdpa", "個人資料保護法", "個資法", check_pdpa),
    ApplicabilityRule(
        "pdpa-contractor",
        "pdpa-er",
        "受託者之個資義務",
        "個資法第4條；個資法施行細則第8條",
        check_pdpa_contractor,
    ),
    ApplicabilityRule(
        "moda", "moda-digital", "數位經濟相關產業個資安維辦法", "數位經濟辦法第2條、附表一", check_moda
    ),
    ApplicabilityRule(
        "moda-art18", "moda-digital", "數位經濟辦法第18條年度檢視", "數位經濟辦法第18條", check_moda_art18
    ),
    ApplicabilityRule("moea", "moea-mfg", "製造業及技術服務業個資安維辦法", "經濟部辦法第2條", check_moea),
    ApplicabilityRule(
        "online-retail",
        "online-retail",
        "網路零售業安維辦法（已廢止）",
        "網路零售業辦法第2條",
        check_online_retail,
    ),
    ApplicabilityRule(
        "tourist-hotel",
        "tourist-hotel",
        "觀光旅館業安維辦法（已廢止）",
        "觀光旅館業辦法",
        check_tourist_hotel,
    ),
    ApplicabilityRule("tourism", "tourism", "觀光產業安維辦法", "觀光產業辦法第4條", check_tourism),
    ApplicabilityRule(
        "cram-school", "cram-school", "短期補習班安維辦法", "短期補習班辦法", check_cram_school
    ),
    ApplicabilityRule(
        "after-school", "after-school", "課後照顧中心安維辦法", "課後照顧中心辦法", check_after_school
    ),
    ApplicabilityRule("fsc", "fsc", "金管會安維辦法", "金管會辦法", check_fsc),
    ApplicabilityRule("hospital", "hospital", "醫院安維辦法", "醫院辦法", check_hospital),
    ApplicabilityRule("ncc", "ncc", "NCC安維辦法", "NCC辦法", check_ncc),
    ApplicabilityRule(
        "pharma-western",
        "pharma-western",
        "西藥批發零售業個資安維辦法",
        "L0030108",
        pharma_check(("4571", "4751"), "藥品及醫療用品批發或零售業"),
    ),
    ApplicabilityRule(
        "pharma-device",
        "pharma-device",
        "醫療器材批發零售業個資安維辦法",
        "L0030137",
        pharma_check(("4571", "4751"), "藥品及醫療用品批發或零售業"),
    ),
    ApplicabilityRule(
        "pharma-cosmetics",
        "pharma-cosmetics",
        "化粧品批發零售業個資安維辦法",
        "L0030138",
        pharma_check(("4572", "4752"), "化粧品批發或零售業"),
    ),
    ApplicabilityRule(
        "cyber-special-non-public",
        "cyber-act",
        "資安法（特定非公務機關）",
        "資通安全管理法第3條第6款",
        check_cyber_special,
    ),
    ApplicabilityRule(
        "cyber-government", "cyber-act", "資安法（公務機關）", "資通安全管理法", check_cyber_government
    ),
    ApplicabilityRule(
        "cyber-contractor",
        "cyber-er",
        "資安法受託者通知義務",
        "資通安全管理法施行細則第4條第6款",
        check_cyber_contractor,
    ),
)

RULE_IDS = frozenset(rule.id for rule in RULES)


def _rule(rule_id: str) -> ApplicabilityRule:
    for rule in RULES:
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)


def decide(
    rule_id: str, facts: PartyFacts, on: date, catalogue: Catalogue | None = None
) -> Applicable | NotApplicable:
    """Decide one applicability rule for ``facts`` on ``on``."""
    catalogue = catalogue or load_catalogue()
    rule = _rule(rule_id)
    law = catalogue.law(rule.law_id)
    version = law.version_on(on)
    if version is None:
        return NotApplicable(
            rule.id, rule.title_zh, f"{law.display_name()}於 {on.isoformat()} 未施行或已廢止"
        )
    decision = rule.check(facts, on)
    if not decision.applies:
        return NotApplicable(rule.id, rule.title_zh, decision.reason_zh)
    return Applicable(
        rule_id=rule.id,
        law_id=law.id,
        law_version=version.id,
        law_version_status=version.status,
        title_zh=rule.title_zh,
        legal_basis_zh=rule.legal_basis_zh,
        reason_zh=decision.reason_zh,
        verified=decision.verified and version.verified,
        follow_ups=decision.follow_ups,
    )


def _notes(facts: PartyFacts, on: date, catalogue: Catalogue) -> tuple[str, ...]:
    notes = []
    for law_id in ("pdpa", "cyber-act"):
        law = catalogue.law(law_id)
        for version in law.versions:
            if version.status is VersionStatus.PROMULGATED_NOT_IN_FORCE:
                notes.append(f"{law.display_name()}「{version.label_zh}」尚未施行，未納入判斷。")
    if IT_TRANSFER_DATE <= on < date(2023, 10, 12) and facts.has_industry(*MOEA_IT_CODES):
        notes.append(
            "2022-08-27至2023-10-11間資訊服務業已移轉數位發展部管轄，但數位經濟辦法尚未發布；研究資料未載此期間適用之辦法。"
        )
    if facts.has_industry("8595") and not check_cram_school(facts, on).applies:
        notes.append(
            "行業代碼8595（課業、升學及就業補習教育業）：如為立案之短期補習班，請申報以適用短期補習班辦法。"
        )
    return tuple(notes)


def assess(facts: PartyFacts, on: date, catalogue: Catalogue | None = None) -> Assessment:
    """Decide every applicability rule for one party on one date."""
    catalogue = catalogue or load_catalogue()
    applicable: list[Applicable] = []
    not_applicable: list[NotApplicable] = []
    for rule in RULES:
        result = decide(rule.id, facts, on, catalogue)
        if isinstance(result, Applicable):
            applicable.append(result)
        else:
            not_applicable.append(result)
    return Assessment(
        facts.party_id, on, tuple(applicable), tuple(not_applicable), _notes(facts, on, catalogue)
    )


def evaluate(facts: PartyFacts, on: date, catalogue: Catalogue | None = None) -> list[Applicable]:
    """The rules that apply to ``facts`` on ``on``."""
    return list(assess(facts, on, catalogue).applicable)
