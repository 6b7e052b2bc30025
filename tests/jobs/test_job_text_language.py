"""What the system writes on a job row (its error, a lost worker, its kind, a reminder job's last progress)
is shown in the reader's language; the stored zh-TW text stays as it was, and an old row reads as stored."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from shouhu.core.messages import compose
from shouhu.jobs import services
from shouhu.jobs.kinds import NAMES
from shouhu.jobs.models import Job

pytestmark = pytest.mark.django_db
HAN = re.compile(r"[\u3400-\u9fff]")


def _page(client: Client, job: Job, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(f"/jobs/{job.pk}/").content.decode()


@pytest.fixture
def reader(client: Client, make_user: Any, login_as: Any) -> Client:
    return login_as(make_user("admin"))


def test_a_job_error_raised_as_a_message_reads_in_the_readers_language(
    reader: Client, make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    @services.handler("test.jobs.fails_with_message", permission="jobs.run")
    def work(job: Job, progress: Any) -> dict[str, Any]:
        raise services.JobError(compose("logwatch.file_denied"))

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(actor=make_user("admin"), kind="test.jobs.fails_with_message")
    job.refresh_from_db()
    assert (job.status, job.error, job.error_key) == (
        Job.Status.FAILED,
        "伺服器沒有讀取這個檔案的權限。",
        "logwatch.file_denied",
    )
    assert "The server is not allowed to read this file." in _page(reader, job, "en")
    zh = _page(reader, job, "zh-hant")
    assert "伺服器沒有讀取這個檔案的權限。" in zh
    assert "not allowed" not in zh


def test_an_unexpected_exception_shows_only_its_type_in_the_readers_language(
    reader: Client, make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    @services.handler("test.jobs.crashes", permission="jobs.run")
    def work(job: Job, progress: Any) -> dict[str, Any]:
        raise KeyError("A123456789")

    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(actor=make_user("admin"), kind="test.jobs.crashes")
    job.refresh_from_db()
    assert job.error == "KeyError（內部錯誤，詳見伺服器紀錄）"
    english = _page(reader, job, "en")
    assert "KeyError (internal error; see the server log)" in english
    assert "A123456789" not in english


def test_an_old_rows_error_is_shown_as_stored(reader: Client) -> None:
    job = Job.objects.create(kind="audit.verify", status=Job.Status.FAILED, error="舊的錯誤訊息 / old error")
    assert "舊的錯誤訊息 / old error" in _page(reader, job, "en")


def test_a_message_the_engine_wrote_in_both_languages_shows_one_of_them(reader: Client) -> None:
    said = compose("scans.mask_not_stored", reason={"zh": "檔案超過大小上限 1 MB。", "en": "File too big."})
    job = Job.objects.create(
        kind="scans.mask",
        status=Job.Status.FAILED,
        error=said.text,
        error_key=said.key,
        error_facts=said.facts,
    )
    assert "The masked copy could not be stored: File too big." in _page(reader, job, "en")
    zh = _page(reader, job, "zh-hant")
    assert "無法儲存遮罩副本：檔案超過大小上限 1 MB。" in zh
    assert "File too big" not in zh


def test_a_dead_workers_job_reads_failed_in_english_and_in_chinese(settings: Any, reader: Client) -> None:
    settings.SHOUHU_JOB_STALE_SECONDS = 60
    beat = timezone.now() - dt.timedelta(seconds=61)
    job = Job.objects.create(kind="evidence.verify", status=Job.Status.RUNNING, started_at=beat,
                             heartbeat_at=beat, worker="h:1", attempts=services.MAX_ATTEMPTS)  # fmt: skip
    english = _page(reader, job, "en")
    assert "The worker running this job stopped responding (heartbeat timed out)" in english
    assert "心跳逾時" not in english
    assert "執行此工作的背景程序已停止回應（心跳逾時），工作未完成。" in _page(reader, job, "zh-hant")
    services.reap_stale()
    job.refresh_from_db()
    assert (job.error, job.error_key) == (
        "執行此工作的背景程序已停止回應（心跳逾時），工作未完成。",
        "jobs.worker_lost",
    )


def test_a_requeued_job_says_so_in_the_readers_language(settings: Any, reader: Client) -> None:
    settings.SHOUHU_JOB_STALE_SECONDS = 60
    beat = timezone.now() - dt.timedelta(seconds=61)
    job = Job.objects.create(kind="audit.verify", status=Job.Status.RUNNING, started_at=beat,
                             heartbeat_at=beat, worker="h:1", attempts=1)  # fmt: skip
    assert "The worker was lost; the job was queued again." in _page(reader, job, "en")
    zh = _page(reader, job, "zh-hant")
    assert "背景程序中斷，已重新排入佇列。" in zh
    assert "Worker lost" not in zh


def test_a_reminder_jobs_last_progress_reads_in_the_readers_language(
    reader: Client, make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(actor=make_user("admin"), kind="people.remind")
    job.refresh_from_db()
    assert (job.status, job.message) == (Job.Status.SUCCEEDED, "已寄出 0 封提醒")
    assert "Reminders sent: 0" in _page(reader, job, "en")
    assert "已寄出 0 封提醒" in _page(reader, job, "zh-hant")


def test_the_job_page_names_the_kind_in_the_readers_language(reader: Client) -> None:
    job = Job.objects.create(kind="scans.mask", status=Job.Status.QUEUED)
    english = _page(reader, job, "en")
    assert '<span data-testid="job-kind">File masking</span>' in english
    zh = _page(reader, job, "zh-hant")
    assert '<span data-testid="job-kind">檔案遮罩</span>' in zh
    assert "scans.mask" not in zh
    reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "File masking" in reader.get("/jobs/").content.decode()


def test_a_kind_without_a_name_shows_its_code(reader: Client) -> None:
    job = Job.objects.create(kind="nobody.named_this", status=Job.Status.QUEUED)
    assert '<span data-testid="job-kind">nobody.named_this</span>' in _page(reader, job, "en")


def test_every_registered_kind_has_a_name_in_both_languages() -> None:
    kinds = [k for k in services.registered_kinds() if not k.startswith("test.")]
    assert len(kinds) >= 20  # every app's handlers are registered when Django starts
    assert sorted(set(kinds) - set(NAMES)) == []
    with translation.override("en"):
        untranslated = [kind for kind, zh in NAMES.items() if HAN.search(translation.gettext(zh))]
    assert untranslated == []


def test_one_jobs_page_is_headed_in_the_singular_in_english(reader: Client) -> None:
    job = Job.objects.create(kind="audit.verify", status=Job.Status.SUCCEEDED)
    assert f"Background job #{job.pk}" in _page(reader, job, "en")
    assert f"背景工作 #{job.pk}" in _page(reader, job, "zh-hant")
