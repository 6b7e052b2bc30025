"""The MOJ code pickers on the personal-data file form: code with name, verification marks, no inline script."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import translation

from shouhu.inventory import services
from shouhu.inventory.forms import FileForm
from shouhu.inventory.models import Purpose
from shouhu.inventory.widgets import official_code


def _option(html: str, code: str) -> str:
    """The <li> of one option, found by its code in the search words."""
    match = re.search(rf'<li class="pick-option" data-search="{code} [^"]*">(.*?)</li>', html, re.S)
    assert match, f"no option {code}"
    return match.group(1)


def test_official_code_uses_the_moj_writing() -> None:
    assert official_code("001") == "〇〇一"
    assert official_code("C102") == "C一〇二"


def test_purpose_options_show_the_official_code_and_name_in_chinese(seeded: None) -> None:
    with translation.override("zh-hant"):
        html = str(FileForm(user=None)["purposes"])
    option = _option(html, "001")
    assert (
        '<span class="pick-code">〇〇一</span> <span class="pick-name" lang="zh-Hant-TW">人身保險</span>'
        in option
    )
    assert 'type="checkbox"' in option


def test_english_page_shows_digits_and_keeps_the_official_chinese_name(seeded: None) -> None:
    with translation.override("en"):
        html = str(FileForm(user=None)["purposes"])
    assert (
        '<span class="pick-code">001</span> <span class="pick-name" lang="zh-Hant-TW">人身保險</span>' in html
    )


def test_search_words_hold_both_code_writings_and_the_name(seeded: None) -> None:
    html = str(FileForm(user=None)["purposes"])
    assert 'data-search="001 〇〇一 人身保險"' in html


def test_single_source_wording_is_marked_unverified_and_explained(seeded: None) -> None:
    with translation.override("zh-hant"):
        html = str(FileForm(user=None)["purposes"])
    assert "pick-unverified" in _option(html, "038")  # 038 行政執行 is transcribed from one copy only
    assert "pick-unverified" not in _option(html, "001")  # two copies agree
    assert "尚未與法務部公告原文核對" in html


@pytest.mark.parametrize(
    ("language", "mark", "explained"),
    [
        ("zh-hant", "文字待查證", "尚未與法務部公告原文核對。轉錄出處：http://freshman.tcu.edu.tw"),
        ("en", "Wording unverified", "has not yet been checked against the Ministry of Justice"),
    ],
)
def test_newly_listed_single_source_codes_are_offered_with_the_unverified_mark(
    seeded: None, language: str, mark: str, explained: str
) -> None:
    with translation.override(language):
        purposes = str(FileForm(user=None)["purposes"])
        categories = str(FileForm(user=None)["categories"])

    option = _option(purposes, "159")
    assert "學術研究" in option
    assert f">{mark}</span>" in option
    assert explained in option
    assert f">{mark}</span>" in _option(categories, "c112")
    assert 'data-search="060 ' not in purposes  # withheld: its only copy rewords other codes


def test_missing_codes_are_not_offered_and_admin_wording_is_marked(seeded: None, admin_user: Any) -> None:
    services.set_wording(
        actor=admin_user, item=Purpose.objects.get(code="004"), name="補登名稱", source="公報第 3 頁"
    )
    html = str(FileForm(user=None)["purposes"])
    assert 'data-search="005 ' not in html  # still missing: no name to show, not offered
    option = _option(html, "004")
    assert "pick-admin" in option
    assert "公報第 3 頁" in option


def test_category_marks_article_6_special_categories(seeded: None, admin_user: Any) -> None:
    from shouhu.inventory.models import Category

    services.set_category_special(
        actor=admin_user, category=Category.objects.get(code="C111"), special=True, term="medical_record"
    )
    html = str(FileForm(user=None)["categories"])
    assert "pick-special" in _option(html, "c111")
    assert "pick-special" not in _option(html, "c001")


def test_picker_loads_its_script_from_a_static_file(seeded: None) -> None:
    form = FileForm(user=None)
    assert str(form.media) == '<script src="/static/inventory/picker.js"></script>'
    assert "<script" not in str(form["purposes"])
