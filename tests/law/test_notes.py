"""Research notes on the law catalogue page name their sources in words, never by a database file code."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from shouhu.law.templatetags.law_tags import law_note

pytestmark = pytest.mark.django_db

FILE_REFERENCE = "Eng_FalVMingLing/I0050022.json"
ENGLISH_PAGE = "https://law.moj.gov.tw/ENG/LawClass/LawAll.aspx?pcode=I0050022"


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(("language", "name"), [("zh-hant", "全國法規資料庫"), ("en", "Laws &amp; Regulations Database of the ROC")])  # fmt: skip
def test_catalogue_names_the_law_database_as_a_link_not_a_file_code(
    auditor: Any, login_as: Any, language: str, name: str
) -> None:
    c = login_as(auditor)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = c.get(reverse("law:catalogue")).content.decode()
    links = re.findall(r'<a href="([^"]+)"[^>]*data-testid="law-database-source">([^<]+)</a>', html)

    assert FILE_REFERENCE not in _visible(html)
    assert (ENGLISH_PAGE, name) in links


def test_law_note_escapes_the_note_and_keeps_the_file_reference_in_the_title() -> None:
    with translation.override("zh-hant"):
        html = law_note("<b>取自</b>（mojLawSplitJSON Eng_FalVMingLing/I0050022.json）")

    assert html.startswith("&lt;b&gt;取自&lt;/b&gt;（<a ")
    assert f'title="mojLawSplitJSON {FILE_REFERENCE}"' in html
    assert html.endswith(">全國法規資料庫</a>）")
