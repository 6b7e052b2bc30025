"""Unverified facts are named in words on the law pages, never by their data keys (「annex1_industries」)."""

from __future__ import annotations

from django.utils import translation

from shouhu.engines.law.catalogue import load_catalogue
from shouhu.law.templatetags.law_tags import unverified_fields


def _keys() -> set[str]:
    catalogue = load_catalogue()
    keys: set[str] = set()
    for law in catalogue.laws.values():
        keys.update(law.unverified)
        for version in law.versions:
            keys.update(version.unverified)
    for rule in catalogue.rules:
        keys.update(rule.unverified)
    for retention in catalogue.retention:
        keys.update(retention.unverified)
    return keys


def test_every_unverified_key_in_the_law_data_has_a_name_in_both_languages() -> None:
    keys = _keys()
    assert keys  # the data does mark facts unverified
    for language in ("zh-hant", "en"):
        with translation.override(language):
            shown = {key: unverified_fields([key]) for key in keys}
        named_by_key = sorted(key for key, text in shown.items() if text == key)
        assert named_by_key == [], language


def test_industries_of_annex_one_read_as_words() -> None:
    with translation.override("zh-hant"):
        assert unverified_fields(["name_en", "annex1_industries"]) == "英文名稱、附表一適用行業"
    with translation.override("en"):
        assert (
            unverified_fields(["name_en", "annex1_industries"])
            == "English name, industries listed in Annex 1"
        )
