"""The individual applicability checks: each reads a party's facts and decides, with reasons.

Thresholds are module constants, each commented with the rule that sets it. Used by
``shouhu.engines.law.applicability``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .facts import CompanyType, NccCategory, PartyFacts, Sector, SpecialReason
from .pending import PendingFact, labels_zh, party_fact
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


def _maybe(facts: PartyFacts, reason: str, names: tuple[str, ...], verified: bool = True) -> Decision:
    """A rule that applies unless the unknown threshold facts ``names`` turn out below the limit."""
    pending = tuple(party_fact(facts.party_id, name) for name in names)
    return Decision(True, f"{reason} → 可能適用（尚缺{labels_zh(pending)}）", verified, pending=pending)


Check = Callable[[PartyFacts, date], Decision]


def _threshold_follow_ups(
    facts: PartyFacts, prefix: str, basis: str, *, plan: bool, threshold_label: str
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
                reason_zh=f"暫停後於 {reached.isoformat()} 再達{threshold_label} → 30日內全面恢復執行",
                legal_basis_zh=basis,
            )
        )
    elif plan:
        items.append(
            FollowUp(
                id=f"{prefix}-plan-6m",
                title_zh="訂定個資檔案安全維護計畫（6個月內）",
                due_on=add_months(reached, 6),
                reason_zh=f"於 {reached.isoformat()} 達{threshold_label} → 6個月內訂定計畫",
                legal_basis_zh=basis,
            )
        )
    return tuple(items)


def _records(facts: PartyFacts, threshold: int, label: str) -> tuple[bool | None, str]:
    if facts.consumer_records is None:
        return None, f"未提供保有{label}筆數，無法判斷是否達 {threshold:,} 筆"
    if facts.consumer_records >= threshold:
        return True, f"保有{label} {facts.consumer_records:,} 筆 ≥ {threshold:,} 筆"
    return False, f"保有{label} {facts.consumer_records:,} 筆 < {threshold:,} 筆"


def check_pdpa(facts: PartyFacts, on: date) -> Decision:
    """PDPA binds every public and non-public agency; it has no threshold."""
    kind = "公務機關" if facts.is_government_agency else "非公務機關"
    return Decision(True, f"{facts.label_zh}為{kind}；個資法無適用門檻 → 適用")


def check_pdpa_contractor(facts: PartyFacts, on: date) -> Decision:
    """Our company is the client's contractor (PDPA Art. 4; Enforcement Rules Art. 8)."""
    if facts.party_id == "self":
        return Decision(False, "本公司非自身之受託者")
    how = {True: "代管其系統", False: "僅建置或維護其系統", None: "受託提供資訊服務"}[facts.hosting]
    return Decision(
        True,
        f"本公司為{facts.label_zh}之受託者（{how}），於個資法適用範圍內視同委託機關，"
        "並受委託者監督 → 違反個資法時依契約通知、違法指示立即通知",
    )


def _moda_industry(facts: PartyFacts) -> tuple[str, bool] | None:
    """What puts the party in the moda annex, and whether that is verified.

    582, 620 and 639 moved to moda by the verified 2022 EY notice; 6312, internet retail (4871) and
    third-party payment rest on a secondary copy of 附表一.
    """
    code = facts.has_industry(*MODA_VERIFIED_CODES)
    if code:
        return f"行業代碼 {code}", True
    code = facts.has_industry("6312")
    if code:
        return f"行業代碼 {code}（附表一依次級資料）", False
    code = facts.has_industry("4871")
    if code and Sector.INTERNET_RETAIL in facts.sectors:
        return f"行業代碼 {code}（網際網路零售；附表一依次級資料）", False
    if Sector.THIRD_PARTY_PAYMENT in facts.sectors:
        return "第三方支付業（附表一依次級資料）", False
    return None


def check_moda(facts: PartyFacts, on: date) -> Decision:
    """moda rule: the industries in its 附表一; no record threshold."""
    found = _moda_industry(facts)
    if found is None:
        return Decision(False, "行業不屬數位經濟辦法附表一所列行業")
    what, verified = found
    return Decision(True, f"{what}屬數位經濟辦法附表一所列行業；無筆數門檻 → 適用", verified)


def check_moda_art18(facts: PartyFacts, on: date) -> Decision:
    """moda Art. 18: capital ≥ NT$10M (paid-in for 股份有限公司) or ≥ 5,000 records → 12-month review."""
    moda = check_moda(facts, on)
    if not moda.applies:
        return Decision(False, "不適用數位經濟辦法")
    capital, capital_label = facts.capital_for_threshold()
    type_label = facts.company_type.label_zh if facts.company_type else "公司類型未提供"
    reasons = []
    if capital is not None and capital >= CAPITAL_10M:
        reasons.append(f"{type_label}、{capital_label} {money(capital)} ≥ {money(CAPITAL_10M)}")
    records_met, records_text = _records(facts, RECORDS_5000, "個資")
    if records_met:
        reasons.append(records_text)
    if not reasons:
        capital_text = (
            f"{type_label}、{capital_label} {money(capital)} < {money(CAPITAL_10M)}"
            if capital is not None
            else f"未提供{capital_label}"
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
            return _maybe(facts, f"{capital_text}；{records_text}（第18條年度檢視）", missing, moda.verified)
        return Decision(False, f"{capital_text}；{records_text} → 第18條年度檢視義務不適用")
    follow_ups: list[FollowUp] = []
    basis = "數位經濟相關產業個人資料檔案安全維護管理辦法第18條"
    if facts.threshold_reached_on is not None:
        if facts.resuming_after_suspension and records_met:
            follow_ups.extend(
                _threshold_follow_ups(facts, "moda-art18", basis, plan=False, threshold_label="5,000筆")
            )
        else:
            start = add_months(facts.threshold_reached_on, 6)
            follow_ups.append(
                FollowUp(
                    id="moda-art18-cycle-start",
                    title_zh="第18條措施之12個月檢視週期起算",
                    due_on=start,
                    reason_zh=f"於 {facts.threshold_reached_on.isoformat()} 達門檻 → 6個月後（{start.isoformat()}）起每12個月檢視",
                    legal_basis_zh=basis,
                )
            )
    return Decision(True, "；".join(reasons) + " → 第18條年度檢視義務適用", moda.verified, tuple(follow_ups))


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
        industry, verified = f"行業代碼 {it_code}（2022-08-27前屬經濟部管轄之資訊服務業）", True
    elif it_code and not _moda_rule_in_force(on):
        industry, verified = (
            f"行業代碼 {it_code}（2022-08-27起改由數位發展部管轄；數位經濟辦法施行前仍適用本辦法，主管機關為數位發展部）",
            False,
        )
        recipient = "數位發展部；或通報直轄市、縣（市）政府並副知數位發展部（2022-08-27起之主管機關）"
    elif Sector.MOEA_ANNEX1 in facts.sectors:
        industry, verified = "申報屬經濟部辦法附表一所列製造業或技術服務業（附表一未經查證）", False
    else:
        return Decision(False, "行業不屬經濟部製造業及技術服務業辦法附表一")
    met, text = _records(facts, RECORDS_5000, "消費者個資（單日）")
    if met is None:
        return replace(
            _maybe(facts, f"{industry}；{text}", ("consumer_records",), verified), recipient_zh=recipient
        )
    if not met:
        return Decision(False, f"{industry}；{text} → 不適用（未達5,000筆之業者不在此限）", verified)
    basis = "製造業及技術服務業個人資料檔案安全維護管理辦法第2條"
    follow_ups = _threshold_follow_ups(facts, "moea", basis, plan=True, threshold_label="5,000筆")
    return Decision(True, f"{industry}；{text} → 適用", verified, follow_ups, recipient_zh=recipient)


def check_online_retail(facts: PartyFacts, on: date) -> Decision:
    """Repealed online-retail rule: 股份有限公司 with registered capital ≥ NT$10M, or MOEA-designated."""
    if Sector.SPECIALLY_LICENSED in facts.sectors:
        return Decision(False, "屬應經特許、許可或受專門管理法令規範之行業 → 不適用")
    if Sector.MOEA_DESIGNATED_RETAILER in facts.sectors:
        return Decision(True, "受經濟部指定之網路零售公司或商號 → 適用")
    if Sector.INTERNET_RETAIL not in facts.sectors:
        return Decision(False, "非以網際網路方式零售商品或經營零售服務平台")
    if facts.company_type is None:
        missing = ("company_type",) + (("registered_capital",) if facts.registered_capital is None else ())
        return _maybe(facts, "網際網路零售；未提供組織型態（限股份有限公司）", missing)
    if facts.company_type is not CompanyType.COMPANY_LIMITED_BY_SHARES:
        return Decision(False, "非股份有限公司 → 不適用")
    capital = facts.registered_capital
    if capital is None:
        return _maybe(facts, "網際網路零售、股份有限公司；未提供登記資本額", ("registered_capital",))
    if capital < CAPITAL_10M:
        return Decision(False, f"股份有限公司、登記資本額 {money(capital)} < {money(CAPITAL_10M)} → 不適用")
    return Decision(
        True, f"網際網路零售、股份有限公司、登記資本額 {money(capital)} ≥ {money(CAPITAL_10M)} → 適用"
    )


def check_tourist_hotel(facts: PartyFacts, on: date) -> Decision:
    """Repealed tourist-hotel rule: companies running international or general tourist hotels."""
    if Sector.TOURIST_HOTEL in facts.sectors:
        what, verified = "經營觀光旅館業", True
    elif "J901011" in facts.business_item_codes:
        what, verified = "營業項目 J901011 觀光旅館業（代碼未經查證）", False
    else:
        return Decision(False, "非經營國際觀光旅館或一般觀光旅館之公司")
    if facts.company_type is not None and not facts.company_type.is_company:
        return Decision(False, f"{what}但非公司組織 → 不適用")
    return Decision(True, f"{what}之公司；無筆數門檻 → 適用", verified)


_TOURISM_SECTORS = {
    Sector.TOURIST_HOTEL: "觀光旅館業",
    Sector.HOTEL: "旅館業",
    Sector.BNB: "民宿",
    Sector.TRAVEL_AGENCY: "旅行業",
    Sector.TOURIST_AMUSEMENT: "觀光遊樂業",
}


def check_tourism(facts: PartyFacts, on: date) -> Decision:
    """Tourism rule: 觀光旅館業、旅館業、民宿、旅行業、觀光遊樂業 with ≥ 8,000 records (cumulative)."""
    kinds = [label for sector, label in _TOURISM_SECTORS.items() if sector in facts.sectors]
    verified = True
    if "J901020" in facts.business_item_codes and "旅館業" not in kinds:
        kinds.append("旅館業（營業項目 J901020）")
    if "J901011" in facts.business_item_codes and "觀光旅館業" not in kinds:
        kinds.append("觀光旅館業（營業項目 J901011，代碼未經查證）")
        verified = False
    if not kinds:
        return Decision(False, "非觀光旅館業、旅館業、民宿、旅行業或觀光遊樂業")
    met, text = _records(facts, RECORDS_8000, "消費者個資（累計）")
    what = "、".join(kinds)
    if met is None:
        return _maybe(facts, f"{what}；{text}", ("consumer_records",), verified)
    if not met:
        return Decision(False, f"{what}；{text} → 不適用（業者負舉證未達之責）", verified)
    basis = "交通部指定觀光產業類非公務機關個人資料檔案安全維護計畫及處理辦法第4條"
    follow_ups = list(_threshold_follow_ups(facts, "tourism", basis, plan=True, threshold_label="8,000筆"))
    follow_ups.append(
        FollowUp(
            id="tourism-authority-request-30d",
            title_zh="主管機關要求時30日內提出計畫執行情形",
            due_on=None,
            reason_zh="自主管機關要求之日起30日內",
            legal_basis_zh=basis,
        )
    )
    return Decision(True, f"{what}；{text} → 適用", verified, tuple(follow_ups))


def check_cram_school(facts: PartyFacts, on: date) -> Decision:
    """Cram-school rule: every licensed short-term cram school."""
    if Sector.CRAM_SCHOOL in facts.sectors:
        return Decision(True, "立案之短期補習班；無門檻 → 適用")
    if "J201031" in facts.business_item_codes:
        return Decision(True, "營業項目 J201031 短期補習班業；無門檻 → 適用")
    return Decision(False, "非短期補習班")


def check_after_school(facts: PartyFacts, on: date) -> Decision:
    """After-school-care rule: every private after-school care centre."""
    if Sector.AFTER_SCHOOL_CARE in facts.sectors:
        return Decision(True, "私立兒童課後照顧服務中心；無門檻 → 適用")
    return Decision(False, "非私立兒童課後照顧服務中心")


def check_fsc(facts: PartyFacts, on: date) -> Decision:
    """FSC rule: financial businesses and foundations the FSC designates."""
    if Sector.FSC_REGULATED in facts.sectors:
        return Decision(True, "屬金管會指定之金融機構或財團法人 → 適用")
    return Decision(False, "非金管會指定之非公務機關")


def check_hospital(facts: PartyFacts, on: date) -> Decision:
    """Hospital rule: hospitals with ≥ 100 beds (public hospitals apply it mutatis mutandis)."""
    if Sector.HOSPITAL not in facts.sectors:
        return Decision(False, "非醫院")
    if facts.hospital_beds is None:
        return _maybe(facts, f"醫院；未提供病床數，無法判斷是否達 {BEDS_100} 床", ("hospital_beds",))
    if facts.hospital_beds < BEDS_100:
        return Decision(False, f"醫院病床 {facts.hospital_beds} 床 < {BEDS_100} 床 → 不適用")
    return Decision(True, f"醫院病床 {facts.hospital_beds} 床 ≥ {BEDS_100} 床 → 適用")


_NCC_LABELS = {
    NccCategory.TELECOM: "電信事業",
    NccCategory.ISP: "網際網路接取服務提供者",
    NccCategory.CABLE_TV: "有線廣播電視系統經營者",
    NccCategory.TV: "電視事業",
    NccCategory.DBS: "直播衛星服務事業",
    NccCategory.SATELLITE_CHANNEL: "衛星新聞或購物頻道",
    NccCategory.DISPUTE_BODY: "電信爭議處理機構",
    NccCategory.OTHER_ANNOUNCED: "其他NCC公告之事業",
}


def check_ncc(facts: PartyFacts, on: date) -> Decision:
    """NCC rule: listed communications businesses; ISPs and DBS only with ≥ 3,000 subscribers."""
    reasons = []
    unknown = []
    for category in sorted(facts.ncc_categories):
        label = _NCC_LABELS[category]
        if category in (NccCategory.ISP, NccCategory.DBS):
            subs = facts.ncc_subscribers
            if subs is None:
                unknown.append(label)
            elif subs >= SUBSCRIBERS_3000:
                reasons.append(f"{label}、訂戶 {subs:,} 戶 ≥ {SUBSCRIBERS_3000:,} 戶")
        else:
            reasons.append(label)
    if not reasons and unknown:
        reason = f"{'、'.join(unknown)}；未提供訂戶數，無法判斷是否達 {SUBSCRIBERS_3000:,} 戶"
        return _maybe(facts, reason, ("ncc_subscribers",))
    if not reasons:
        detail = "（ISP或直播衛星訂戶未達3,000戶或未提供）" if facts.ncc_categories else ""
        return Decision(False, f"非NCC指定之非公務機關{detail}")
    follow_ups: tuple[FollowUp, ...] = ()
    if facts.ncc_subscribers is not None and facts.ncc_subscribers >= USERS_5000:
        follow_ups = (
            FollowUp(
                id="ncc-audit",
                title_zh="安全維護計畫應包括國內外稽核",
                due_on=None,
                reason_zh=f"用戶 {facts.ncc_subscribers:,} ≥ {USERS_5000:,}",
                legal_basis_zh="國家通訊傳播委員會指定非公務機關個人資料檔案安全維護辦法",
            ),
        )
    return Decision(True, "、".join(reasons) + " → 適用", True, follow_ups)


def pharma_check(codes: tuple[str, ...], label: str) -> Check:
    def check(facts: PartyFacts, on: date) -> Decision:
        code = facts.has_industry(*codes)
        if code is None:
            return Decision(False, f"行業代碼非{'、'.join(codes)}（{label}）")
        capital, capital_label = (
            (facts.registered_capital, "登記資本額")
            if facts.registered_capital is not None
            else (facts.paid_in_capital, "實收資本額")
        )
        if capital is not None and capital < CAPITAL_30M:
            return Decision(
                False, f"行業代碼 {code}；{capital_label} {money(capital)} < {money(CAPITAL_30M)} → 不適用"
            )
        if facts.collects_customer_data is False:
            return Decision(False, f"行業代碼 {code}；未招募會員或取得客戶個資 → 不適用")
        missing = (("registered_capital",) if capital is None else ()) + (
            ("collects_customer_data",) if facts.collects_customer_data is None else ()
        )
        if missing or capital is None:
            capital_text = (
                "未提供資本額"
                if capital is None
                else f"{capital_label} {money(capital)} ≥ {money(CAPITAL_30M)}"
            )
            return _maybe(facts, f"行業代碼 {code}；{capital_text}", missing, verified=False)
        return Decision(
            True,
            f"行業代碼 {code}；{capital_label} {money(capital)} ≥ {money(CAPITAL_30M)}；招募會員或取得客戶個資 → 適用",
            verified=False,
        )

    return check


def check_cyber_special(facts: PartyFacts, on: date) -> Decision:
    """資安法 特定非公務機關: CI provider, state-owned business, government-funded foundation."""
    current = sorted(r for r in facts.special_reasons if r is not SpecialReason.GOVERNMENT_CONTROLLED)
    if current:
        labels = "、".join(r.label_zh for r in current)
        return Decision(True, f"{labels} → 屬特定非公務機關（資安法第3條第6款）")
    if SpecialReason.GOVERNMENT_CONTROLLED in facts.special_reasons:
        return Decision(False, "受政府控制之事業屬2025年修正新增之特定非公務機關，修正尚未施行 → 現行不適用")
    return Decision(False, "非特定非公務機關")


def check_cyber_government(facts: PartyFacts, on: date) -> Decision:
    """資安法 public-agency duties."""
    if facts.is_government_agency:
        return Decision(True, "公務機關 → 適用資安事件通報及應變之公務機關規定")
    return Decision(False, "非公務機關")


def check_cyber_contractor(facts: PartyFacts, on: date) -> Decision:
    """資安法施行細則 Art. 4(6): a contractor of a government agency or 特定非公務機關."""
    if facts.party_id == "self":
        if facts.government_contracts:
            return Decision(True, "本公司受公務機關或特定非公務機關委託 → 知悉資安事件應立即通知委託機關")
        return Decision(False, "本公司未受公務機關或特定非公務機關委託")
    if facts.is_government_agency:
        return Decision(True, f"{facts.label_zh}為公務機關 → 本公司知悉資安事件應立即通知")
    if check_cyber_special(facts, on).applies:
        return Decision(True, f"{facts.label_zh}為特定非公務機關 → 本公司知悉資安事件應立即通知")
    return Decision(False, f"{facts.label_zh}非公務機關或特定非公務機關")
