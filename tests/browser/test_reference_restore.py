"""Issue 12: an administrator restores a code's transcribed wording from the reference page, after a
confirmation (data-confirm, no inline script), in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from shouhu.inventory import services
from shouhu.inventory.models import Purpose, RefStatus
from shouhu.inventory.reference import seed_moj_codes
from tests.browser.journeys import shot, sign_in
from tests.factories import CompanyFactory

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("language", "button", "question", "unverified"),
    [
        ("zh-hant", "還原轉錄文字", "還原代碼 159 的轉錄文字？", "文字待查證"),
        ("en", "Restore the transcribed wording", "Restore the transcribed wording of code 159?", "Wording unverified"),
    ],
)  # fmt: skip
def test_restore_asks_first_and_brings_back_the_transcription(
    page: Any, make_user: Any, live_server: Any, language: str, button: str, question: str, unverified: str
) -> None:
    seed_moj_codes()
    CompanyFactory()
    admin = make_user("admin", username=f"restore-admin-{language}")
    purpose = Purpose.objects.get(code="159")
    services.set_wording(actor=admin, item=purpose, name="學術研究（訂正）", source="公告原文")
    sign_in(page, admin, live_server, language=language)
    page.goto(reverse("inventory:reference"))
    row = page.locator("tr[data-code='159']")
    asked: list[str] = []

    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    row.get_by_role("button", name=button).click()
    purpose.refresh_from_db()
    assert purpose.status == RefStatus.ADMIN  # dismissed: nothing changed
    assert len(asked) == 1
    assert asked[0].startswith(question)

    page.once("dialog", lambda d: d.accept())
    row.get_by_role("button", name=button).click()
    page.wait_for_load_state()

    row = page.locator("tr[data-code='159']")
    assert row.locator(".pick-flag").inner_text() == unverified
    assert row.get_by_role("button", name=button).count() == 0
    purpose.refresh_from_db()
    assert (purpose.status, purpose.name) == (RefStatus.LISTED, "學術研究")
    shot(page, "reference-codes", f"{language}-restored")
