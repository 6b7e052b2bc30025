"""The data-subject request page in English in Chromium: the legal deadline's title, articles and the law
engine's explanation read in English (issue 12; they were stored and shown in Chinese only)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from shouhu.requests import services
from tests.browser.journeys import sign_in
from tests.factories import CompanyFactory

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.django_db(transaction=True)
def test_the_request_deadline_reads_in_english(page: Any, make_user: Any, live_server: Any) -> None:
    CompanyFactory(name="守護資訊股份有限公司")
    officer = make_user("pd_officer", username="request-english")
    case = services.open_request(
        actor=officer,
        kind="copy",
        received_at=timezone.now() - dt.timedelta(hours=2),
        channel="email",
        requester_name="林小姐",
        requester_email="lin@example.com",
    )
    sign_in(page, officer, live_server, language="en")

    page.goto(f"/requests/{case.pk}/")

    deadline = page.locator("[data-testid=deadline]")
    assert page.locator("[data-testid=deadline-explanation]").inner_text() == case.explanation_en
    assert "PDPA Art. 13" in deadline.inner_text()
    assert HAN.findall(deadline.inner_text()) == []
