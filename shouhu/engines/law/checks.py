"""The individual applicability checks: each reads a party's facts and decides, with reasons.

Thresholds are module constants, each commented with the rule that sets it. Used by
``shouhu.engines.law.applicability``. Every reason is written twice, in zh-TW (``*_zh``, the source, also
for official documents) and in English (``*_en``, for English pages); the engine stays free of Django.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .facts import CompanyType, NccCategory, PartyFacts, Sector, SpecialReason
from .pending import PendingFact, labels_en, labels_zh, party_fact
from .timeutil import add_months

CAPITAL_10M = 10_000_000  # moda Art. 18; online-retail Art. 2
CAPITAL_30M = 30_000_000  # 西藥／醫療器材／化粧品 wholesale and retail rules
RECORDS_5000 = 5_000  # MOEA Art. 2; moda Art. 18
RECORDS_8000 = 8_000  # tourism Art. 4
BEDS_100 = 100  # hospital rule
SUBSCRIBERS_3000 = 3_000  # NCC rule: ISP and DBS
USERS_5000 = 5_000  # NCC rule: plan must include an audit
IT_TRANSFER_DATE = date(2022, 8, 27)  # IT industries moved from MOEA to moda
MODA_VERIFIED_CODES = ("582", "620", "639")  # moved to moda by the 2022 EY notice; 6312, 4871 secondary
MOEA_IT_CODES = ("582", "620", "631", "639")  # in the MOEA annex until 2022-08-26


_CAPITAL_EN = {"實收資本額": "paid-in capital", "登記資本額": "registered capital"}


def _first_upper(text: str) -> str:
    """The sentence's first letter in capitals, the rest as written ("NCC" stays "NCC")."""
    return text[:1].upper() + text[1:]


def money(value: int) -> str:
    """Format an amount as NT$12,000,000."""
    return f"NT${value:,}"


@dataclass(frozen=True)
class FollowUp:
    """An obligation that follows from crossing a threshold."""

    id: str
    title_zh: str
    due_on: date | None
    reason_zh: str
    legal_basis_zh: str
    title_en: str = ""
    reason_en: str = ""
    legal_basis_en: str = ""


@dataclass(frozen=True)
class Decision:
    """What one check decided: applies or not, why, and any follow-ups.

    ``applies`` True with ``pending`` facts means "may apply": it applies unless a pending threshold
    fact turns out below its limit (the conservative reading; never silently "no").
    ``recipient_zh`` overrides the deadline rule's recipient when the facts change it (e.g. an IT
    vendor under the MOEA rule after its move to 數位發展部).
    """

    applies: bool
    reason_zh: str
    verified: bool = True
    follow_ups: tuple[FollowUp, ...] = ()
    pending: tuple[PendingFact, ...] = ()
    recipient_zh: str | None = None
    reason_en: str = ""


def _yes(zh: str, en: str, verified: bool = True, follow_ups: tuple[FollowUp, ...] = ()) -> Decision:
    return Decision(True, zh, verified, follow_ups, reason_en=en)


def _no(zh: str, en: str, verified: bool = True) -> Decision:
    return Decision(False, zh, verified, reason_en=en)


def _maybe(
    facts: PartyFacts, reason: str, reason_en: str, names: tuple[str, ...], verified: bool = True
) -> Decision:
    """A rule that applies unless the unknown threshold facts ``names`` turn out below the limit."""
    pending = tuple(party_fact(facts.party_id, name) for name in names)
    return Decision(
        True,
        f"{reason} → 可能適用（尚缺{labels_zh(pending)}）",
        verified,
        pending=pending,
        reason_en=f"{reason_en} → may apply (missing: {labels_en(pending)})",
    )


Check = Callable[[PartyFacts, date], Decision]


def _threshold_follow_ups(
    facts: PartyFacts, prefix: str, basis: tuple[str, str], *, plan: bool, threshold: int
) -> tuple[FollowUp, ...]:
    reached = facts.threshold_reached_on
    if reached is None:
        return ()
    items = []
    if facts.resuming_after_suspension:
        items.append(
            FollowUp(
                id=f"{prefix}-resume-30d",
                title_zh="恢復執行安全維護計畫（30日內）",
                due_on=reached + timedelta(days=30),
                reason_zh=f"暫停後於 {reached.isoformat()} 再達{threshold:,}筆 → 30日內全面恢復執行",
                legal_basis_zh=basis[0],
                title_en="Resume the security maintenance plan (within 30 days)",
                reason_en=(
                    f"{threshold:,} records reached again on {reached.isoformat()} after a suspension → resume "
                    "the plan in full within 30 days"
                ),
                legal_basis_en=basis[1],
            )
        )
    elif plan:
        items.append(
            FollowUp(
                id=f"{prefix}-plan-6m",
                title_zh="訂定個資檔案安全維護計畫（6個月內）",
                due_on=add_months(reached, 6),
                reason_zh=f"於 {reached.isoformat()} 達{threshold:,}筆 → 6個月內訂定計畫",
                legal_basis_zh=basis[0],
                title_en="Adopt a personal data file security maintenance plan (within 6 months)",
                reason_en=f"{threshold:,} records reached on {reached.isoformat()} → adopt the plan within 6 months",
                legal_basis_en=basis[1],
            )
        )
    return tuple(items)


def _records(facts: PartyFacts, threshold: int, label: str, label_en: str) -> tuple[bool | None, str, str]:
    """Whether the records reach ``threshold``, with the words in zh-TW and English."""
    if facts.consumer_records is None:
        return (
            None,
            f"未提供保有{label}筆數，無法判斷是否達 {threshold:,} 筆",
            f"the number of {label_en} held is not given, so whether it reaches {threshold:,} cannot be decided",
        )
    held = facts.consumer_records
    if held >= threshold:
        return (
            True,
            f"保有{label} {held:,} 筆 ≥ {threshold:,} 筆",
            f"{held:,} {label_en} held ≥ {threshold:,}",
        )
    return False, f"保有{label} {held:,} 筆 < {threshold:,} 筆", f"{held:,} {label_en} held < {threshold:,}"


def check_pdpa(facts: PartyFacts, on: date) -> Decision:
    """PDPA binds every public and non-public agency; it has no threshold."""
    kind = "公務機關" if facts.is_government_agency else "非公務機關"
    kind_en = "a government agency" if facts.is_government_agency else "a non-government agency"
    return _yes(
        f"{facts.label_zh}為{kind}；個資法無適用門檻 → 適用",
        f"{facts.label_en} is {kind_en}; the PDPA has no threshold → applies",
    )


def check_pdpa_contractor(facts: PartyFacts, on: date) -> Decision:
    """Our company is the client's contractor (PDPA Art. 4; Enforcement Rules Art. 8)."""
    if facts.party_id == "self":
        return _no("本公司非自身之受託者", "Our company is not its own processor")
    how = {True: "代管其系統", False: "僅建置或維護其系統", None: "受託提供資訊服務"}[facts.hosting]
    how_en = {
        True: "hosting its systems",
        False: "building or maintaining its systems only",
        None: "providing IT services on its behalf",
    }[facts.hosting]
    return _yes(
        f"本公司為{facts.label_zh}之受託者（{how}），於個資法適用範圍內視同委託機關，"
        "並受委託者監督 → 違反個資法時依契約通知、違法指示立即通知",
        f"Our company is the processor of {facts.name_en} ({how_en}); within the PDPA it is treated as the commissioning agency and is supervised by the "
        "client → on a PDPA violation it notifies as the contract says, and an unlawful instruction at once",
    )


def _moda_industry(facts: PartyFacts) -> tuple[str, str, bool] | None:
    """What puts the party in the moda annex, and whether that is verified.

    582, 620 and 639 moved to moda by the verified 2022 EY notice; 6312, internet retail (4871) and
    third-party payment rest on a secondary copy of 附表一.
    """
    code = facts.has_industry(*MODA_VERIFIED_CODES)
    if code:
        return f"行業代碼 {code}", f"Industry code {code}", True
    code = facts.has_industry("6312")
    if code:
        return (
            f"行業代碼 {code}（附表一依次級資料）",
            f"Industry code {code} (annex 1 from a secondary source)",
            False,
        )
    code = facts.has_industry("4871")
    if code and Sector.INTERNET_RETAIL in facts.sectors:
        return (
            f"行業代碼 {code}（網際網路零售；附表一依次級資料）",
            f"Industry code {code} (internet retail; annex 1 from a secondary source)",
            False,
        )
    if Sector.THIRD_PARTY_PAYMENT in facts.sectors:
        return (
            "第三方支付業（附表一依次級資料）",
            "Third-party payment (annex 1 from a secondary source)",
            False,
        )
    return None


def check_moda(facts: PartyFacts, on: date) -> Decision:
    """moda rule: the industries in its 附表一; no record threshold."""
    found = _moda_industry(facts)
    if found is None:
        return _no(
            "行業不屬數位經濟辦法附表一所列行業",
            "The industry is not listed in annex 1 of the digital economy rules",
        )
    what, what_en, verified = found
    return _yes(
        f"{what}屬數位經濟辦法附表一所列行業；無筆數門檻 → 適用",
        f"{what_en} is listed in annex 1 of the digital economy rules; no record threshold → applies",
        verified,
    )


def check_moda_art18(facts: PartyFacts, on: date) -> Decision:
    """moda Art. 18: capital ≥ NT$10M (paid-in for 股份有限公司) or ≥ 5,000 records → 12-month review."""
    moda = check_moda(facts, on)
    if not moda.applies:
        return _no("不適用數位經濟辦法", "The digital economy rules do not apply")
    capital, capital_label = facts.capital_for_threshold()
    capital_en = _CAPITAL_EN[capital_label]
    type_label = facts.company_type.label_zh if facts.company_type else "公司類型未提供"
    type_en = facts.company_type.label_en if facts.company_type else "company type not given"
    reasons: list[tuple[str, str]] = []
    if capital is not None and capital >= CAPITAL_10M:
        reasons.append(
            (
                f"{type_label}、{capital_label} {money(capital)} ≥ {money(CAPITAL_10M)}",
                f"{type_en}, {capital_en} {money(capital)} ≥ {money(CAPITAL_10M)}",
            )
        )
    records_met, records_text, records_en = _records(facts, RECORDS_5000, "個資", "personal data records")
    if records_met:
        reasons.append((records_text, records_en))
    if not reasons:
        capital_text, capital_text_en = (
            (
                f"{type_label}、{capital_label} {money(capital)} < {money(CAPITAL_10M)}",
                f"{type_en}, {capital_en} {money(capital)} < {money(CAPITAL_10M)}",
            )
            if capital is not None
            else (f"未提供{capital_label}", f"{capital_en} not given")
        )
        missing = tuple(
            name
            for name, value in (
                ("paid_in_capital" if capital_label == "實收資本額" else "registered_capital", capital),
                ("consumer_records", facts.consumer_records),
            )
            if value is None
        )
        if missing:
            return _maybe(
                facts,
                f"{capital_text}；{records_text}（第18條年度檢視）",
                f"{capital_text_en}; {records_en} (Art. 18 yearly review)",
                missing,
                moda.verified,
            )
        return _no(
            f"{capital_text}；{records_text} → 第18條年度檢視義務不適用",
            f"{capital_text_en}; {records_en} → the Art. 18 yearly review does not apply",
        )
    follow_ups: list[FollowUp] = []
    basis = (
        "數位經濟相關產業個人資料檔案安全維護管理辦法第18條",
        "Digital economy industries personal data file security rules, Art. 18",
    )
    if facts.threshold_reached_on is not None:
        if facts.resuming_after_suspension and records_met:
            follow_ups.extend(
                _threshold_follow_ups(facts, "moda-art18", basis, plan=False, threshold=RECORDS_5000)
            )
        else:
            start = add_months(facts.threshold_reached_on, 6)
            follow_ups.append(
                FollowUp(
                    id="moda-art18-cycle-start",
                    title_zh="第18條措施之12個月檢視週期起算",
                    due_on=start,
                    reason_zh=f"於 {facts.threshold_reached_on.isoformat()} 達門檻 → 6個月後（{start.isoformat()}）起每12個月檢視",
                    legal_basis_zh=basis[0],
                    title_en="Start of the 12-month review cycle of the Art. 18 measures",
                    reason_en=(
                        f"Threshold reached on {facts.threshold_reached_on.isoformat()} → review every 12 months "
                        f"from 6 months later ({start.isoformat()})"
                    ),
                    legal_basis_en=basis[1],
                )
            )
    return _yes(
        "；".join(zh for zh, _ in reasons) + " → 第18條年度檢視義務適用",
        "; ".join(en for _, en in reasons) + " → the Art. 18 yearly review applies",
        moda.verified,
        tuple(follow_ups),
    )


def _moda_rule_in_force(on: date) -> bool:
    """True once the moda rule (數位經濟相關產業個資安維辦法) has a version in force on ``on``."""
    from .catalogue import load_catalogue

    return load_catalogue().law("moda-digital").version_on(on) is not None


def check_moea(facts: PartyFacts, on: date) -> Decision:
    """MOEA rule: 附表一 industries holding ≥ 5,000 consumer records (single-day count).

    The IT industries (582, 620, 631, 639) moved to 數位發展部 on 2022-08-27, but moda issued its own rule
    only later; until then they stayed under this rule with moda as the authority (issue 10 §2).
    """
    it_code = facts.has_industry(*MOEA_IT_CODES)
    recipient = None
    if it_code and on < IT_TRANSFER_DATE:
        industry, industry_en, verified = (
            f"行業代碼 {it_code}（2022-08-27前屬經濟部管轄之資訊服務業）",
            f"Industry code {it_code} (an IT service industry under the MOEA before 2022-08-27)",
            True,
        )
    elif it_code and not _moda_rule_in_force(on):
        industry, industry_en, verified = (
            f"行業代碼 {it_code}（2022-08-27起改由數位發展部管轄；數位經濟辦法施行前仍適用本辦法，主管機關為數位發展部）",
            f"Industry code {it_code} (under the Ministry of Digital Affairs from 2022-08-27; until the digital "
            "economy rules took effect this rule still applied, with that ministry as the authority)",
            False,
        )
        recipient = "數位發展部；或通報直轄市、縣（市）政府並副知數位發展部（2022-08-27起之主管機關）"
    elif Sector.MOEA_ANNEX1 in facts.sectors:
        industry, industry_en, verified = (
            "申報屬經濟部辦法附表一所列製造業或技術服務業（附表一未經查證）",
            "Declared a manufacturing or technical service industry in annex 1 of the MOEA rule (annex 1 not "
            "verified)",
            False,
        )
    else:
        return _no(
            "行業不屬經濟部製造業及技術服務業辦法附表一",
            "The industry is not in annex 1 of the MOEA manufacturing and technical services rule",
        )
    met, text, text_en = _records(facts, RECORDS_5000, "消費者個資（單日）", "consumer records (on one day)")
    if met is None:
        return replace(
            _maybe(
                facts, f"{industry}；{text}", f"{industry_en}; {text_en}", ("consumer_records",), verified
            ),
            recipient_zh=recipient,
        )
    if not met:
        return _no(
            f"{industry}；{text} → 不適用（未達5,000筆之業者不在此限）",
            f"{industry_en}; {text_en} → does not apply (businesses under 5,000 records are exempt)",
            verified,
        )
    basis = (
        "製造業及技術服務業個人資料檔案安全維護管理辦法第2條",
        "MOEA manufacturing and technical services personal data file security rules, Art. 2",
    )
    follow_ups = _threshold_follow_ups(facts, "moea", basis, plan=True, threshold=RECORDS_5000)
    return replace(
        _yes(f"{industry}；{text} → 適用", f"{industry_en}; {text_en} → applies", verified, follow_ups),
        recipient_zh=recipient,
    )


def check_online_retail(facts: PartyFacts, on: date) -> Decision:
    """Repealed online-retail rule: 股份有限公司 with registered capital ≥ NT$10M, or MOEA-designated."""
    if Sector.SPECIALLY_LICENSED in facts.sectors:
        return _no(
            "屬應經特許、許可或受專門管理法令規範之行業 → 不適用",
            "A licensed industry or one under its own regulatory law → does not apply",
        )
    if Sector.MOEA_DESIGNATED_RETAILER in facts.sectors:
        return _yes(
            "受經濟部指定之網路零售公司或商號 → 適用",
            "An online retailer designated by the MOEA → applies",
        )
    if Sector.INTERNET_RETAIL not in facts.sectors:
        return _no(
            "非以網際網路方式零售商品或經營零售服務平台",
            "Does not sell goods at retail online or run a retail platform",
        )
    if facts.company_type is None:
        missing = ("company_type",) + (("registered_capital",) if facts.registered_capital is None else ())
        return _maybe(
            facts,
            "網際網路零售；未提供組織型態（限股份有限公司）",
            "Internet retail; organisation type not given (only companies limited by shares)",
            missing,
        )
    if facts.company_type is not CompanyType.COMPANY_LIMITED_BY_SHARES:
        return _no("非股份有限公司 → 不適用", "Not a company limited by shares → does not apply")
    capital = facts.registered_capital
    if capital is None:
        return _maybe(
            facts,
            "網際網路零售、股份有限公司；未提供登記資本額",
            "Internet retail, company limited by shares; registered capital not given",
            ("registered_capital",),
        )
    if capital < CAPITAL_10M:
        return _no(
            f"股份有限公司、登記資本額 {money(capital)} < {money(CAPITAL_10M)} → 不適用",
            f"Company limited by shares, registered capital {money(capital)} < {money(CAPITAL_10M)} → does not "
            "apply",
        )
    return _yes(
        f"網際網路零售、股份有限公司、登記資本額 {money(capital)} ≥ {money(CAPITAL_10M)} → 適用",
        f"Internet retail, company limited by shares, registered capital {money(capital)} ≥ "
        f"{money(CAPITAL_10M)} → applies",
    )


def check_tourist_hotel(facts: PartyFacts, on: date) -> Decision:
    """Repealed tourist-hotel rule: companies running international or general tourist hotels."""
    if Sector.TOURIST_HOTEL in facts.sectors:
        what, what_en, verified = "經營觀光旅館業", "Runs a tourist hotel", True
    elif "J901011" in facts.business_item_codes:
        what, what_en, verified = (
            "營業項目 J901011 觀光旅館業（代碼未經查證）",
            "Business item J901011 tourist hotels (code not verified)",
            False,
        )
    else:
        return _no(
            "非經營國際觀光旅館或一般觀光旅館之公司",
            "Not a company running an international or general tourist hotel",
        )
    if facts.company_type is not None and not facts.company_type.is_company:
        return _no(f"{what}但非公司組織 → 不適用", f"{what_en} but is not a company → does not apply")
    return _yes(
        f"{what}之公司；無筆數門檻 → 適用", f"{what_en} as a company; no record threshold → applies", verified
    )


_TOURISM_SECTORS = {
    Sector.TOURIST_HOTEL: ("觀光旅館業", "tourist hotel"),
    Sector.HOTEL: ("旅館業", "hotel"),
    Sector.BNB: ("民宿", "bed and breakfast"),
    Sector.TRAVEL_AGENCY: ("旅行業", "travel agency"),
    Sector.TOURIST_AMUSEMENT: ("觀光遊樂業", "tourist amusement park"),
}


def check_tourism(facts: PartyFacts, on: date) -> Decision:
    """Tourism rule: 觀光旅館業、旅館業、民宿、旅行業、觀光遊樂業 with ≥ 8,000 records (cumulative)."""
    kinds = [labels for sector, labels in _TOURISM_SECTORS.items() if sector in facts.sectors]
    verified = True
    if "J901020" in facts.business_item_codes and Sector.HOTEL not in facts.sectors:
        kinds.append(("旅館業（營業項目 J901020）", "hotel (business item J901020)"))
    if "J901011" in facts.business_item_codes and Sector.TOURIST_HOTEL not in facts.sectors:
        kinds.append(
            (
                "觀光旅館業（營業項目 J901011，代碼未經查證）",
                "tourist hotel (business item J901011, code not verified)",
            )
        )
        verified = False
    if not kinds:
        return _no(
            "非觀光旅館業、旅館業、民宿、旅行業或觀光遊樂業",
            "Not a tourist hotel, hotel, bed and breakfast, travel agency or tourist amusement park",
        )
    met, text, text_en = _records(facts, RECORDS_8000, "消費者個資（累計）", "consumer records (cumulative)")
    what = "、".join(zh for zh, _ in kinds)
    what_en = _first_upper(", ".join(en for _, en in kinds))
    if met is None:
        return _maybe(facts, f"{what}；{text}", f"{what_en}; {text_en}", ("consumer_records",), verified)
    if not met:
        return _no(
            f"{what}；{text} → 不適用（業者負舉證未達之責）",
            f"{what_en}; {text_en} → does not apply (the business must prove it is under the threshold)",
            verified,
        )
    basis = (
        "交通部指定觀光產業類非公務機關個人資料檔案安全維護計畫及處理辦法第4條",
        "MOTC tourism industries personal data file security rules, Art. 4",
    )
    follow_ups = list(_threshold_follow_ups(facts, "tourism", basis, plan=True, threshold=RECORDS_8000))
    follow_ups.append(
        FollowUp(
            id="tourism-authority-request-30d",
            title_zh="主管機關要求時30日內提出計畫執行情形",
            due_on=None,
            reason_zh="自主管機關要求之日起30日內",
            legal_basis_zh=basis[0],
            title_en="Report on the plan within 30 days when the authority asks",
            reason_en="Within 30 days of the authority's request",
            legal_basis_en=basis[1],
        )
    )
    return _yes(f"{what}；{text} → 適用", f"{what_en}; {text_en} → applies", verified, tuple(follow_ups))


def check_cram_school(facts: PartyFacts, on: date) -> Decision:
    """Cram-school rule: every licensed short-term cram school."""
    if Sector.CRAM_SCHOOL in facts.sectors:
        return _yes(
            "立案之短期補習班；無門檻 → 適用", "A licensed short-term cram school; no threshold → applies"
        )
    if "J201031" in facts.business_item_codes:
        return _yes(
            "營業項目 J201031 短期補習班業；無門檻 → 適用",
            "Business item J201031 short-term cram schools; no threshold → applies",
        )
    return _no("非短期補習班", "Not a short-term cram school")


def check_after_school(facts: PartyFacts, on: date) -> Decision:
    """After-school-care rule: every private after-school care centre."""
    if Sector.AFTER_SCHOOL_CARE in facts.sectors:
        return _yes(
            "私立兒童課後照顧服務中心；無門檻 → 適用",
            "A private after-school care centre; no threshold → applies",
        )
    return _no("非私立兒童課後照顧服務中心", "Not a private after-school care centre")


def check_fsc(facts: PartyFacts, on: date) -> Decision:
    """FSC rule: financial businesses and foundations the FSC designates."""
    if Sector.FSC_REGULATED in facts.sectors:
        return _yes(
            "屬金管會指定之金融機構或財團法人 → 適用",
            "A financial institution or foundation designated by the FSC → applies",
        )
    return _no("非金管會指定之非公務機關", "Not a non-government agency designated by the FSC")


def check_hospital(facts: PartyFacts, on: date) -> Decision:
    """Hospital rule: hospitals with ≥ 100 beds (public hospitals apply it mutatis mutandis)."""
    if Sector.HOSPITAL not in facts.sectors:
        return _no("非醫院", "Not a hospital")
    if facts.hospital_beds is None:
        return _maybe(
            facts,
            f"醫院；未提供病床數，無法判斷是否達 {BEDS_100} 床",
            f"Hospital; the number of beds is not given, so whether it reaches {BEDS_100} cannot be decided",
            ("hospital_beds",),
        )
    beds = facts.hospital_beds
    if beds < BEDS_100:
        return _no(
            f"醫院病床 {beds} 床 < {BEDS_100} 床 → 不適用",
            f"{beds} hospital beds < {BEDS_100} → does not apply",
        )
    return _yes(f"醫院病床 {beds} 床 ≥ {BEDS_100} 床 → 適用", f"{beds} hospital beds ≥ {BEDS_100} → applies")


_NCC_LABELS = {
    NccCategory.TELECOM: ("電信事業", "telecommunications business"),
    NccCategory.ISP: ("網際網路接取服務提供者", "internet access provider"),
    NccCategory.CABLE_TV: ("有線廣播電視系統經營者", "cable TV system operator"),
    NccCategory.TV: ("電視事業", "television business"),
    NccCategory.DBS: ("直播衛星服務事業", "direct broadcast satellite service"),
    NccCategory.SATELLITE_CHANNEL: ("衛星新聞或購物頻道", "satellite news or shopping channel"),
    NccCategory.DISPUTE_BODY: ("電信爭議處理機構", "telecom dispute resolution body"),
    NccCategory.OTHER_ANNOUNCED: ("其他NCC公告之事業", "other business announced by the NCC"),
}


def check_ncc(facts: PartyFacts, on: date) -> Decision:
    """NCC rule: listed communications businesses; ISPs and DBS only with ≥ 3,000 subscribers."""
    reasons: list[tuple[str, str]] = []
    unknown: list[tuple[str, str]] = []
    for category in sorted(facts.ncc_categories):
        label, label_en = _NCC_LABELS[category]
        if category in (NccCategory.ISP, NccCategory.DBS):
            subs = facts.ncc_subscribers
            if subs is None:
                unknown.append((label, label_en))
            elif subs >= SUBSCRIBERS_3000:
                reasons.append(
                    (
                        f"{label}、訂戶 {subs:,} 戶 ≥ {SUBSCRIBERS_3000:,} 戶",
                        f"{label_en}, {subs:,} subscribers ≥ {SUBSCRIBERS_3000:,}",
                    )
                )
        else:
            reasons.append((label, label_en))
    if not reasons and unknown:
        return _maybe(
            facts,
            f"{'、'.join(zh for zh, _ in unknown)}；未提供訂戶數，無法判斷是否達 {SUBSCRIBERS_3000:,} 戶",
            f"{_first_upper(', '.join(en for _, en in unknown))}; the number of subscribers is not given, so "
            f"whether it reaches {SUBSCRIBERS_3000:,} cannot be decided",
            ("ncc_subscribers",),
        )
    if not reasons:
        detail, detail_en = (
            (
                "（ISP或直播衛星訂戶未達3,000戶或未提供）",
                " (ISP or satellite subscribers under 3,000 or not given)",
            )
            if facts.ncc_categories
            else ("", "")
        )
        return _no(
            f"非NCC指定之非公務機關{detail}", f"Not a non-government agency designated by the NCC{detail_en}"
        )
    follow_ups: tuple[FollowUp, ...] = ()
    if facts.ncc_subscribers is not None and facts.ncc_subscribers >= USERS_5000:
        follow_ups = (
            FollowUp(
                id="ncc-audit",
                title_zh="安全維護計畫應包括國內外稽核",
                due_on=None,
                reason_zh=f"用戶 {facts.ncc_subscribers:,} ≥ {USERS_5000:,}",
                legal_basis_zh="國家通訊傳播委員會指定非公務機關個人資料檔案安全維護辦法",
                title_en="The security maintenance plan must include domestic and foreign audits",
                reason_en=f"{facts.ncc_subscribers:,} users ≥ {USERS_5000:,}",
                legal_basis_en="NCC personal data file security rules for designated non-government agencies",
            ),
        )
    return _yes(
        "、".join(zh for zh, _ in reasons) + " → 適用",
        _first_upper(", ".join(en for _, en in reasons)) + " → applies",
        True,
        follow_ups,
    )


def pharma_check(codes: tuple[str, ...], label: str, label_en: str) -> Check:
    def check(facts: PartyFacts, on: date) -> Decision:
        code = facts.has_industry(*codes)
        if code is None:
            return _no(
                f"行業代碼非{'、'.join(codes)}（{label}）",
                f"The industry code is not {' or '.join(codes)} ({label_en})",
            )
        capital, capital_label = (
            (facts.registered_capital, "登記資本額")
            if facts.registered_capital is not None
            else (facts.paid_in_capital, "實收資本額")
        )
        capital_en = _CAPITAL_EN[capital_label]
        if capital is not None and capital < CAPITAL_30M:
            return _no(
                f"行業代碼 {code}；{capital_label} {money(capital)} < {money(CAPITAL_30M)} → 不適用",
                f"Industry code {code}; {capital_en} {money(capital)} < {money(CAPITAL_30M)} → does not apply",
            )
        if facts.collects_customer_data is False:
            return _no(
                f"行業代碼 {code}；未招募會員或取得客戶個資 → 不適用",
                f"Industry code {code}; recruits no members and obtains no customers' personal data → does not "
                "apply",
            )
        missing = (("registered_capital",) if capital is None else ()) + (
            ("collects_customer_data",) if facts.collects_customer_data is None else ()
        )
        if missing or capital is None:
            capital_text, capital_text_en = (
                ("未提供資本額", "capital not given")
                if capital is None
                else (
                    f"{capital_label} {money(capital)} ≥ {money(CAPITAL_30M)}",
                    f"{capital_en} {money(capital)} ≥ {money(CAPITAL_30M)}",
                )
            )
            return _maybe(
                facts,
                f"行業代碼 {code}；{capital_text}",
                f"Industry code {code}; {capital_text_en}",
                missing,
                verified=False,
            )
        return _yes(
            f"行業代碼 {code}；{capital_label} {money(capital)} ≥ {money(CAPITAL_30M)}；招募會員或取得客戶個資 → 適用",
            f"Industry code {code}; {capital_en} {money(capital)} ≥ {money(CAPITAL_30M)}; recruits members or "
            "obtains customers' personal data → applies",
            verified=False,
        )

    return check


def check_cyber_special(facts: PartyFacts, on: date) -> Decision:
    """資安法 特定非公務機關: CI provider, state-owned business, government-funded foundation."""
    current = sorted(r for r in facts.special_reasons if r is not SpecialReason.GOVERNMENT_CONTROLLED)
    if current:
        labels = "、".join(r.label_zh for r in current)
        labels_en = ", ".join(r.label_en for r in current)
        return _yes(
            f"{labels} → 屬特定非公務機關（資安法第3條第6款）",
            f"{_first_upper(labels_en)} → a specific non-government agency (Cyber Security Management Act Art. 3(6))",
        )
    if SpecialReason.GOVERNMENT_CONTROLLED in facts.special_reasons:
        return _no(
            "受政府控制之事業屬2025年修正新增之特定非公務機關，修正尚未施行 → 現行不適用",
            "Government-controlled businesses were added as specific non-government agencies by the 2025 "
            "amendment, which is not yet in force → does not apply now",
        )
    return _no("非特定非公務機關", "Not a specific non-government agency")


def check_cyber_government(facts: PartyFacts, on: date) -> Decision:
    """資安法 public-agency duties."""
    if facts.is_government_agency:
        return _yes(
            "公務機關 → 適用資安事件通報及應變之公務機關規定",
            "A government agency → the government-agency rules on cyber incident reporting and response apply",
        )
    return _no("非公務機關", "Not a government agency")


def check_cyber_contractor(facts: PartyFacts, on: date) -> Decision:
    """資安法施行細則 Art. 4(6): a contractor of a government agency or 特定非公務機關."""
    if facts.party_id == "self":
        if facts.government_contracts:
            return _yes(
                "本公司受公務機關或特定非公務機關委託 → 知悉資安事件應立即通知委託機關",
                "Our company works for government agencies or specific non-government agencies → on becoming "
                "aware of a cyber incident it notifies the commissioning agency at once",
            )
        return _no(
            "本公司未受公務機關或特定非公務機關委託",
            "Our company does not work for government agencies or specific non-government agencies",
        )
    if facts.is_government_agency:
        return _yes(
            f"{facts.label_zh}為公務機關 → 本公司知悉資安事件應立即通知",
            f"{facts.label_en} is a government agency → our company notifies it at once on becoming aware of a "
            "cyber incident",
        )
    if check_cyber_special(facts, on).applies:
        return _yes(
            f"{facts.label_zh}為特定非公務機關 → 本公司知悉資安事件應立即通知",
            f"{facts.label_en} is a specific non-government agency → our company notifies it at once on becoming "
            "aware of a cyber incident",
        )
    return _no(
        f"{facts.label_zh}非公務機關或特定非公務機關",
        f"{facts.label_en} is neither a government agency nor a specific non-government agency",
    )
