"""The incident page and its notice pages in English in Chromium: law citations in English, the engine's
explanation and the notices themselves kept as the official zh-TW text and marked so (issue 12)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from shouhu.incidents import services
from shouhu.organization.models import ClientContact, Designation
from tests.browser.journeys import sign_in
from tests.factories import ClientFactory, CompanyFactory, PersonFactory

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")
NAMES = ("繁體中文", "會員資料外洩", "甲電商股份有限公司")  # the language switch and the data's own names


def _chinese(texts: list[str]) -> list[str]:
    """Texts with Chinese left once the data's names (and the switch back to Chinese) are taken out."""
    left = []
    for text in texts:
        for name in NAMES:
            text = text.replace(name, "")
        if HAN.search(text):
            left.append(text)
    return left


@pytest.mark.django_db(transaction=True)
def test_incident_and_notice_pages_in_english(page: Any, make_user: Any, live_server: Any) -> None:
    CompanyFactory(address="臺北市大安區信義路三段41-3號", representative="黃大華")
    officer = make_user("pd_officer", username="incident-english")
    PersonFactory(user=officer, name="王小明", email="officer@example.com", phone="02-2700-0000")
    Designation.objects.create(
        kind=Designation.Kind.PRIVACY, person=PersonFactory(name="陳總"), position="副總經理"
    )
    client = ClientFactory(name="甲電商股份有限公司", industry_code="4871")
    ClientContact.objects.create(
        client=client, name="李窗口", email="sec@a.example.com", is_security_contact=True
    )
    now = timezone.now()
    incident = services.report_incident(
        actor=officer,
        data={
            "title": "會員資料外洩", "discovered_at": now - dt.timedelta(hours=3), "aware_at": now - dt.timedelta(hours=2),
            "kinds": ["leak"], "general_records": 1200, "data_items": "姓名、電話", "summary": "駭客竊取消費者資料。",
            "measures_taken": "已阻擋境外IP。", "serious": True,
        },
        clients=[client],
    )  # fmt: skip
    sign_in(page, officer, live_server, language="en")

    # the clocks cite the law in English, and the engine explains each clock in English
    page.goto(f"/incidents/{incident.pk}/")
    row = page.locator("tr[data-rule=pdpa-art12-notify]").first
    basis = row.locator("[data-testid=legal-basis]")
    assert basis.inner_text() == "PDPA Art. 12; PDPA Enforcement Rules Art. 22"
    basis.click()
    explanation = row.locator("[data-testid=engine-explanation]")
    assert explanation.is_visible()
    assert explanation.get_attribute("lang") is None
    assert "Basis: PDPA Art. 12; PDPA Enforcement Rules Art. 22 (" in explanation.inner_text()
    for summary in page.locator("table[data-testid=deadlines] summary").all():
        summary.click()
    explanations = page.locator("table[data-testid=deadlines] [data-testid=engine-explanation]")
    assert explanations.count() == incident.deadlines.filter(active=True).count()
    assert _chinese(explanations.all_inner_texts()) == []
    assert _chinese(page.locator("h1, h2, th, button").all_inner_texts()) == []

    # a clock computed before the engine wrote English: the Chinese, marked, with a note saying why
    incident.deadlines.filter(rule_id="pdpa-art12-notify").update(explanation_en="")
    page.reload()
    row = page.locator("tr[data-rule=pdpa-art12-notify]").first
    row.locator("[data-testid=legal-basis]").click()
    assert row.locator("[data-testid=engine-explanation]").get_attribute("lang") == "zh-Hant"
    assert (
        row.locator("[data-testid=explanation-untranslated]")
        .inner_text()
        .startswith("English not available for clocks computed before the 2026-11-28 update")
    )

    # the notice pages: English around the official zh-TW draft, which is marked as the text of record
    for path in (
        f"/incidents/{incident.pk}/clients/{client.pk}/notice/",
        f"/incidents/{incident.pk}/subject-notices/new/",
    ):
        page.goto(path)
        body = page.locator("textarea[name=body]")
        assert body.get_attribute("lang") == "zh-Hant"
        assert body.get_attribute("data-official") == "notice"
        assert HAN.search(body.input_value())
        chrome = page.locator("h1, h2, label, button, .helptext").all_inner_texts()
        assert _chinese(chrome) == []
