"""Every clock's recipient and obligor in the catalogue has English for English pages."""

from __future__ import annotations

import re
from datetime import date

import pytest

from shouhu.engines.law.applicability import assess
from shouhu.engines.law.catalogue import load_catalogue
from shouhu.engines.law.english import RECIPIENTS_EN, obligor_en, recipient_en
from shouhu.engines.law.facts import CompanyType, NccCategory, PartyFacts, Sector, SpecialReason


def test_every_recipient_in_the_catalogue_has_english() -> None:
    recipients = {rule.recipient_zh for rule in load_catalogue().rules}

    assert sorted(r for r in recipients if recipient_en(r) is None) == []


def test_recipient_english_has_no_chinese_left() -> None:
    assert [en for en in RECIPIENTS_EN.values() if any("\u4e00" <= ch <= "\u9fff" for ch in en)] == []


def test_obligor_shapes_the_engine_writes_have_english_and_keep_the_client_name() -> None:
    assert obligor_en("本公司") == "Our company"
    assert (
        obligor_en("本公司（受託者）→ 好日子購物股份有限公司")
        == "Our company (as processor) → 好日子購物股份有限公司"
    )
    assert obligor_en(
        "好日子購物股份有限公司（本公司為受託者，依個資法第4條及數位經濟辦法第19條應配合遵循）"
    ).startswith("好日子購物股份有限公司 (our company, as its processor")
    assert obligor_en("某個新說法") is None


def test_a_client_named_as_the_engine_names_it_reads_as_the_client_in_english() -> None:
    """The engine writes a client as 「委託者「X」」 (PartyFacts.label_zh): English says the client, keeps X."""
    from shouhu.engines.law.deadlines import PartyRole, _obligor
    from shouhu.engines.law.facts import PartyFacts

    client = PartyFacts(party_id="c1", name="好日子購物股份有限公司")
    to_client = _obligor(type("Rule", (), {"party": PartyRole.VENDOR_TO_CLIENT})(), client)  # type: ignore[arg-type]
    for_client = _obligor(type("Rule", (), {"party": None})(), client)  # type: ignore[arg-type]

    assert (
        obligor_en(to_client) == "Our company (as processor) → the client \u201c好日子購物股份有限公司\u201d"
    )
    assert obligor_en(for_client).startswith("the client \u201c好日子購物股份有限公司\u201d (our company")  # type: ignore[union-attr]


# --- Reasons, rule names and catalogue texts in English (issue 12: English law pages) ----------------

HAN = re.compile(r"[\u3400-\u9fff]")


def _not_english(text: str) -> bool:
    """Empty, or Chinese left once the client's own name (data, kept as written) is taken out."""
    return not text or bool(HAN.search(text.replace("甲公司", "")))


def _party_variants() -> list[PartyFacts]:
    """Facts that walk every check through its branches: every sector, NCC category, special reason and
    company type, known and unknown thresholds, below and above them."""
    codes = sorted(load_catalogue().industries)
    variants = [PartyFacts(), PartyFacts(party_id="c1", name="甲公司", is_government_agency=True)]
    for records, capital, beds, subscribers, collects in (
        (None, None, None, None, None),
        (10, 1_000_000, 10, 10, False),
        (1_000_000, 100_000_000, 500, 10_000, True),
    ):
        for company_type in (None, *CompanyType):
            variants.append(
                PartyFacts(
                    party_id="c1",
                    name="甲公司",
                    industry_codes=tuple(codes),
                    business_item_codes=("J201031", "J901020", "J901011"),
                    company_type=company_type,
                    paid_in_capital=capital,
                    registered_capital=capital,
                    special_reasons=frozenset(SpecialReason),
                    sectors=frozenset(Sector),
                    consumer_records=records,
                    hospital_beds=beds,
                    ncc_categories=frozenset(NccCategory),
                    ncc_subscribers=subscribers,
                    collects_customer_data=collects,
                    threshold_reached_on=date(2024, 1, 1),
                )
            )
        variants.append(PartyFacts(sectors=frozenset({Sector.INTERNET_RETAIL}), consumer_records=records))
        variants.append(
            PartyFacts(
                industry_codes=("620",), consumer_records=records, threshold_reached_on=date(2024, 1, 1),
                resuming_after_suspension=True,
            )
        )  # fmt: skip
    return variants


@pytest.mark.parametrize("on", [date(2016, 1, 1), date(2022, 9, 1), date(2026, 11, 27)])
def test_every_decision_has_english_without_chinese(on: date) -> None:
    """The English page shows ``reason_en``: every decision, follow-up and note has one, in English."""
    missing = set()
    for facts in _party_variants():
        result = assess(facts, on)
        for a in result.applicable:
            texts = [a.title_en, a.legal_basis_en, a.reason_en, a.pending_en if a.pending else "x"]
            texts += [t for f in a.follow_ups for t in (f.title_en, f.reason_en, f.legal_basis_en)]
            missing |= {f"{a.rule_id}: {t!r}" for t in texts if _not_english(t)}
        for n in result.not_applicable:
            missing |= {f"{n.rule_id}: {t!r}" for t in (n.title_en, n.reason_en) if _not_english(t)}
        assert len(result.notes_en) == len(result.notes_zh)
        missing |= {t for t in result.notes_en if HAN.search(t)}

    assert sorted(missing) == []


def test_a_reason_says_the_same_in_both_languages() -> None:
    """The hospital check: the counts and the outcome match between the zh-TW and the English reason."""
    facts = PartyFacts(party_id="c1", name="甲醫院", sectors=frozenset({Sector.HOSPITAL}), hospital_beds=120)

    applied = next(a for a in assess(facts, date(2026, 11, 27)).applicable if a.rule_id == "hospital")

    assert applied.reason_zh == "醫院病床 120 床 ≥ 100 床 → 適用"
    assert applied.reason_en == "120 hospital beds ≥ 100 → applies"


def test_a_client_in_the_middle_of_an_english_reason_is_not_capitalised() -> None:
    """「本公司為委託者「甲銀行」之受託者」 reads "… the processor of the client “甲銀行” …" (not "The client")."""
    facts = PartyFacts(party_id="c1", name="甲銀行", hosting=True)

    applied = next(a for a in assess(facts, date(2026, 11, 27)).applicable if a.rule_id == "pdpa-contractor")

    assert applied.reason_en.startswith(
        "Our company is the processor of the client \u201c甲銀行\u201d (hosting its systems); "
    )


def test_every_law_version_rule_and_code_has_its_english() -> None:
    cat = load_catalogue()

    assert [
        law.id for law in cat.laws.values() if not (law.display_name_en() and law.competent_authority_en)
    ] == []
    assert [f"{law.id}@{v.id}" for law in cat.laws.values() for v in law.versions if not v.label_en] == []
    assert [r.id for r in cat.rules if not r.content_en or (r.form_zh and not r.form_en)] == []
    assert [c.code for c in (*cat.industries.values(), *cat.business_items.values()) if not c.name_en] == []
    assert [law.id for law in cat.laws.values() if law.notes_zh and not law.notes_en] == []
    assert [
        f"{law.id}@{v.id}"
        for law in cat.laws.values()
        for v in law.versions
        if (v.notes_zh and not v.notes_en) or (v.name_zh and not v.name_en)
    ] == []
    assert [o.id for o in cat.recurring if not o.source_en] == []


def test_every_note_of_recurring_items_codes_and_retention_has_its_english() -> None:
    cat = load_catalogue()
    codes = (*cat.industries.values(), *cat.business_items.values())

    assert [o.id for o in cat.recurring if o.notes_zh and not o.notes_en] == []
    assert [c.code for c in codes if c.notes_zh and not c.notes_en] == []
    assert [r.id for r in cat.retention if r.notes_zh and not r.notes_en] == []
    assert [o.id for o in cat.recurring if o.notes_en and not o.notes_zh] == []


def test_english_catalogue_texts_carry_no_chinese() -> None:
    cat = load_catalogue()
    texts = [
        t
        for law in cat.laws.values()
        for t in (law.short_name_en, law.competent_authority_en, law.name_en or "")
    ]
    texts += [v.label_en for law in cat.laws.values() for v in law.versions]
    texts += [t for r in cat.rules for t in (r.content_en, r.form_en)]
    texts += [c.name_en for c in (*cat.industries.values(), *cat.business_items.values())]
    texts += [law.notes_en for law in cat.laws.values()]
    texts += [t for law in cat.laws.values() for v in law.versions for t in (v.notes_en, v.name_en)]
    texts += [t for o in cat.recurring for t in (o.source_en, o.notes_en)]
    texts += [c.notes_en for c in (*cat.industries.values(), *cat.business_items.values())]
    texts += [r.notes_en for r in cat.retention]

    assert [t for t in texts if HAN.search(t)] == []


def test_english_for_an_unknown_law_is_refused(tmp_path) -> None:
    from importlib import resources

    from shouhu.engines.law.catalogue import load_catalogue_from
    from shouhu.engines.law.errors import CatalogueError

    data = resources.files("shouhu.engines.law").joinpath("data")
    for entry in data.iterdir():
        if entry.name.endswith(".toml"):
            (tmp_path / entry.name).write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "english_extra.toml").write_text('[law.no-such-law]\nshort_name_en = "x"\n', encoding="utf-8")

    with pytest.raises(CatalogueError, match="no-such-law"):
        load_catalogue_from(tmp_path)


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ('[retention.no-such-rule]\nnotes_en = "x"\n', "no-such-rule"),
        ('[industry_note]\n"0000" = "x"\n', "0000"),
        ('[business_item_note]\nZ999999 = "x"\n', "Z999999"),
    ],
)
def test_an_english_note_for_an_unknown_retention_rule_or_code_is_refused(
    tmp_path, extra: str, named: str
) -> None:
    from importlib import resources

    from shouhu.engines.law.catalogue import load_catalogue_from
    from shouhu.engines.law.errors import CatalogueError

    data = resources.files("shouhu.engines.law").joinpath("data")
    for entry in data.iterdir():
        if entry.name.endswith(".toml"):
            (tmp_path / entry.name).write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "english_extra.toml").write_text(extra, encoding="utf-8")

    with pytest.raises(CatalogueError, match=named):
        load_catalogue_from(tmp_path)


def test_plain_words_clock_in_english() -> None:
    from shouhu.engines.law.plain import describe

    rule = load_catalogue().rule("moda-art8-report")
    plain = describe(rule)

    assert plain.deadline_zh == "知悉後72小時內"
    assert plain.deadline_en == "within 72 hours of becoming aware"
    assert plain.recipient_en
    assert not HAN.search(plain.when_en + plain.deadline_en + plain.what_en)


def test_english_reason_keeps_acronyms_as_written() -> None:
    facts = PartyFacts(party_id="c1", name="甲", ncc_categories=frozenset({NccCategory.OTHER_ANNOUNCED}))

    applied = next(a for a in assess(facts, date(2026, 11, 27)).applicable if a.rule_id == "ncc")

    assert applied.reason_en == "Other business announced by the NCC → applies"


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("第8條第1項第4款", "Art. 8(1)(4)"),
        ("第13條第2項、第3項", "Art. 13(2), (3)"),
        ("第4條第2項但書", "Art. 4(2) proviso"),
        ("第4條、第6條", "Art. 4, Art. 6"),
        ("第17-1條", "Art. 17-1"),
        ("附表二", None),
    ],
)
def test_article_references_in_english(zh: str, en: str | None) -> None:
    from shouhu.engines.law.english import article_en

    assert article_en(zh) == en


# --- Legal bases in English (issue 12: citations on English incident and preview pages) -------------------


def test_every_rule_versions_legal_basis_has_english() -> None:
    from shouhu.engines.law.deadlines import legal_basis_en

    catalogue = load_catalogue()
    texts = {
        f"{rule.id}@{v.law_version}": legal_basis_en(rule, v.law_version, catalogue)
        for rule in catalogue.rules
        for v in rule.versions
    }

    assert len(texts) > 100
    assert {k: t for k, t in texts.items() if not t or HAN.search(t)} == {}


def test_legal_basis_in_english_uses_the_short_names_and_article_numbers() -> None:
    from shouhu.engines.law.deadlines import legal_basis_en

    catalogue = load_catalogue()

    assert legal_basis_en(catalogue.rule("pdpa-art12-notify"), "2023", catalogue) == (
        "PDPA Art. 12; PDPA Enforcement Rules Art. 22"
    )
    assert legal_basis_en(catalogue.rule("pdpa-er-art8-contractor-notice"), "2016", catalogue) == (
        "PDPA Enforcement Rules Art. 8(2)(4)"
    )
    assert legal_basis_en(catalogue.rule("pdpa-art12-notify"), "no-such-version", catalogue) == ""
