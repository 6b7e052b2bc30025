"""The MOJ code reference page in Chromium: marks and transcription sources in both languages, and an
administrator correcting a transcribed wording against the published text."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from shouhu.inventory.models import Purpose, RefStatus
from shouhu.inventory.reference import seed_moj_codes
from tests.browser.journeys import shot, sign_in
from tests.browser.test_accessibility import serious
from tests.factories import CompanyFactory

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("language", "unverified", "copies", "correct", "entered"),
    [
        ("zh-hant", "文字待查證", "轉錄出處 1 份", "依公告原文訂正", "管理者填寫"),
        ("en", "Wording unverified", "Transcribed from 1 copy", "Correct from the published text", "Set by an administrator"),
    ],
)  # fmt: skip
def test_an_administrator_corrects_a_transcribed_wording_and_its_mark_changes(
    page: Any,
    make_user: Any,
    live_server: Any,
    language: str,
    unverified: str,
    copies: str,
    correct: str,
    entered: str,
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    seed_moj_codes()
    CompanyFactory()
    sign_in(page, make_user("admin", username=f"reference-admin-{language}"), live_server, language=language)
    page.goto(reverse("inventory:reference"))
    row = page.locator("tr[data-code='159']")
    assert row.locator(".pick-flag").inner_text() == unverified
    row.get_by_text(copies).click()
    assert "freshman.tcu.edu.tw" in row.locator("details li").first.inner_text()
    assert serious(Axe().run(page).response["violations"]) == []
    shot(page, "reference-codes", f"{language}-list")

    row.get_by_text(correct).click()
    row.locator("input[name=source]").fill("法務部公告 FL010631")
    row.locator("form button").click()

    page.wait_for_load_state()
    row = page.locator("tr[data-code='159']")
    assert row.locator(".pick-flag").inner_text() == entered
    purpose = Purpose.objects.get(code="159")
    assert (purpose.status, purpose.name, purpose.source) == (
        RefStatus.ADMIN,
        "學術研究",
        "法務部公告 FL010631",
    )
