"""An English incident page in Chromium: the timeline the system wrote (while the request was zh-TW) and the
task list seeded from the guideline read English; the guideline's Chinese is behind a disclosure (issue 12)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone, translation

from shouhu.incidents import services
from tests.browser.journeys import sign_in
from tests.factories import ClientFactory, CompanyFactory, PersonFactory

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")
NAMES = ("會員資料外洩", "甲電商股份有限公司")  # the data's own names


@pytest.mark.django_db(transaction=True)
def test_english_incident_page_reads_the_timeline_and_tasks_in_english(
    page: Any, make_user: Any, live_server: Any
) -> None:
    CompanyFactory()
    officer = make_user("pd_officer", username="timeline-english")
    PersonFactory(user=officer, name="王小明", email="officer@example.com")
    client = ClientFactory(name="甲電商股份有限公司", industry_code="4871")
    now = timezone.now()
    with translation.override("zh-hant"):
        incident = services.report_incident(
            actor=officer,
            data={
                "title": "會員資料外洩", "discovered_at": now - dt.timedelta(hours=3),
                "aware_at": now - dt.timedelta(hours=2), "kinds": ["leak"], "general_records": 1200,
                "summary": "-", "serious": True,
            },
            clients=[client],
        )  # fmt: skip
        services.set_task_done(actor=officer, task=incident.tasks.get(position=4), done=True)
    sign_in(page, officer, live_server, language="en")
    page.goto(f"/incidents/{incident.pk}/")

    timeline = page.locator("[data-testid=timeline] li").all_inner_texts()
    assert any("Incident reported" in t for t in timeline)
    assert any("Task done: Contain: restrict access from foreign IP addresses" in t for t in timeline)
    left = [t for t in timeline if HAN.search(re.sub("|".join(NAMES), "", t))]
    assert left == []

    tasks = page.locator("[data-testid=tasks] tr")
    assert tasks.count() == 15
    first = tasks.first
    assert first.locator("td").nth(0).inner_text() == "During the incident"
    assert first.locator("td").nth(1).inner_text().startswith("Report to the competent authority")
    official = first.locator("[data-official=guideline]")
    assert not official.is_visible()
    first.locator("details.official-text summary").click()
    assert official.is_visible()
    assert official.get_attribute("lang") == "zh-Hant"
    assert official.inner_text().startswith("通報主管機關")
