"""The required contract terms as law data: every item of 資安法施行細則 第4條第1項 (1–9) with its citation
and effective date, each marked unverified against the 2025 reform (shown on the page and in the API); the
PDPA Enforcement Rules Art. 8 II items verified."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from shouhu.contracts import services
from shouhu.contracts.terms import CYBER_TERMS, PDPA_TERMS


def test_every_item_of_article_4_is_encoded_with_its_citation_and_effective_date():
    assert [t.key for t in CYBER_TERMS] == [f"cyber:{n}" for n in range(1, 10)]
    assert [t.citation for t in CYBER_TERMS] == [
        f"資通安全管理法施行細則第4條第1項第{n}款" for n in range(1, 10)
    ]
    assert {t.effective_from for t in CYBER_TERMS} == {dt.date(2019, 1, 1)}
    assert {t.pcode for t in CYBER_TERMS} == {"A0030303"}
    assert "國家機密" in CYBER_TERMS[3].label_zh
    assert CYBER_TERMS[7].label_zh == "受託者應採取之其他資通安全相關維護措施"


def test_article_4_items_stay_unverified_and_say_why_while_the_pdpa_items_are_verified():
    assert not any(t.verified for t in CYBER_TERMS)
    assert all("未查證" in t.note_zh for t in CYBER_TERMS)
    assert all(t.verified for t in PDPA_TERMS)
    assert {t.effective_from for t in PDPA_TERMS} == {dt.date(2012, 10, 1)}


def test_the_page_and_the_api_show_the_unverified_mark(login_as, officer, contract_data):
    contract = services.save_contract(actor=officer, data=contract_data)
    web = login_as(officer)
    page = web.get(reverse("contracts:contract", args=[contract.pk])).content.decode()
    assert page.count('data-testid="term-unverified"') == len(CYBER_TERMS)
    assert "民國108年1月1日施行之條文" in page
    terms = {t["key"]: t for t in web.get(f"/api/v1/contracts/{contract.pk}").json()["terms"]}
    assert (terms["cyber:4"]["verified"], terms["cyber:4"]["effective_from"]) == (False, "2019-01-01")
    assert terms["pdpa:breach"]["verified"] is True


def test_the_english_page_shows_the_mark_and_the_date_in_english(login_as, officer, contract_data, settings):
    contract = services.save_contract(actor=officer, data=contract_data)
    web = login_as(officer)
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = web.get(reverse("contracts:contract", args=[contract.pk])).content.decode()
    assert page.count(">Unverified</span>") == len(CYBER_TERMS)
    assert "text in force from 2019-01-01" in page
    assert "施行之條文</small>" not in page  # the UI line; the law note itself stays zh-TW data
