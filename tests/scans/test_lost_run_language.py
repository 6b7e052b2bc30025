"""A scan whose worker died says so in the reader's language (the stored sentence stays zh-TW)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from shouhu.jobs import services as jobs
from shouhu.jobs.models import Job
from shouhu.scans.models import RunStatus, ScanRun

pytestmark = pytest.mark.django_db


def test_a_run_failed_by_a_lost_worker_reads_english_on_an_english_page(
    admin: Any, path_source: Any, login_as: Any, settings: Any
) -> None:
    settings.SHOUHU_JOB_STALE_SECONDS = 60
    beat = timezone.now() - dt.timedelta(seconds=61)
    run = ScanRun.objects.create(source=path_source, status=RunStatus.RUNNING, created_by=admin)
    Job.objects.create(kind="scans.run", params={"run_id": run.pk}, status=Job.Status.RUNNING,
                             started_at=beat, heartbeat_at=beat, worker="h:1", attempts=1)  # fmt: skip
    jobs.reap_stale()
    run.refresh_from_db()
    assert (run.status, run.error) == (RunStatus.FAILED, "背景程序中斷，掃描未完成。")
    page = login_as(admin)
    page.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page.get(f"/scans/runs/{run.pk}/").content.decode()
    assert "The worker stopped before the scan was finished." in english
    assert "背景程序中斷" not in english
    page.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    assert "背景程序中斷，掃描未完成。" in page.get(f"/scans/runs/{run.pk}/").content.decode()
