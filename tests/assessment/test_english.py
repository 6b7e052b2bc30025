"""The self-check in English: a locked answer, the score page and its chart read in Shouhu's English."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils.html import escape

from shouhu.assessment.charts import fit_label

pytestmark = pytest.mark.django_db


def _english(client, path: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_locked_answer_reads_in_english(officer, login_as, completed):
    page = _english(login_as(officer), f"/assessment/{completed.pk}/?section=pd-s1")
    item = page[page.index('data-testid="item-pd-1.1.1"') :]
    readonly = re.search(r'<div class="readonly">(.*?)</div>', item, flags=re.S)

    assert readonly is not None
    text = readonly.group(1)
    assert re.findall(r'<p class="pre">(.*?)</p>', text, flags=re.S) == [
        "☑ Applies\n☐ Not applicable",
        "☐ Held by _____ (position)\nDescription: 說明 pd-1.1.1\nResult: Does not conform",
    ]


def test_score_page_names_sections_in_english(officer, login_as, completed):
    page = _english(login_as(officer), f"/assessment/{completed.pk}/scores/")

    assert "1. Assigning management staff and adequate resources" in page
    assert (
        escape("Appendix 1 System vendor's self-check table for personal data security maintenance measures")
        in page
    )
    assert "配置管理之人員及相當資源" not in page


def test_chart_labels_fit_their_column_in_either_script():
    """English section names keep more characters than the old 18-character cut; Chinese ones about as many."""
    english = fit_label("5. Procedure for handling data subjects' exercise of their rights")
    chinese = fit_label("5. 委託他人蒐集、處理或利用個人資料之管理程序附加說明")

    assert english == "5. Procedure for handling data…"
    assert chinese == "5. 委託他人蒐集、處理或利用個人資料…"
    assert fit_label("1. Risk assessment") == "1. Risk assessment"


def test_a_frequency_blank_reads_in_the_pages_language():
    from shouhu.assessment.rows import format_blank

    every_year = {"unit": "year", "every": 1, "times": 2}
    every_two_years = {"unit": "year", "every": 2, "times": 1}

    assert format_blank(every_year) == "每年 2 次"
    assert format_blank(every_year, english=True) == "2 time(s) every year"
    assert format_blank(every_two_years, english=True) == "1 time(s) every 2 years"
