"""English pages show Shouhu's own English of official texts (the guideline's self-check tables, law items) and
the Chinese text of record behind a disclosure. The Chinese there is allowed on an English page only because it
is official: the ``{% official %}`` tag marks nothing else, no template writes the mark by hand, and every
marked run on a page is part of a registered official text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from shouhu.assessment import services
from shouhu.core.official import official_texts
from shouhu.engines.catalog import load_catalogue
from tests.shell.test_language import chinese_left, official_runs

SHOUHU = Path(__file__).resolve().parents[2] / "shouhu"


def _render(text: str, kind: str = "catalogue") -> str:
    with translation.override("en"):
        return Template("{% official text kind %}").render(Context({"text": text, "kind": kind}))


def test_official_tag_marks_a_catalogue_text_and_hides_it_from_the_chinese_check() -> None:
    title = load_catalogue().item("pd-1.1.1").title

    html = _render(title)

    assert official_runs(html) == [("catalogue", title)]
    assert chinese_left(html) == set()


def test_official_tag_never_marks_ui_text() -> None:
    """A template passing its own Chinese through the tag gets it unmarked: the page test then sees it."""
    html = _render("儲存")

    assert official_runs(html) == []
    assert chinese_left(html) == {"儲存"}


def test_official_tag_keeps_kinds_apart() -> None:
    """A catalogue text is not marked as a law text, nor a contract term as a catalogue text."""
    from shouhu.contracts.terms import TERMS

    term = TERMS["pdpa:return"].label_zh

    assert official_runs(_render(term, "law")) == [("law", term)]
    assert official_runs(_render(term, "catalogue")) == []
    assert official_runs(_render(load_catalogue().item("pd-1.1.1").title, "law")) == []


def test_no_template_writes_the_official_mark_by_hand() -> None:
    written = [
        str(p.relative_to(SHOUHU)) for p in SHOUHU.rglob("*.html") if "data-official" in p.read_text("utf-8")
    ]

    assert written == []


@pytest.fixture
def officer_client(make_user: Callable[..., Any], login_as: Callable[[Any], Client]) -> tuple[Any, Client]:
    officer = make_user("pd_officer", username="officer")
    return officer, login_as(officer)


def _page(client: Client, path: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200
    return str(response.content.decode())


@pytest.mark.django_db
def test_every_section_of_both_tables_reads_in_english_with_the_official_text_disclosed(
    officer_client: tuple[Any, Client],
) -> None:
    officer, client = officer_client
    assessment = services.create_assessment(
        actor=officer, data={"tables": "both", "company_name": "Shouhu Ltd", "assessed_on": "2026-11-20"}
    )
    catalogue = services.catalogue_of(assessment)
    catalogue_texts = official_texts("catalogue")
    shown: set[str] = set()

    for table in catalogue.tables:
        for section in table.sections:
            path = (
                reverse("assessment:detail", args=[assessment.pk]) + f"?section={table.id}-s{section.number}"
            )
            html = _page(client, path, "en")
            assert chinese_left(html) == set(), (table.id, section.number)
            assert all(text in catalogue_texts for _, text in official_runs(html))
            for item in section.all_items:
                assert escape(item.title_en or "") in html
                shown.add(item.id)
            assert html.count('data-testid="unofficial"') == len(section.all_items)
            assert html.count('class="official-text"') == len(section.all_items)

    assert len(shown) == 93


@pytest.mark.django_db
def test_zh_tw_page_shows_the_official_text_only(officer_client: tuple[Any, Client]) -> None:
    officer, client = officer_client
    assessment = services.create_assessment(
        actor=officer, data={"tables": "pd", "company_name": "守護", "assessed_on": "2026-11-20"}
    )

    html = _page(client, reverse("assessment:detail", args=[assessment.pk]), "zh-hant")

    assert "由高階管理者擔任個資安全總負責人" in html
    assert "A senior manager" not in html
    assert "data-official" not in html
    assert 'data-testid="unofficial"' not in html


@pytest.mark.django_db
def test_english_answer_keeps_the_official_form_in_chinese(officer_client: tuple[Any, Client]) -> None:
    """Answering on the English page (blank labelled in English) stores what the official form prints in
    Chinese."""
    from shouhu.assessment.models import Answer
    from shouhu.assessment.rows import Row

    officer, client = officer_client
    assessment = services.create_assessment(
        actor=officer, data={"tables": "pd", "company_name": "守護", "assessed_on": "2026-11-20"}
    )
    html = _page(client, reverse("assessment:detail", args=[assessment.pk]), "en")
    assert 'aria-label="Position"' in html
    answer = Answer.objects.get(assessment=assessment, item_id="pd-1.1.1")

    response = client.post(
        reverse("assessment:answer", args=[assessment.pk, "pd-1.1.1"]),
        {
            "version": answer.version,
            "applicable": "1",
            "ticked": "o1",
            "blank-o1-b1": "總經理",
            "result": "conform",
        },
    )

    assert response.status_code in (200, 302)
    answer.refresh_from_db()
    assert "☑ 由總經理（職位）擔任" in Row(item=load_catalogue().item("pd-1.1.1"), answer=answer).check_text
