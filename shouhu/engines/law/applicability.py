"""Applicability engine: which laws and rules bind a party on a given date, and why.

Each applicability rule reads a party's facts (``PartyFacts``) and returns a decision with its reason in
words (zh-TW, and English for English pages); the checks live in ``checks.py``. A rule applies only if its law has a version in force on
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
    Decision,
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
from .pending import PendingFact, labels_en, labels_zh
from .sectorscope import load_scopes, scope_check

__all__ = [
    "Applicable",
    "ApplicabilityRule",
    "Assessment",
    "FollowUp",
    "NotApplicable",
    "RULES",
    "RULE_IDS",
    "assess",
    "check_party",
    "decide",
    "evaluate",
]


@dataclass(frozen=True)
class Applicable:
    """A rule that applies to the party on the date, with the reason and the law version used.

    With ``pending`` facts it only *may* apply (「可能適用：尚缺 病床數」): a threshold fact is not yet
    known, and the rule is kept (conservatively) until the fact shows it below its limit.
    """

    rule_id: str
    law_id: str
    law_version: str
    law_version_status: VersionStatus
    title_zh: str
    legal_basis_zh: str
    reason_zh: str
    verified: bool
    follow_ups: tuple[FollowUp, ...] = ()
    pending: tuple[PendingFact, ...] = ()
    recipient_zh: str | None = None
    title_en: str = ""
    legal_basis_en: str = ""
    reason_en: str = ""

    @property
    def possibly(self) -> bool:
        """True when the rule applies only if the pending facts do not rule it out."""
        return bool(self.pending)

    @property
    def pending_zh(self) -> str:
        """「可能適用：尚缺 病床數」, or "" when the rule certainly applies."""
        return f"可能適用：尚缺 {labels_zh(self.pending)}" if self.pending else ""

    @property
    def pending_en(self) -> str:
        """ "May apply: missing number of hospital beds", or "" when the rule certainly applies."""
        return f"May apply: missing {labels_en(self.pending)}" if self.pending else ""


@dataclass(frozen=True)
class NotApplicable:
    """A rule that does not apply, with the reason.

    ``not_covered``: the party's facts meet the rule, but the catalogue has no version of its law for the
    date (earlier texts not yet collected) — the engine cannot decide and says so.
    """

    rule_id: str
    title_zh: str
    reason_zh: str
    not_covered: bool = False
    title_en: str = ""
    reason_en: str = ""


@dataclass(frozen=True)
class Assessment:
    """Everything the engine decided for one party on one date."""

    party_id: str
    on: date
    applicable: tuple[Applicable, ...]
    not_applicable: tuple[NotApplicable, ...]
    notes_zh: tuple[str, ...]
    notes_en: tuple[str, ...] = ()

    def ids(self) -> list[str]:
        """Ids of the applicable rules (including those that may apply), in catalogue order."""
        return [a.rule_id for a in self.applicable]

    @property
    def certain(self) -> tuple[Applicable, ...]:
        """Rules that apply whatever the unknown facts turn out to be."""
        return tuple(a for a in self.applicable if not a.pending)

    @property
    def possible(self) -> tuple[Applicable, ...]:
        """Rules that may apply: a threshold fact is not yet known."""
        return tuple(a for a in self.applicable if a.pending)

    @property
    def not_covered(self) -> tuple[NotApplicable, ...]:
        """Rules the engine cannot decide for the date (no collected version of their law)."""
        return tuple(n for n in self.not_applicable if n.not_covered)


@dataclass(frozen=True)
class ApplicabilityRule:
    """An applicability rule: the law it belongs to, its legal basis and its check."""

    id: str
    law_id: str
    title_zh: str
    legal_basis_zh: str
    check: Check
    title_en: str = ""
    legal_basis_en: str = ""


def _rule_of(
    rule_id: str, law_id: str, title: tuple[str, str], basis: tuple[str, str], check: Check
) -> ApplicabilityRule:
    return ApplicabilityRule(rule_id, law_id, title[0], basis[0], check, title[1], basis[1])


RULES: tuple[ApplicabilityRule, ...] = (
    _rule_of(
        "pdpa", "pdpa", ("個人資料保護法", "Personal Data Protection Act"), ("個資法", "PDPA"), check_pdpa
    ),
    _rule_of(
        "pdpa-contractor",
        "pdpa-er",
        ("受託者之個資義務", "A processor's personal data duties"),
        ("個資法第4條；個資法施行細則第8條", "PDPA Art. 4; PDPA Enforcement Rules Art. 8"),
        check_pdpa_contractor,
    ),
    _rule_of(
        "moda",
        "moda-digital",
        ("數位經濟相關產業個資安維辦法", "Digital economy industries personal data security rules"),
        ("數位經濟辦法第2條、附表一", "Digital economy rules Art. 2 and annex 1"),
        check_moda,
    ),
    _rule_of(
        "moda-art18",
        "moda-digital",
        ("數位經濟辦法第18條年度檢視", "Digital economy rules Art. 18 yearly review"),
        ("數位經濟辦法第18條", "Digital economy rules Art. 18"),
        check_moda_art18,
    ),
    _rule_of(
        "moea",
        "moea-mfg",
        (
            "製造業及技術服務業個資安維辦法",
            "MOEA manufacturing and technical services personal data security rules",
        ),
        ("經濟部辦法第2條", "MOEA rules Art. 2"),
        check_moea,
    ),
    _rule_of(
        "online-retail",
        "online-retail",
        ("網路零售業安維辦法（已廢止）", "Online retail personal data security rules (repealed)"),
        ("網路零售業辦法第2條", "Online retail rules Art. 2"),
        check_online_retail,
    ),
    _rule_of(
        "tourist-hotel",
        "tourist-hotel",
        ("觀光旅館業安維辦法（已廢止）", "Tourist hotels personal data security rules (repealed)"),
        ("觀光旅館業辦法", "Tourist hotel rules"),
        check_tourist_hotel,
    ),
    _rule_of(
        "tourism",
        "tourism",
        ("觀光產業安維辦法", "Tourism industries personal data security rules"),
        ("觀光產業辦法第4條", "Tourism industries rules Art. 4"),
        check_tourism,
    ),
    _rule_of(
        "cram-school",
        "cram-school",
        ("短期補習班安維辦法", "Short-term cram schools personal data security rules"),
        ("短期補習班辦法", "Short-term cram school rules"),
        check_cram_school,
    ),
    _rule_of(
        "after-school",
        "after-school",
        ("課後照顧中心安維辦法", "After-school care centres personal data security rules"),
        ("課後照顧中心辦法", "After-school care centre rules"),
        check_after_school,
    ),
    _rule_of(
        "fsc",
        "fsc",
        ("金管會安維辦法", "FSC personal data security rules"),
        ("金管會辦法", "FSC rules"),
        check_fsc,
    ),
    _rule_of(
        "hospital",
        "hospital",
        ("醫院安維辦法", "Hospitals personal data security rules"),
        ("醫院辦法", "Hospital rules"),
        check_hospital,
    ),
    _rule_of(
        "ncc",
        "ncc",
        ("NCC安維辦法", "NCC personal data security rules"),
        ("NCC辦法", "NCC rules"),
        check_ncc,
    ),
    _rule_of(
        "pharma-western",
        "pharma-western",
        ("西藥批發零售業個資安維辦法", "Western medicine wholesale and retail personal data security rules"),
        ("L0030108", "L0030108"),
        pharma_check(
            ("4571", "4751"),
            "藥品及醫療用品批發或零售業",
            "wholesale or retail of medicines and medical goods",
        ),
    ),
    _rule_of(
        "pharma-device",
        "pharma-device",
        (
            "醫療器材批發零售業個資安維辦法",
            "Medical device wholesale and retail personal data security rules",
        ),
        ("L0030137", "L0030137"),
        pharma_check(
            ("4571", "4751"),
            "藥品及醫療用品批發或零售業",
            "wholesale or retail of medicines and medical goods",
        ),
    ),
    _rule_of(
        "pharma-cosmetics",
        "pharma-cosmetics",
        ("化粧品批發零售業個資安維辦法", "Cosmetics wholesale and retail personal data security rules"),
        ("L0030138", "L0030138"),
        pharma_check(("4572", "4752"), "化粧品批發或零售業", "wholesale or retail of cosmetics"),
    ),
    _rule_of(
        "cyber-special-non-public",
        "cyber-act",
        ("資安法（特定非公務機關）", "Cyber Security Management Act (specific non-government agencies)"),
        ("資通安全管理法第3條第6款", "Cyber Security Management Act Art. 3(6)"),
        check_cyber_special,
    ),
    _rule_of(
        "cyber-government",
        "cyber-act",
        ("資安法（公務機關）", "Cyber Security Management Act (government agencies)"),
        ("資通安全管理法", "Cyber Security Management Act"),
        check_cyber_government,
    ),
    _rule_of(
        "cyber-contractor",
        "cyber-er",
        ("資安法受託者通知義務", "Cyber Security Management Act: a contractor's duty to notify"),
        ("資通安全管理法施行細則第4條第6款", "Cyber Security Management Act Enforcement Rules Art. 4(6)"),
        check_cyber_contractor,
    ),
)

# The client-sector rules (數位經濟辦法第19條: the vendor follows its client's sector rule) are data:
# data/sector_scope.toml says which parties each binds (see sectorscope.py).
RULES += tuple(
    ApplicabilityRule(
        scope.id,
        scope.law,
        scope.title_zh,
        scope.basis_zh,
        scope_check(scope),
        scope.title_en,
        scope.basis_en,
    )
    for scope in load_scopes()
)

RULE_IDS = frozenset(rule.id for rule in RULES)


_BY_ID = {rule.id: rule for rule in RULES}


def _rule(rule_id: str) -> ApplicabilityRule:
    return _BY_ID[rule_id]


def check_party(rule_id: str, facts: PartyFacts, on: date) -> Decision:
    """The rule's own test of the party's facts, regardless of whether its law is in force on ``on``."""
    return _rule(rule_id).check(facts, on)


def not_covered_reason(law_name: str, on: date) -> str:
    """The zh-TW sentence for a date the catalogue has no version of a law for."""
    return f"本規則於 {on.isoformat()} 未涵蓋：尚未收錄{law_name}較早（或該期間）之版本，無法判斷；請自行確認當時適用之條文"


def not_covered_reason_en(law_name: str, on: date) -> str:
    """The English sentence for a date the catalogue has no version of a law for."""
    return (
        f"This rule does not cover {on.isoformat()}: no earlier version of {law_name} (or none for that period) "
        "has been collected, so it cannot be decided; check which text applied then"
    )


def decide(
    rule_id: str, facts: PartyFacts, on: date, catalogue: Catalogue | None = None
) -> Applicable | NotApplicable:
    """Decide one applicability rule for ``facts`` on ``on``."""
    catalogue = catalogue or load_catalogue()
    rule = _rule(rule_id)
    law = catalogue.law(rule.law_id)
    version = law.version_on(on)
    name_en = law.name_en or rule.title_en
    if version is None:
        if law.coverage_on(on).is_data_gap and rule.check(facts, on).applies:
            return NotApplicable(
                rule.id,
                rule.title_zh,
                not_covered_reason(law.display_name(), on),
                True,
                rule.title_en,
                not_covered_reason_en(name_en, on),
            )
        return NotApplicable(
            rule.id,
            rule.title_zh,
            f"{law.display_name()}於 {on.isoformat()} 未施行或已廢止",
            title_en=rule.title_en,
            reason_en=f"{name_en} was not in force on {on.isoformat()} (not yet in force, or repealed)",
        )
    decision = rule.check(facts, on)
    if not decision.applies:
        return NotApplicable(
            rule.id, rule.title_zh, decision.reason_zh, title_en=rule.title_en, reason_en=decision.reason_en
        )
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
        pending=decision.pending,
        recipient_zh=decision.recipient_zh,
        title_en=rule.title_en,
        legal_basis_en=rule.legal_basis_en,
        reason_en=decision.reason_en,
    )


def _notes(facts: PartyFacts, on: date, catalogue: Catalogue) -> tuple[tuple[str, str], ...]:
    """Notes for the reader, each (zh-TW, English)."""
    notes = []
    for law_id in ("pdpa", "cyber-act"):
        law = catalogue.law(law_id)
        for version in law.versions:
            if version.status is VersionStatus.PROMULGATED_NOT_IN_FORCE:
                notes.append(
                    (
                        f"{law.display_name()}「{version.label_zh}」尚未施行，未納入判斷。",
                        f"{law.name_en or law.id}: \u201c{version.label_en or version.id}\u201d is not yet in force "
                        "and is left out of the decision.",
                    )
                )
    moda = catalogue.law("moda-digital")
    if on >= IT_TRANSFER_DATE and moda.version_on(on) is None and facts.has_industry(*MOEA_IT_CODES):
        notes.append(
            (
                "2022-08-27起資訊服務業改由數位發展部管轄，數位經濟辦法施行前仍適用經濟部製造業及技術服務業辦法（主管機關為數位發展部）。",
                "From 2022-08-27 the IT service industries are under the Ministry of Digital Affairs; until the "
                "digital economy rules took effect the MOEA manufacturing and technical services rule still "
                "applied (with that ministry as the authority).",
            )
        )
    if not facts.industry_codes and not facts.business_item_codes and not facts.sectors:
        notes.append(
            (
                "未填行業代碼或行業別，無法判斷業別辦法（如醫院、觀光、金融等）是否適用；請補填。",
                "No industry code or sector is given, so the industry rules (hospitals, tourism, finance …) "
                "cannot be decided; please fill them in.",
            )
        )
    if facts.has_industry("8595") and not check_cram_school(facts, on).applies:
        notes.append(
            (
                "行業代碼8595（課業、升學及就業補習教育業）：如為立案之短期補習班，請申報以適用短期補習班辦法。",
                "Industry code 8595 (tutoring for school, entrance exams and employment): if it is a licensed "
                "short-term cram school, declare it so that the cram school rule applies.",
            )
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
    notes = _notes(facts, on, catalogue)
    notes += tuple(
        (f"{n.title_zh}：{n.reason_zh}。", f"{n.title_en}: {n.reason_en}.")
        for n in not_applicable
        if n.not_covered
    )
    return Assessment(
        facts.party_id,
        on,
        tuple(applicable),
        tuple(not_applicable),
        tuple(zh for zh, _ in notes),
        tuple(en for _, en in notes),
    )


def evaluate(facts: PartyFacts, on: date, catalogue: Catalogue | None = None) -> list[Applicable]:
    """The rules that apply to ``facts`` on ``on``."""
    return list(assess(facts, on, catalogue).applicable)
