"""The plan and document pages in English."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_plan_and_document_pages_are_translated(officer, login_as):
    client = login_as(officer)
    client.cookies["django_language"] = "en"
    plan = client.get(reverse("plan:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Generate a new draft from the records" in plan
    docs = client.get(reverse("documents:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Policies and documents" in docs
    training = client.get(reverse("training:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Training</h1>" in training
    assert "新增課程" not in training


def test_the_plan_is_written_in_traditional_chinese_whatever_the_page_language(officer, chief, org):
    from django.utils import translation

    from shouhu.documents import services as documents
    from shouhu.plan import services

    doc = documents.create_document(actor=officer, code="P-01", title="政策", tier="policy")
    version = documents.add_version(actor=officer, document=doc, file=b"%PDF-1.4\n v1", filename="p.pdf")
    documents.approve_version(actor=chief, version=version)
    with translation.override("en"):
        content = services.generate_draft(actor=officer).content
    assert ["已核定文件：一階：政策", "1", "政策及文件登錄"] in content["chapters"][4]["facts"]


def test_english_plan_page_gives_chapter_titles_in_english_beside_the_official_ones(officer, login_as):
    """Issue 12: chapter and table titles are the plan document's official titles; English pages show
    Shouhu's English with the official Chinese beside it, marked as Chinese; zh-TW pages are unchanged."""
    import re

    from shouhu.plan import services

    version = services.generate_draft(actor=officer)
    client = login_as(officer)
    client.cookies["django_language"] = "en"
    english = client.get(reverse("plan:detail", args=[version.pk])).content.decode()
    client.cookies["django_language"] = "zh-hant"
    chinese = client.get(reverse("plan:detail", args=[version.pk])).content.decode()
    summaries = re.findall(r'<summary data-testid="plan-chapter">(.*?)</summary>', english)

    assert len(summaries) == len(version.content["chapters"])
    assert summaries[0] == (
        'Organisation and resources (Art. 5) <span class="muted" data-testid="official-title">official title: '
        '<span lang="zh-Hant">組織及資源配置</span></span>'
    )
    assert all('<span lang="zh-Hant">' in s for s in summaries)
    assert '<summary data-testid="plan-chapter">組織及資源配置（第5條）</summary>' in chinese
    assert "official title" not in chinese


def test_table_titles_have_english_and_unknown_titles_stay_official() -> None:
    from django.utils import translation

    from shouhu.plan.chapters import title_en

    with translation.override("en"):
        assert title_en("固有風險值最高之 20 項") == "The 20 risks with the highest inherent risk"
        assert title_en("各部門保有之個人資料檔案") == "Personal-data files held by each department"
        assert title_en("某個舊版本的章名") is None


def test_english_plan_page_marks_the_official_content_as_chinese_and_counts_rows_in_english(
    officer, login_as, make_file
):
    """The chapters' content is the plan document itself (official language): on English pages it is marked as
    Chinese with a note saying so, and the row counts read "(n rows)"; zh-TW pages read 「（n 列）」 without the note."""
    import re

    from shouhu.plan import services

    make_file()
    make_file(name="客服紀錄")
    version = services.generate_draft(actor=officer)
    client = login_as(officer)
    client.cookies["django_language"] = "en"
    english = client.get(reverse("plan:detail", args=[version.pk])).content.decode()
    client.cookies["django_language"] = "zh-hant"
    chinese = client.get(reverse("plan:detail", args=[version.pk])).content.decode()

    assert 'data-testid="plan-official-language"' in english
    assert 'data-testid="plan-official-language"' not in chinese
    assert re.search(r"\(\d+ rows?\)", english)
    assert " 列）" not in english
    assert "Row)" not in english
    assert re.search(r"（\d+ 列）", chinese)
    missing = re.findall(r'<ul data-testid="plan-missing">(.*?)</ul>', english, re.S)
    assert missing
    assert all('<span lang="zh-Hant">' in li for li in missing[0].split("</li>") if li)
