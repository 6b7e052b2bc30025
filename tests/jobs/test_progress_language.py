"""A job's progress message, written by a worker that has no reader, shows in the reader's language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation

from shouhu.core.messages import compose
from shouhu.jobs import services
from shouhu.jobs.builtin import CHECKED
from shouhu.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_progress_written_by_the_worker_reads_english_on_an_english_page(
    client, make_user, login_as, django_capture_on_commit_callbacks
):
    @services.handler("test.progress_words", permission="jobs.run")
    def work(job, progress):
        progress(3, 4, compose(CHECKED, done=3, total=4))
        return {}

    user = make_user("admin")
    with translation.override("zh-hant"), django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(actor=user, kind="test.progress_words")
    job.refresh_from_db()
    assert job.message == "已檢查 3/4"
    login_as(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Checked 3/4" in client.get(f"/jobs/{job.pk}/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    assert "已檢查 3/4" in client.get(f"/jobs/{job.pk}/").content.decode()


def test_a_plain_progress_text_shows_as_written(client, make_user, login_as):
    user = make_user("admin")
    login_as(user)
    job = Job.objects.create(
        kind="audit.verify", progress=1, total=2, message="舊的進度文字", status="running"
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "舊的進度文字" in client.get(f"/jobs/{job.pk}/").content.decode()
