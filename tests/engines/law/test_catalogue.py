"""Data integrity of the law catalogue, and the loader's refusal of inconsistent data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from shouhu.engines.law.applicability import RULE_IDS
from shouhu.engines.law.catalogue import load_catalogue, load_catalogue_from
from shouhu.engines.law.enums import Unit, VersionStatus
from shouhu.engines.law.errors import CatalogueError

CATALOGUE = load_catalogue()


def test_catalogue_holds_the_laws_the_issue_requires() -> None:
    pcodes = {law.pcode for law in CATALOGUE.laws.values()}
    assert pcodes >= {
        "I0050021", "I0050022", "J0030130", "K0010162", "J0080052", "K0110037", "K0110048", "H0080088",
        "H0080099", "G0380233", "L0020218", "K0060104", "L0030108", "L0030137", "L0030138", "A0030297",
        "A0030303", "A0030305",
    }  # fmt: skip


def test_every_rule_cites_a_law_and_version_in_the_catalogue() -> None:
    for rule in CATALOGUE.rules:
        law = CATALOGUE.law(rule.law)
        for version in rule.versions:
            assert law.version(version.law_version).id == version.law_version
        for citation in rule.also_cites:
            assert citation.law in CATALOGUE.laws


def test_every_rule_condition_is_a_known_applicability_rule() -> None:
    assert {rule.applies_if for rule in CATALOGUE.rules} <= RULE_IDS


def test_every_recurring_condition_is_always_or_a_known_rule() -> None:
    assert {o.condition for o in CATALOGUE.recurring} <= RULE_IDS | {"always"}


def test_every_in_force_rule_version_cites_an_article_or_flags_it() -> None:
    for rule in CATALOGUE.rules:
        for version in rule.versions:
            assert (
                version.article
                or version.no_obligation
                or not version.verified
                or "article" in rule.unverified
            ), rule.id


def test_version_intervals_are_well_ordered_and_disjoint_per_law() -> None:
    for law in CATALOGUE.laws.values():
        effective = sorted(
            (v for v in law.versions if v.status.has_effect), key=lambda v: v.effective_from or date.min
        )
        for version in effective:
            if version.effective_from and version.effective_to:
                assert version.effective_from <= version.effective_to, law.id
        for earlier, later in zip(effective, effective[1:], strict=False):
            assert earlier.effective_to is not None, law.id
            assert later.effective_from is not None, law.id
            assert earlier.effective_to < later.effective_from, law.id


def test_not_in_force_versions_have_no_effective_dates() -> None:
    for law in CATALOGUE.laws.values():
        for version in law.versions:
            if not version.status.has_effect:
                assert (version.effective_from, version.effective_to, version.verified) == (
                    None,
                    None,
                    False,
                ), law.id


def test_source_urls_are_the_moj_address_of_the_pcode() -> None:
    for law in CATALOGUE.laws.values():
        if law.pcode:
            assert law.source_url == f"https://law.moj.gov.tw/LawClass/LawAll.aspx?pcode={law.pcode}"


def test_missing_law_facts_are_flagged_unverified() -> None:
    for law in CATALOGUE.laws.values():
        for field in ("pcode", "name_zh", "name_en", "competent_authority_zh", "source_url"):
            if getattr(law, field) is None:
                assert field in law.unverified, (law.id, field)


def test_timed_rules_have_durations_and_others_do_not() -> None:
    for rule in CATALOGUE.rules:
        timed = rule.unit in (Unit.HOURS, Unit.DAYS, Unit.MONTHS)
        assert (rule.duration is not None) == timed, rule.id


# Facts the research marks unverified, secondary or draft, and where the data must flag them.
def test_2025_pdpa_amendment_is_promulgated_not_in_force_and_unverified() -> None:
    version = CATALOGUE.law("pdpa").version("2025")
    assert (version.status, version.promulgated_on, version.effective_from, version.verified) == (
        VersionStatus.PROMULGATED_NOT_IN_FORCE,
        date(2025, 11, 11),
        None,
        False,
    )
    assert "notice_24h" in version.unverified


def test_2026_drafts_are_drafts() -> None:
    assert CATALOGUE.law("pdpa-incident-draft").version("2026-draft").status is VersionStatus.DRAFT
    assert CATALOGUE.law("pdpa-er").version("2026-draft").status is VersionStatus.DRAFT
    for rule_id in (
        "pdpa-draft-report-72h",
        "pdpa-draft-notify-72h",
        "pdpa2025-art12-notify",
        "pdpa2025-art12-report",
    ):
        assert CATALOGUE.rule(rule_id).verified is False


def test_2023_pdpa_amendment_is_verified_and_in_force_from_promulgation() -> None:
    version = CATALOGUE.law("pdpa").version("2023")
    assert (version.status, version.effective_from, version.verified) == (
        VersionStatus.IN_FORCE,
        date(2023, 6, 2),  # promulgated 2023-05-31, 「自公布日施行」: the third day (中央法規標準法第13條)
        True,
    )


def test_2025_cyber_act_amendment_is_not_in_force_and_unverified() -> None:
    version = CATALOGUE.law("cyber-act").version("2025")
    assert (version.status, version.promulgated_on, version.verified) == (
        VersionStatus.PROMULGATED_NOT_IN_FORCE,
        date(2025, 9, 24),
        False,
    )


def test_2026_renamed_cyber_reporting_rule_is_flagged_partly_unverified() -> None:
    law = CATALOGUE.law("cyber-incident")
    version = law.version("2026-01-05")
    assert (version.name_zh, version.verified) == ("資通安全事件通報應變及演練辦法", False)
    assert {"deadlines", "articles"} <= set(version.unverified)
    for rule in CATALOGUE.rules:
        if rule.law == "cyber-incident":
            new = rule.version_for("2026-01-05")
            assert new is not None, rule.id
            assert (new.verified, new.article) == (False, None), rule.id


def test_fsc_clock_without_a_start_in_the_text_is_read_conservatively() -> None:
    rule = CATALOGUE.rule("fsc-art6-report")
    assert (rule.conservative_anchor, rule.anchor.value) == (True, "discovered")
    assert "未規定起算時點" in rule.notes_zh


def test_moea_annex_and_form_contents_are_flagged_unverified() -> None:
    assert "annex1_industries" in CATALOGUE.law("moea-mfg").unverified
    assert "form_fields" in CATALOGUE.rule("moea-art6-report").unverified
    assert CATALOGUE.rule("moea-art6-report").version_for("2016-07-28").no_obligation is True  # type: ignore[union-attr]


def test_moda_annex_from_secondary_copy_is_flagged() -> None:
    assert "annex1_industries" in CATALOGUE.law("moda-digital").unverified


def test_request_day_counting_cites_the_civil_code() -> None:
    for rule_id in ("pdpa-art13-access", "pdpa-art13-correction"):
        assert "民法第119條至第122條" in CATALOGUE.rule(rule_id).notes_zh


def test_pharma_rules_cite_the_articles_read_in_their_texts() -> None:
    articles = {
        law_id: (CATALOGUE.law(law_id).name_zh, CATALOGUE.rule(f"{law_id}-report").versions[-1].article)
        for law_id in ("pharma-western", "pharma-device", "pharma-cosmetics")
    }
    assert articles == {
        "pharma-western": ("西藥批發零售業個人資料檔案安全維護計畫實施辦法", "第14條第1項第1款"),
        "pharma-device": ("醫療器材批發零售業個人資料檔案安全維護計畫實施辦法", "第17條第1項第1款"),
        "pharma-cosmetics": ("化粧品批發零售業個人資料檔案安全維護計畫實施辦法", "第17條第1項第1款"),
    }


def test_inferred_or_unverified_codes_are_flagged() -> None:
    assert (CATALOGUE.industries["5510"].verified, CATALOGUE.industries["487"].verified) == (False, False)
    assert CATALOGUE.business_items["J901011"].verified is False
    assert CATALOGUE.business_items["J201031"].verified is True
    assert "JG01011" not in CATALOGUE.business_items


def test_repealed_rules_lose_effect_on_the_third_day_after_the_repeal_order() -> None:
    retail = CATALOGUE.law("online-retail").version("2021-12-30")
    hotel = CATALOGUE.law("tourist-hotel").version("2014-01-03")
    assert (retail.status, retail.effective_to) == (VersionStatus.REPEALED, date(2023, 11, 22))
    assert (hotel.status, hotel.effective_to) == (VersionStatus.REPEALED, date(2022, 4, 2))
    assert CATALOGUE.law("tourism").version("2022-04-01").effective_from == date(2022, 4, 3)


def test_recurring_frequencies_match_the_guideline() -> None:
    frequencies = {o.id: o.frequency for o in CATALOGUE.recurring}
    assert frequencies == {
        "self-check-internal-audit": "P1Y",
        "incident-drill": "P1Y",
        "processor-audit": "P1Y",
        "web-vuln-scan-pentest": "P1Y",
        "host-vuln-scan-malware": "P1Y",
        "training": "P1Y",
        "phishing-drill": "P6M",
        "permission-review": "P6M",
        "password-change": "P90D",
        "purpose-review": "P1Y",
        "moda-art18-inventory": "P12M",
        "moda-art18-risk": "P12M",
        "moda-art18-procedure": "P12M",
        "moda-art18-technical": "P12M",
        "moda-art18-access": "P12M",
        "moda-art18-training": "P12M",
        "moda-art18-audit": "P12M",
        "moda-art18-improvement": "P12M",
        "retention-end": None,
        "access-log-monitoring": "P1M",  # default frequency (the rule says only "monitoring")
        "access-monitoring-drill": "P1Y",  # default frequency (the rule says only "regular drills")
    }


LAW = """
[[law]]
id = "x"
pcode = "X1"
name_zh = "測試法"
short_name_zh = "測試"
name_en = "Test"
kind = "act"
competent_authority_zh = "測試部"
source_url = "https://example.invalid"
{extra}
[[law.version]]
id = "a"
label_zh = "甲"
status = "superseded"
effective_to = 2020-12-31
verified = true

[[law.version]]
id = "b"
label_zh = "乙"
status = "in_force"
effective_from = {second_start}
verified = true
"""


def _write(tmp_path: Path, second_start: str = "2021-01-01", extra: str = "") -> Path:
    (tmp_path / "laws_x.toml").write_text(
        LAW.format(second_start=second_start, extra=extra), encoding="utf-8"
    )
    return tmp_path


def test_loader_refuses_first_effective_day_after_a_version_starts(tmp_path: Path) -> None:
    folder = _write(tmp_path)
    text = (folder / "laws_x.toml").read_text(encoding="utf-8")
    (folder / "laws_x.toml").write_text(
        text.replace('id = "x"\n', 'id = "x"\nfirst_effective_on = 2030-01-01\n', 1), encoding="utf-8"
    )
    with pytest.raises(CatalogueError, match="first_effective_on 晚於版本"):
        load_catalogue_from(folder)


def test_loader_accepts_adjacent_versions(tmp_path: Path) -> None:
    catalogue = load_catalogue_from(_write(tmp_path))
    assert catalogue.law("x").version_on(date(2020, 12, 31)).id == "a"  # type: ignore[union-attr]


def test_loader_refuses_overlapping_versions(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="期間重疊"):
        load_catalogue_from(_write(tmp_path, second_start="2020-12-31"))


def test_loader_refuses_unknown_keys(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="未知欄位 colour"):
        load_catalogue_from(_write(tmp_path, extra='colour = "red"'))


def test_loader_refuses_rule_citing_unknown_law(tmp_path: Path) -> None:
    _write(tmp_path)
    (tmp_path / "deadlines_x.toml").write_text(
        """
[[rule]]
id = "r"
title_zh = "規則"
title_en = "Rule"
trigger = "incident"
law = "nope"
anchor = "aware"
duration = 1
unit = "hours"
party = "holder"
applies_if = "pdpa"
recipient_zh = "某機關"
verified = true
[[rule.version]]
law_version = "b"
article = "第1條"
""",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="引用不存在之法規 nope"):
        load_catalogue_from(tmp_path)
