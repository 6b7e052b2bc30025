"""The audit page in Chromium reads an object name the system composed in the page's language: a risk's
threat and a job's kind in English on an English page, the stored zh-TW on a zh-TW page (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest

from shouhu.audit.services import record
from shouhu.jobs.models import Job
from tests.browser.journeys import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_the_audit_page_names_objects_in_the_page_language(
    page: Any, make_user: Any, live_server: Any
) -> None:
    job = Job.objects.create(kind="evidence.verify")
    record(actor=None, action="jobs.cancelled", obj=job)
    auditor = make_user("auditor", username="audit-names")

    sign_in(page, auditor, live_server, language="en")
    page.goto("/audit/?action=jobs.cancelled")
    row = page.locator("table.list tbody tr").first.inner_text()
    assert f"Verify the evidence files #{job.pk}" in row
    assert "驗證佐證檔案" not in row

    sign_in(page, auditor, live_server, language="zh-hant")
    page.goto("/audit/?action=jobs.cancelled")
    row = page.locator("table.list tbody tr").first.inner_text()
    assert f"驗證佐證檔案 #{job.pk}" in row
    assert "evidence.verify" not in row


@pytest.mark.django_db(transaction=True)
def test_the_audit_page_fits_a_phone_in_english(page: Any, make_user: Any, live_server: Any) -> None:
    # The filter's action list holds long English labels; the select must shrink to the screen.
    auditor = make_user("auditor", username="audit-phone")
    for action in (
        "accounts.login_disabled",
        "organization.designation_role_synced",
        "law.feed_token_issued",
    ):
        record(actor=None, action=action, object_type="accounts.user", object_id="1", object_repr="x")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, auditor, live_server, language="en")
    page.goto("/audit/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
