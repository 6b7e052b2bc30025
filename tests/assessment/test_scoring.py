from shouhu.assessment.scoring import RULE_TEXT, compare, score
from shouhu.engines.catalog import load_catalogue


def _all(result: str, table: str = "pd") -> dict[str, str]:
    return {item.id: result for item in load_catalogue().table(table).items}


def test_all_conform_scores_100_and_counts_every_item():
    card = score(load_catalogue(), ["pd", "is"], {**_all("conform"), **_all("conform", "is")})
    assert card.overall.all.percent == 100.0
    assert card.overall.all.counted == 93
    assert [t.all.counted for t in card.tables] == [41, 52]


def test_points_partial_half_nonconform_zero_na_excluded():
    catalogue = load_catalogue()
    results = _all("na")
    results.update({"pd-1.1.1": "conform", "pd-1.1.2": "partial", "pd-1.2.1": "nonconform"})
    card = score(catalogue, ["pd"], results)
    assert card.overall.all.counted == 3
    assert card.overall.all.earned == 1.5
    assert card.overall.all.percent == 50.0
    assert card.overall.all.na == 38
    section1 = card.sections["pd"][0]
    assert section1.key == "pd-1"
    assert section1.all.percent == 50.0


def test_unanswered_items_are_not_counted_and_give_no_score():
    card = score(load_catalogue(), ["pd"], {})
    assert card.overall.all.percent is None
    assert card.overall.all.unanswered == 41


def test_basic_and_advanced_items_are_scored_apart():
    catalogue = load_catalogue()
    results = {
        item.id: ("conform" if item.mark.advanced else "nonconform") for item in catalogue.table("is").items
    }
    card = score(catalogue, ["is"], results)
    assert card.overall.advanced.percent == 100.0
    assert card.overall.basic.percent == 0.0
    advanced = sum(1 for item in catalogue.table("is").items if item.mark.advanced)
    assert card.overall.advanced.counted == advanced > 0


def test_partial_mark_counts_as_advanced():
    catalogue = load_catalogue()
    assert catalogue.item("pd-6.1.2").mark.printed == "◎（隱碼機制）"
    card = score(catalogue, ["pd"], {"pd-6.1.2": "conform"})
    assert card.overall.advanced.counted == 1
    assert card.overall.basic.counted == 0


def test_compare_lists_better_and_worse_items_only_when_rated_in_both():
    catalogue = load_catalogue()
    better, worse = compare(
        catalogue,
        {"pd-1.1.1": "conform", "pd-1.1.2": "partial", "pd-1.2.1": "conform", "pd-2.1.1": "na"},
        {"pd-1.1.1": "nonconform", "pd-1.1.2": "conform", "pd-2.1.1": "conform"},
    )
    assert [c.item.id for c in better] == ["pd-1.1.1"]
    assert [c.item.id for c in worse] == ["pd-1.1.2"]


def test_rule_is_documented():
    assert "符合 = 1 分" in RULE_TEXT
    assert "部分符合 = 0.5 分" in RULE_TEXT
    assert "不適用" in RULE_TEXT


def test_changes_are_labelled_in_zh_tw():
    better, _ = compare(load_catalogue(), {"pd-1.1.1": "conform"}, {"pd-1.1.1": "partial"})
    assert (better[0].before_label, better[0].after_label) == ("部分符合", "符合")


def test_the_overall_row_is_labelled_in_the_readers_language():
    from django.utils import translation

    with translation.override("en"):
        english = score(load_catalogue(), ["pd"], _all("conform")).overall.label
    with translation.override("zh-hant"):
        chinese = score(load_catalogue(), ["pd"], _all("conform")).overall.label

    assert (english, chinese) == ("Overall", "整體")
