"""The request and transfer pages read in English when English is chosen."""

from __future__ import annotations

import html
import re

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from shouhu.requests.models import Kind
from shouhu.thirdparties.models import ContractItemKey

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_labels_have_english_translations():
    with translation.override("en"):
        assert str(Kind.MARKETING.label) == "Refuse marketing (opt-out)"
        assert str(ContractItemKey.RETURN.label).startswith("Return of data carriers")


def test_the_request_list_reads_in_english(login_as, officer):
    web = login_as(officer)
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = web.get(reverse("requests:list")).content.decode()
    assert "Data-subject requests" in page
    assert "Receive a request" in page


def _deadline_explanation(page: str) -> str:
    match = re.search(r'<dd data-testid="deadline-explanation">(.*?)</dd>', page, re.S)
    assert match, "the page shows no deadline explanation"
    return html.unescape(re.sub(r"<[^>]+>", "", match[1])).strip()


def test_an_english_request_page_explains_the_deadline_in_english(login_as, officer, open_case):
    case = open_case("query_or_read")
    web = login_as(officer)
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = web.get(reverse("requests:detail", args=[case.pk])).content.decode()

    assert case.explanation_en
    assert _deadline_explanation(page) == case.explanation_en
    assert not HAN.search(_deadline_explanation(page))
    assert "PDPA Art. 13" in page
    assert case.legal_basis_zh not in page


def test_a_chinese_request_page_keeps_the_chinese_explanation(login_as, officer, open_case):
    case = open_case("delete")
    web = login_as(officer)

    page = web.get(reverse("requests:detail", args=[case.pk])).content.decode()

    assert _deadline_explanation(page) == case.explanation_zh
    assert case.legal_basis_zh in page


def test_the_article_11_notice_task_reads_in_english(login_as, officer, open_case):
    from shouhu.requests import services
    from shouhu.requests.models import RecipientNotice

    case = open_case("supplement_or_correct", explanation="地址已變更")
    services.verify_identity(actor=officer, request=case, method="document", note="身分證正本")
    services.grant(actor=officer, request=case, note="已更正地址", recipients="物流商乙公司")
    notice = RecipientNotice.objects.get(request=case)
    web = login_as(officer)
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = web.get(reverse("requests:detail", args=[case.pk])).content.decode()

    basis = re.search(r'<dd data-testid="notice-basis">(.*?)</dd>', page, re.S)
    notes = re.search(r'<div class="warning-box" data-testid="notice-notes">(.*?)</div>', page, re.S)
    assert basis
    assert basis[1].startswith("PDPA Art. 11")
    assert notice.engine_notes, "the engine notes this clock (the law sets no period)"
    assert notes
    assert not HAN.search(html.unescape(notes[1]))
