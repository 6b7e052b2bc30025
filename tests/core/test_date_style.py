"""One date style per language: ROC in zh-TW, ISO in English; official documents always zh-TW."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from django.utils.translation import gettext

from shouhu.core.official import in_official_language
from shouhu.core.templatetags.shouhu import roc, taipei, thousands

MOMENT = dt.datetime(2026, 11, 27, 6, 30, tzinfo=dt.UTC)  # 14:30 in Taipei


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hant", "民國115年11月27日"), ("en", "2026-11-27")],
)
def test_a_date_reads_in_the_page_language(language: str, expected: str) -> None:
    with translation.override(language):
        assert roc(dt.date(2026, 11, 27)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hant", "115/11/27 14:30"), ("en", "2026-11-27 14:30")],
)
def test_a_moment_reads_in_the_page_language_in_taipei_time(language: str, expected: str) -> None:
    with translation.override(language):
        assert taipei(MOMENT) == expected


def test_a_date_with_time_in_english_is_iso_in_taipei_time() -> None:
    with translation.override("en"):
        assert roc(MOMENT, "t") == "2026-11-27 14:30"


def test_counts_carry_thousands_separators_and_unknown_stays_empty() -> None:
    assert (thousands(5000), thousands(None)) == ("5,000", "")


def test_official_documents_are_written_in_zh_tw_whatever_the_reader_language() -> None:
    @in_official_language
    def document() -> tuple[str, str]:
        return gettext("系統管理員"), roc(dt.date(2026, 11, 27))

    with translation.override("en"):
        assert document() == ("系統管理員", "民國115年11月27日")
        assert gettext("系統管理員") == "Administrator"
