"""The law catalogue page shows the minimum retention periods (which records, how long, from when, on what
basis) and the notes of industry and business-item codes, in the reader's language: English where the data
has it, the Chinese marked ``lang="zh-Hant"`` where it does not."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from shouhu.core.templatetags.shouhu import zh_en_lang
from shouhu.engines.law.catalogue import load_catalogue

pytestmark = pytest.mark.django_db


def _page(login_as: Any, user: Any, language: str) -> str:
    web = login_as(user)
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return web.get(reverse("law:catalogue")).content.decode()


def test_every_retention_rule_and_code_note_has_english() -> None:
    catalogue = load_catalogue()
    assert [r.id for r in catalogue.retention if not r.records_en] == []
    codes = [*catalogue.industries.values(), *catalogue.business_items.values()]
    assert [c.code for c in codes if c.notes_zh and not c.notes_en] == []


@pytest.mark.parametrize(
    ("language", "records", "period", "start", "basis", "note"),
    [
        (
            "zh-hant",
            "軌跡資料及刪除紀錄",
            "5 年",
            "紀錄作成時",
            "第14條",
            "IG僅列551組，5510依主計總處慣例推定。",
        ),
        (
            "en",
            "Trail data and deletion records",
            "5 years",
            "when the record is made",
            "Art. 14",
            "The MOHW TW Core IG lists only group 551; the class code 5510 is inferred by DGBAS convention.",
        ),
    ],
)
def test_the_catalogue_page_shows_retention_rules_and_code_notes_in_the_readers_language(
    auditor: Any, login_as: Any, language: str, records: str, period: str, start: str, basis: str, note: str
) -> None:
    html = _page(login_as, auditor, language)
    row = html[html.index('data-testid="retention-fsc-art14-records"') :].split("</tr>")[0]
    for text in (records, period, start, basis):
        assert text in row
    assert note in html


def test_the_hospital_log_rule_counts_months() -> None:
    from shouhu.law.templatetags.law_tags import period_text

    with translation.override("en"):
        assert (period_text("P6M"), period_text("P1Y")) == ("6 months", "1 year")
    with translation.override("zh-hant"):
        assert period_text("P6M") == "6 個月"


def test_untranslated_data_is_marked_chinese_on_an_english_page() -> None:
    note = SimpleNamespace(notes_zh="見於公司登記資料。", notes_en="")
    with translation.override("en"):
        assert str(zh_en_lang(note, "notes")) == '<span lang="zh-Hant">見於公司登記資料。</span>'
    with translation.override("zh-hant"):
        assert str(zh_en_lang(note, "notes")) == "見於公司登記資料。"
    with translation.override("en"):
        translated = SimpleNamespace(notes_zh="見於公司登記資料。", notes_en="Seen in <registration> data.")
        assert str(zh_en_lang(translated, "notes")) == "Seen in &lt;registration&gt; data."
