"""Database credentials in every URL form stay hidden: rows, pages, API, audit, run errors, old rows."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps

from shouhu.accounts.models import User
from shouhu.audit.models import AuditEvent
from shouhu.jobs.models import Job
from shouhu.scans import services
from shouhu.scans.models import ScanRun, ScanSource
from tests.scans.test_views import _api

SECRETS = ("Qu3ry-Secret", "Ssl-K3y-Pass", "T0ken-Value")
URL = (
    "postgresql+psycopg://scanner@127.0.0.1:1/crm"
    f"?password={SECRETS[0]}&sslmode=disable&sslpassword={SECRETS[1]}&token={SECRETS[2]}"
)


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def _source(actor: User) -> ScanSource:
    return services.create_source(
        actor=actor,
        data={"name": "CRM", "kind": "database", "database_url": URL, "max_size_mb": 1, "sample_rows": 10},
    )


def test_query_credentials_are_masked_everywhere(
    admin: User, login_as: Any, run_source: Callable[[ScanSource], ScanRun]
) -> None:
    source = _source(admin)
    run = run_source(source)  # the server refuses the connection: the error names the URL
    assert run.status == "failed"
    client = login_as(admin)
    pages = [
        client.get(url).content.decode()
        for url in (
            "/scans/",
            f"/scans/sources/{source.pk}/",
            f"/scans/runs/{run.pk}/",
            f"/jobs/{run.job_id}/",
        )
    ]
    api = _api(admin)
    answers = [
        api.get(url).content.decode()
        for url in ("/api/v1/scans/sources", f"/api/v1/scans/runs/{run.pk}", f"/api/v1/jobs/{run.job_id}")
    ]
    stored = [str(list(m.objects.values())) for m in (ScanSource, ScanRun, Job, AuditEvent)]

    assert source.url_masked.endswith("?password=***&sslmode=disable&sslpassword=***&token=***")
    assert "password=***" in "".join(pages)
    assert _leaks("\n".join(pages + answers + stored)) == []


def test_migration_remasks_values_stored_by_older_releases(admin: User) -> None:
    source = _source(admin)
    old_masked = URL  # the old mask hid only user:password@, so a query password stayed in clear
    ScanSource.objects.filter(pk=source.pk).update(url_masked=old_masked)
    job = Job.objects.create(kind="scans.run", error=f"無法連線或讀取資料庫 {old_masked}: {SECRETS[0]}")
    run = ScanRun.objects.create(
        source=source,
        job=job,
        target=old_masked,
        error=f"無法連線 {old_masked}",
        skipped=[{"source": f"{old_masked}#public.t", "reason": f"password {SECRETS[1]} rejected"}],
    )
    migration = importlib.import_module("shouhu.scans.migrations.0002_remask_credentials")

    migration._remask(apps, None)

    rows = [str(list(m.objects.values())) for m in (ScanSource, ScanRun, Job)]
    assert _leaks("\n".join(rows)) == []
    run.refresh_from_db()
    assert run.skipped[0]["source"].endswith("#public.t")
    assert run.target == ScanSource.objects.get(pk=source.pk).url_masked


@pytest.mark.parametrize("field", ["password", "passwd", "pwd", "sslpassword"])
def test_audit_row_of_a_new_source_holds_no_query_password(admin: User, field: str) -> None:
    services.create_source(
        actor=admin,
        data={
            "name": "CRM",
            "kind": "database",
            "database_url": f"mysql+pymysql://scanner@db.example/crm?{field}={SECRETS[0]}",
            "max_size_mb": 1,
            "sample_rows": 10,
        },
    )
    assert _leaks(str(list(AuditEvent.objects.values_list("changes", flat=True)))) == []
