"""The masking job refuses a line past the limit with the reason in the reader's language and keeps nothing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from shouhu.engines.pii.mask import files
from shouhu.evidence.models import Evidence
from shouhu.jobs.models import Job
from shouhu.scans.masking import start_mask

pytestmark = pytest.mark.django_db


def test_a_too_long_line_fails_the_job_with_a_clear_reason(
    make_user: Any, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_LINE", 1024)
    data = ("姓名,備註\n王小明," + "z" * 5000 + "\n").encode()
    with django_capture_on_commit_callbacks(execute=True):
        job = start_mask(
            actor=make_user("pd_officer"),
            upload=io.BytesIO(data),
            filename="a.csv",
            default="partial",
            methods={},
        )
    job = Job.objects.get(pk=job.pk)
    assert job.status == Job.Status.FAILED
    assert "第 2 行超過" in job.error_shown
    with translation.override("en"):
        assert "line 2 is longer than the" in Job.objects.get(pk=job.pk).error_shown
    assert not Evidence.objects.exists()
    assert (
        list((Path(settings.SHOUHU_HOME) / "tmp" / "mask").iterdir()) == []
    )  # neither upload nor partial copy
