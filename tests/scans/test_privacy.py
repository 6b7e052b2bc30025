"""No raw value from the scanned data reaches a row, the job, the audit log, a log line, a page or the API."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import models

from shouhu.accounts.models import User
from shouhu.audit.models import AuditEvent
from shouhu.inventory.models import PersonalDataFile
from shouhu.jobs.models import Job
from shouhu.scans.models import ScanFinding, ScanRun, ScanSource
from tests.scans.conftest import NAMES, RAW_VALUES
from tests.scans.test_views import _api

RAW = (*RAW_VALUES, *NAMES)


def _leaks(text: str) -> list[str]:
    return [value for value in RAW if value in text]


def _rows(model: type[models.Model]) -> str:
    return "\n".join(str(row) for row in model.objects.values())


def test_no_raw_value_anywhere(
    admin: User,
    data_dir: Path,
    pd_file: PersonalDataFile,
    login_as: Any,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    django_capture_on_commit_callbacks: Any,
    run_source: Callable[[ScanSource], ScanRun],
) -> None:
    caplog.set_level(logging.DEBUG)
    client = login_as(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/scans/sources/new/",
            {
                "name": "匯出檔",
                "kind": "path",
                "path": str(data_dir),
                "max_size_mb": 1,
                "sample_rows": 0,
                "pd_files": [pd_file.pk],
            },
        )
        source = ScanSource.objects.get()
        client.post(f"/scans/sources/{source.pk}/run/")
    run = ScanRun.objects.get()
    assert run.findings_total > 0
    client.post(f"/scans/runs/{run.pk}/inventory/")
    api = _api(admin)

    outputs = [
        client.get(url).content.decode()
        for url in (
            "/",
            "/scans/",
            f"/scans/sources/{source.pk}/",
            f"/scans/runs/{run.pk}/",
            f"/scans/runs/{run.pk}/inventory/",
            f"/jobs/{run.job_id}/",
            "/jobs/",
        )
    ]
    outputs += [
        client.get(f"/scans/runs/{run.pk}/location/?loc={quote(loc)}").content.decode()
        for loc in set(ScanFinding.objects.values_list("location", flat=True))
    ]
    outputs += [
        api.get(url).content.decode()
        for url in (
            "/api/v1/scans/sources",
            f"/api/v1/scans/runs/{run.pk}",
            f"/api/v1/scans/runs/{run.pk}/findings",
            f"/api/v1/jobs/{run.job_id}",
        )
    ]
    stored = [_rows(m) for m in (ScanSource, ScanRun, ScanFinding, Job, AuditEvent)]
    captured = capsys.readouterr()
    logs = [caplog.text, captured.out, captured.err]

    assert "A1******89" in "\n".join(outputs)  # the masked form is what the pages show
    assert _leaks("\n".join(outputs)) == []
    assert _leaks("\n".join(stored)) == []
    assert _leaks("\n".join(logs)) == []
    assert AuditEvent.objects.filter(action="scans.inventory_applied").exists()
