"""An English job page in Chromium: a job the worker failed while nobody was reading (a reminder run, a
lost worker) names its kind and its error in English, and the same page in zh-TW shows neither English nor
the kind's code (issue 12)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone, translation

from shouhu.jobs import services
from shouhu.jobs.models import Job
from tests.browser.journeys import sign_in

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.django_db(transaction=True)
def test_a_failed_and_a_finished_job_read_in_the_page_language(
    page: Any, make_user: Any, live_server: Any, settings: Any
) -> None:
    admin = make_user("admin", username="jobs-english")
    with translation.override("zh-hant"):
        done = services.enqueue(actor=admin, kind="people.remind")
        services.execute(done.pk)
    settings.SHOUHU_JOB_STALE_SECONDS = 60
    beat = timezone.now() - dt.timedelta(seconds=61)
    lost = Job.objects.create(kind="evidence.verify", status=Job.Status.RUNNING, started_at=beat,
                              heartbeat_at=beat, worker="h:1", attempts=services.MAX_ATTEMPTS)  # fmt: skip
    services.reap_stale()

    sign_in(page, admin, live_server, language="en")
    page.goto(f"/jobs/{done.pk}/")
    assert page.locator("[data-testid=job-kind]").inner_text() == "Access review and offboarding reminders"
    assert "Reminders sent: 0" in page.inner_text("#job-progress")
    page.goto(f"/jobs/{lost.pk}/")
    assert page.locator("[data-testid=job-kind]").inner_text() == "Verify the evidence files"
    error = page.locator("[data-testid=job-error]").inner_text()
    assert "The worker running this job stopped responding (heartbeat timed out)" in error
    assert not HAN.search(page.inner_text("main h1") + page.inner_text("#job-progress"))

    sign_in(page, admin, live_server, language="zh-hant")
    page.goto(f"/jobs/{lost.pk}/")
    assert page.locator("[data-testid=job-kind]").inner_text() == "驗證佐證檔案"
    assert "心跳逾時" in page.locator("[data-testid=job-error]").inner_text()
    assert "evidence.verify" not in page.inner_text("main")
    assert "stopped responding" not in page.inner_text("main")
