"""Each applicability rule, table-driven, with its thresholds' boundary cases and exact reasons."""

from __future__ import annotations

from datetime import date

import pytest

from shouhu.engines.law.applicability import Applicable, NotApplicable, assess, decide, evaluate
from shouhu.engines.law.facts import CompanyType, NccCategory, PartyFacts, Sector, SpecialReason

ON = date(2026, 11, 26)
SHARES = CompanyType.COMPANY_LIMITED_BY_SHARES
LIMITED = CompanyType.LIMITED_COMPANY


def it(**kw: object) -> PartyFacts:
    return PartyFacts(industry_codes=("6201",), **kw)  # type: ignore[arg-type]


# (rule id, facts, date, applies, exact reason)
CASES: list[tuple[str, PartyFacts, date, bool, str]] = [
    ("pdpa", PartyFacts(), ON, True, "本公司為非公務機關；個資法無適用門檻 → 適用"),
    ("moda", it(), ON, True, "行業代碼 6201屬數位經濟辦法附表一所列行業；無筆數門檻 → 適用"),
    ("moda", PartyFacts(industry_codes=("4871",)), ON, False, "行業不屬數位經濟辦法附表一所列行業"),
    (
        "moda",
        it(),
        date(2023, 10, 11),
        False,
        "數位經濟相關產業個人資料檔案安全維護管理辦法於 2023-10-11 未施行或已廢止",
    ),
    (
        "moda-art18",
        it(company_type=SHARES, paid_in_capital=12_000_000),
        ON,
        True,
        "股份有限公司、實收資本額 NT$12,000,000 ≥ NT$10,000,000 → 第18條年度檢視義務適用",
    ),
    (
        "moda-art18",
        it(company_type=SHARES, paid_in_capital=10_000_000),
        ON,
        True,
        "股份有限公司、實收資本額 NT$10,000,000 ≥ NT$10,000,000 → 第18條年度檢視義務適用",
    ),
    (
        "moda-art18",
        it(
            company_type=SHARES,
            paid_in_capital=9_999_999,
            registered_capital=50_000_000,
            consumer_records=4_999,
        ),
        ON,
        False,
        "股份有限公司、實收資本額 NT$9,999,999 < NT$10,000,000；保有個資 4,999 筆 < 5,000 筆 → 第18條年度檢視義務不適用",
    ),
    (
        "moda-art18",
        it(company_type=LIMITED, registered_capital=10_000_000, paid_in_capital=1),
        ON,
        True,
        "有限公司、登記資本額 NT$10,000,000 ≥ NT$10,000,000 → 第18條年度檢視義務適用",
    ),
    (
        "moda-art18",
        it(company_type=LIMITED, registered_capital=1_000_000, consumer_records=5_000),
        ON,
        True,
        "保有個資 5,000 筆 ≥ 5,000 筆 → 第18條年度檢視義務適用",
    ),
    (
        "moea",
        PartyFacts(sectors=frozenset({Sector.MOEA_ANNEX1}), consumer_records=5_000),
        ON,
        True,
        "申報屬經濟部辦法附表一所列製造業或技術服務業（附表一未經查證）；保有消費者個資（單日） 5,000 筆 ≥ 5,000 筆 → 適用",
    ),
    (
        "moea",
        PartyFacts(sectors=frozenset({Sector.MOEA_ANNEX1}), consumer_records=4_999),
        ON,
        False,
        "申報屬經濟部辦法附表一所列製造業或技術服務業（附表一未經查證）；保有消費者個資（單日） 4,999 筆 < 5,000 筆 → 不適用（未達5,000筆之業者不在此限）",
    ),
    (
        "moea",
        it(consumer_records=5_000),
        date(2022, 8, 27),
        True,
        "行業代碼 6201（2022-08-27起改由數位發展部管轄；數位經濟辦法施行前仍適用本辦法，主管機關為數位發展部）；"
        "保有消費者個資（單日） 5,000 筆 ≥ 5,000 筆 → 適用",
    ),
    (
        "moea",
        it(consumer_records=5_000),
        date(2023, 10, 14),  # the moda rule takes effect (issued 2023-10-12, third day)
        False,
        "行業不屬經濟部製造業及技術服務業辦法附表一",
    ),
    (
        "online-retail",
        PartyFacts(
            sectors=frozenset({Sector.INTERNET_RETAIL}), company_type=SHARES, registered_capital=10_000_000
        ),
        date(2023, 11, 20),
        True,
        "網際網路零售、股份有限公司、登記資本額 NT$10,000,000 ≥ NT$10,000,000 → 適用",
    ),
    (
        "online-retail",
        PartyFacts(
            sectors=frozenset({Sector.INTERNET_RETAIL}), company_type=SHARES, registered_capital=9_999_999
        ),
        date(2023, 11, 20),
        False,
        "股份有限公司、登記資本額 NT$9,999,999 < NT$10,000,000 → 不適用",
    ),
    (
        "online-retail",
        PartyFacts(
            sectors=frozenset({Sector.INTERNET_RETAIL}), company_type=LIMITED, registered_capital=50_000_000
        ),
        date(2023, 11, 20),
        False,
        "非股份有限公司 → 不適用",
    ),
    (
        "online-retail",
        PartyFacts(
            sectors=frozenset({Sector.INTERNET_RETAIL, Sector.SPECIALLY_LICENSED}),
            company_type=SHARES,
            registered_capital=50_000_000,
        ),
        date(2023, 11, 20),
        False,
        "屬應經特許、許可或受專門管理法令規範之行業 → 不適用",
    ),
    (
        "online-retail",
        PartyFacts(
            sectors=frozenset({Sector.INTERNET_RETAIL}), company_type=SHARES, registered_capital=10_000_000
        ),
        date(2023, 11, 23),  # repealed 2023-11-21, without effect from the third day
        False,
        "網際網路零售業及網際網路零售服務平台業個人資料檔案安全維護計畫及業務終止後個人資料處理作業辦法於 2023-11-23 未施行或已廢止",
    ),
    (
        "tourist-hotel",
        PartyFacts(sectors=frozenset({Sector.TOURIST_HOTEL})),
        date(2022, 3, 31),
        True,
        "經營觀光旅館業之公司；無筆數門檻 → 適用",
    ),
    (
        "tourist-hotel",
        PartyFacts(
            sectors=frozenset({Sector.TOURIST_HOTEL}),
            company_type=CompanyType.SOLE_PROPRIETORSHIP_OR_PARTNERSHIP,
        ),
        date(2022, 3, 31),
        False,
        "經營觀光旅館業但非公司組織 → 不適用",
    ),
    (
        "tourism",
        PartyFacts(sectors=frozenset({Sector.BNB}), consumer_records=8_000),
        ON,
        True,
        "民宿；保有消費者個資（累計） 8,000 筆 ≥ 8,000 筆 → 適用",
    ),
    (
        "tourism",
        PartyFacts(sectors=frozenset({Sector.TRAVEL_AGENCY}), consumer_records=7_999),
        ON,
        False,
        "旅行業；保有消費者個資（累計） 7,999 筆 < 8,000 筆 → 不適用（業者負舉證未達之責）",
    ),
    (
        "tourism",
        PartyFacts(business_item_codes=("J901020",), consumer_records=8_000),
        date(2022, 3, 31),
        False,
        "交通部指定觀光產業類非公務機關個人資料檔案安全維護計畫及處理辦法於 2022-03-31 未施行或已廢止",
    ),
    (
        "cram-school",
        PartyFacts(business_item_codes=("J201031",)),
        ON,
        True,
        "營業項目 J201031 短期補習班業；無門檻 → 適用",
    ),
    ("cram-school", PartyFacts(industry_codes=("8595",)), ON, False, "非短期補習班"),
    (
        "after-school",
        PartyFacts(sectors=frozenset({Sector.AFTER_SCHOOL_CARE})),
        ON,
        True,
        "私立兒童課後照顧服務中心；無門檻 → 適用",
    ),
    (
        "fsc",
        PartyFacts(sectors=frozenset({Sector.FSC_REGULATED})),
        ON,
        True,
        "屬金管會指定之金融機構或財團法人 → 適用",
    ),
    (
        "hospital",
        PartyFacts(sectors=frozenset({Sector.HOSPITAL}), hospital_beds=100),
        ON,
        True,
        "醫院病床 100 床 ≥ 100 床 → 適用",
    ),
    (
        "hospital",
        PartyFacts(sectors=frozenset({Sector.HOSPITAL}), hospital_beds=99),
        ON,
        False,
        "醫院病床 99 床 < 100 床 → 不適用",
    ),
    (
        "hospital",
        PartyFacts(sectors=frozenset({Sector.HOSPITAL})),
        ON,
        True,
        "醫院；未提供病床數，無法判斷是否達 100 床 → 可能適用（尚缺病床數）",
    ),
    (
        "ncc",
        PartyFacts(ncc_categories=frozenset({NccCategory.ISP}), ncc_subscribers=3_000),
        ON,
        True,
        "網際網路接取服務提供者、訂戶 3,000 戶 ≥ 3,000 戶 → 適用",
    ),
    (
        "ncc",
        PartyFacts(ncc_categories=frozenset({NccCategory.DBS}), ncc_subscribers=2_999),
        ON,
        False,
        "非NCC指定之非公務機關（ISP或直播衛星訂戶未達3,000戶或未提供）",
    ),
    (
        "ncc",
        PartyFacts(ncc_categories=frozenset({NccCategory.CABLE_TV})),
        ON,
        True,
        "有線廣播電視系統經營者 → 適用",
    ),
    (
        "pharma-western",
        PartyFacts(industry_codes=("4571",), registered_capital=30_000_000, collects_customer_data=True),
        ON,
        True,
        "行業代碼 4571；登記資本額 NT$30,000,000 ≥ NT$30,000,000；招募會員或取得客戶個資 → 適用",
    ),
    (
        "pharma-device",
        PartyFacts(industry_codes=("4751",), registered_capital=29_999_999, collects_customer_data=True),
        ON,
        False,
        "行業代碼 4751；登記資本額 NT$29,999,999 < NT$30,000,000 → 不適用",
    ),
    (
        "pharma-cosmetics",
        PartyFacts(industry_codes=("4572",), registered_capital=30_000_000, collects_customer_data=False),
        ON,
        False,
        "行業代碼 4572；未招募會員或取得客戶個資 → 不適用",
    ),
    (
        "cyber-special-non-public",
        PartyFacts(special_reasons=frozenset({SpecialReason.CI_PROVIDER, SpecialReason.STATE_OWNED})),
        ON,
        True,
        "關鍵基礎設施提供者、公營事業 → 屬特定非公務機關（資安法第3條第6款）",
    ),
    (
        "cyber-special-non-public",
        PartyFacts(special_reasons=frozenset({SpecialReason.GOVERNMENT_CONTROLLED})),
        ON,
        False,
        "受政府控制之事業屬2025年修正新增之特定非公務機關，修正尚未施行 → 現行不適用",
    ),
    (
        "cyber-government",
        PartyFacts(is_government_agency=True),
        ON,
        True,
        "公務機關 → 適用資安事件通報及應變之公務機關規定",
    ),
    (
        "cyber-contractor",
        PartyFacts(government_contracts=True),
        ON,
        True,
        "本公司受公務機關或特定非公務機關委託 → 知悉資安事件應立即通知委託機關",
    ),
    (
        "cyber-contractor",
        PartyFacts(party_id="c", name="台電", special_reasons=frozenset({SpecialReason.STATE_OWNED})),
        ON,
        True,
        "委託者「台電」為特定非公務機關 → 本公司知悉資安事件應立即通知",
    ),
    (
        "pdpa-contractor",
        PartyFacts(party_id="c", name="甲", hosting=True),
        ON,
        True,
        "本公司為委託者「甲」之受託者（代管其系統），於個資法適用範圍內視同委託機關，並受委託者監督 → 違反個資法時依契約通知、違法指示立即通知",
    ),
    ("pdpa-contractor", PartyFacts(), ON, False, "本公司非自身之受託者"),
]


@pytest.mark.parametrize(
    ("rule_id", "facts", "on", "applies", "reason"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_rule_decision_and_reason(
    rule_id: str, facts: PartyFacts, on: date, applies: bool, reason: str
) -> None:
    result = decide(rule_id, facts, on)
    assert (isinstance(result, Applicable), result.reason_zh) == (applies, reason)


def test_applicable_reports_law_version_used() -> None:
    result = decide("tourism", PartyFacts(sectors=frozenset({Sector.HOTEL}), consumer_records=8_000), ON)
    assert isinstance(result, Applicable)
    assert (result.law_id, result.law_version) == ("tourism", "2022-04-01")


def test_moda_annex_codes_from_secondary_copy_are_flagged_unverified() -> None:
    verified = decide("moda", PartyFacts(industry_codes=("6202",)), ON)
    secondary = decide("moda", PartyFacts(industry_codes=("6312",)), ON)
    assert isinstance(verified, Applicable)
    assert isinstance(secondary, Applicable)
    assert (verified.verified, secondary.verified) == (True, False)


def test_internet_retail_code_needs_internet_retail_for_moda() -> None:
    result = decide(
        "moda", PartyFacts(industry_codes=("4871",), sectors=frozenset({Sector.INTERNET_RETAIL})), ON
    )
    assert isinstance(result, Applicable)
    assert result.verified is False


def test_moea_plan_due_six_months_after_reaching_5000() -> None:
    facts = PartyFacts(
        sectors=frozenset({Sector.MOEA_ANNEX1}),
        consumer_records=5_000,
        threshold_reached_on=date(2026, 8, 31),
    )
    result = decide("moea", facts, ON)
    assert isinstance(result, Applicable)
    assert [(f.id, f.due_on) for f in result.follow_ups] == [("moea-plan-6m", date(2027, 2, 28))]


def test_moea_resumption_due_30_days_after_reaching_5000_again() -> None:
    facts = PartyFacts(
        sectors=frozenset({Sector.MOEA_ANNEX1}),
        consumer_records=5_000,
        threshold_reached_on=date(2026, 1, 31),
        resuming_after_suspension=True,
    )
    result = decide("moea", facts, ON)
    assert isinstance(result, Applicable)
    assert [(f.id, f.due_on) for f in result.follow_ups] == [("moea-resume-30d", date(2026, 3, 2))]


def test_moda_art18_cycle_starts_six_months_after_crossing() -> None:
    facts = it(consumer_records=5_000, threshold_reached_on=date(2026, 3, 15))
    result = decide("moda-art18", facts, ON)
    assert isinstance(result, Applicable)
    assert [(f.id, f.due_on) for f in result.follow_ups] == [("moda-art18-cycle-start", date(2026, 9, 15))]


def test_moda_art18_resumes_within_30_days() -> None:
    facts = it(consumer_records=5_000, threshold_reached_on=date(2026, 3, 15), resuming_after_suspension=True)
    result = decide("moda-art18", facts, ON)
    assert isinstance(result, Applicable)
    assert [(f.id, f.due_on) for f in result.follow_ups] == [("moda-art18-resume-30d", date(2026, 4, 14))]


def test_tourism_follow_ups_plan_and_authority_request() -> None:
    facts = PartyFacts(
        sectors=frozenset({Sector.HOTEL}), consumer_records=8_000, threshold_reached_on=date(2026, 1, 10)
    )
    result = decide("tourism", facts, ON)
    assert isinstance(result, Applicable)
    assert [(f.id, f.due_on) for f in result.follow_ups] == [
        ("tourism-plan-6m", date(2026, 7, 10)),
        ("tourism-authority-request-30d", None),
    ]


def test_ncc_5000_users_require_an_audit_in_the_plan() -> None:
    facts = PartyFacts(ncc_categories=frozenset({NccCategory.ISP}), ncc_subscribers=5_000)
    result = decide("ncc", facts, ON)
    assert isinstance(result, Applicable)
    assert [f.id for f in result.follow_ups] == ["ncc-audit"]


def test_it_vendor_assessment_lists_rules_in_catalogue_order() -> None:
    facts = it(company_type=SHARES, paid_in_capital=12_000_000, government_contracts=True)
    assert [a.rule_id for a in evaluate(facts, ON)] == ["pdpa", "moda", "moda-art18", "cyber-contractor"]


def test_assessment_notes_pending_amendments() -> None:
    notes = assess(PartyFacts(industry_codes=("6201",)), ON).notes_zh
    assert notes == (
        "個人資料保護法「2025年11月11日修正公布（施行日期由行政院定之）」尚未施行，未納入判斷。",
        "資通安全管理法「2025年9月24日修正公布（施行日期由行政院定之）」尚未施行，未納入判斷。",
    )


def test_assessment_notes_the_2022_2023_gap_for_it_vendors() -> None:
    notes = assess(it(), date(2023, 1, 1)).notes_zh
    assert any(
        note.startswith("2022-08-27起資訊服務業改由數位發展部管轄，數位經濟辦法施行前仍適用")
        for note in notes
    )


def test_assessment_hints_cram_school_for_industry_8595() -> None:
    notes = assess(PartyFacts(industry_codes=("8595",)), ON).notes_zh
    assert any("8595" in note for note in notes)


def test_not_applicable_items_carry_reasons() -> None:
    result = assess(PartyFacts(sectors=frozenset({Sector.HOSPITAL}), hospital_beds=99), ON)
    hospital = next(n for n in result.not_applicable if n.rule_id == "hospital")
    assert isinstance(hospital, NotApplicable)
    assert hospital.reason_zh == "醫院病床 99 床 < 100 床 → 不適用"
