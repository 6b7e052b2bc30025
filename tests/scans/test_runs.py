"""Scan runs as background jobs: aggregated findings from folders, SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from shouhu.accounts.models import User
from shouhu.audit.models import AuditEvent
from shouhu.jobs.models import Job
from shouhu.scans import services
from shouhu.scans.models import ScanFinding, ScanRun, ScanSource
from tests.needs import missing
from tests.scans.conftest import NATIONAL_IDS, PHONES

RunSource = Callable[[ScanSource], ScanRun]


def _rows(run: ScanRun) -> dict[tuple[str, str, str], tuple[int, int]]:
    return {
        (Path(f.location).name, f.column, f.category): (f.count, f.distinct)
        for f in ScanFinding.objects.filter(run=run)
    }


def test_folder_scan_stores_aggregated_counts(path_source: ScanSource, run_source: RunSource) -> None:
    run = run_source(path_source)
    assert run.status == "succeeded"
    rows = _rows(run)
    assert rows[("people.csv", "身分證字號", "tw_national_id")] == (3, 2)
    assert rows[("people.csv", "手機", "mobile_phone")] == (3, 2)
    assert rows[("people.csv", "email", "email")] == (3, 2)
    assert rows[("call.txt", "", "mobile_phone")] == (1, 1)


def test_run_totals_count_distinct_values_across_files(
    path_source: ScanSource, run_source: RunSource
) -> None:
    run = run_source(path_source)
    assert run.totals["mobile_phone"] == {"findings": 4, "distinct": 2}
    assert run.totals["tw_national_id"] == {"findings": 3, "distinct": 2}
    assert run.estimated_records == 2
    assert run.units == 2


def test_samples_are_masked_and_at_most_three(path_source: ScanSource, run_source: RunSource) -> None:
    run = run_source(path_source)
    ids = ScanFinding.objects.get(run=run, category="tw_national_id")
    assert sorted(ids.samples) == ["A1******89", "B1******00"]
    assert all(len(f.samples) <= 3 for f in ScanFinding.objects.filter(run=run))
    assert 0.5 <= ids.confidence_min <= ids.confidence_avg <= ids.confidence_max <= 1


def test_oversized_file_is_skipped_with_its_reason(path_source: ScanSource, run_source: RunSource) -> None:
    run = run_source(path_source)
    assert [(Path(s["source"]).name, s["reason"].split(" /")[0]) for s in run.skipped] == [
        ("big.log", "檔案過大")
    ]


def test_include_and_exclude_globs_are_applied(admin: User, data_dir: Path, run_source: RunSource) -> None:
    source = services.create_source(
        actor=admin,
        data={
            "name": "只掃 CSV",
            "kind": "path",
            "path": str(data_dir),
            "include": "*.csv",
            "max_size_mb": 5,
        },
    )
    run = run_source(source)
    assert {Path(f.location).name for f in ScanFinding.objects.filter(run=run)} == {"people.csv"}


def test_job_progress_reaches_the_total(path_source: ScanSource, run_source: RunSource) -> None:
    run = run_source(path_source)
    job = Job.objects.get(pk=run.job_id)
    assert (job.status, job.progress, job.total) == ("succeeded", 2, 2)
    assert job.params == {"run_id": run.pk}
    assert job.result == {"run_id": run.pk, "findings": run.findings_total, "skipped": 1}


def test_run_start_and_finish_are_audited(path_source: ScanSource, run_source: RunSource) -> None:
    run = run_source(path_source)
    actions = set(
        AuditEvent.objects.filter(object_type="scans.scanrun", object_id=str(run.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == {"scans.run_started", "scans.run_finished"}


def test_second_run_while_one_is_queued_is_refused(admin: User, path_source: ScanSource) -> None:
    services.start_run(actor=admin, source=path_source)  # not committed: stays queued
    with pytest.raises(ValidationError):
        services.start_run(actor=admin, source=path_source)


def test_vanished_path_fails_the_run_with_a_safe_message(
    path_source: ScanSource, run_source: RunSource, data_dir: Path
) -> None:
    for child in sorted(data_dir.rglob("*"), reverse=True):
        child.rmdir() if child.is_dir() else child.unlink()
    data_dir.rmdir()
    run = run_source(path_source)
    assert (run.status, run.error) == ("failed", "伺服器上找不到掃描路徑。")
    assert Job.objects.get(pk=run.job_id).status == "failed"


def _sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "crm.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, 身分證字號 TEXT, phone TEXT, note TEXT)")
    conn.executemany(
        "INSERT INTO customers VALUES (?, ?, ?, ?)",
        [
            (1, NATIONAL_IDS[0], PHONES[0], "VIP"),
            (2, NATIONAL_IDS[1], PHONES[1], ""),
            (3, NATIONAL_IDS[0], "", ""),
        ],
    )
    conn.commit()
    conn.close()
    return path


def test_sqlite_source_is_scanned_per_table_and_column(
    admin: User, tmp_path: Path, run_source: RunSource
) -> None:
    source = services.create_source(
        actor=admin,
        data={
            "name": "CRM",
            "kind": "database",
            "database_url": f"sqlite:///{_sqlite(tmp_path)}",
            "sample_rows": 2,
        },
    )
    run = run_source(source)
    assert run.status == "succeeded"
    assert _rows(run) == {
        ("customers", "身分證字號", "tw_national_id"): (2, 2),
        ("customers", "phone", "mobile_phone"): (2, 2),
    }


def test_unreachable_database_fails_without_revealing_the_password(
    admin: User, officer: User, run_source: RunSource, django_capture_on_commit_callbacks: Any
) -> None:
    source = services.create_source(  # a local host: only an administrator may define it
        actor=admin,
        data={
            "name": "壞掉的",
            "kind": "database",
            "database_url": "postgresql+psycopg://u:Hidden-PW@127.0.0.1:1/x",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        started = services.start_run(actor=officer, source=source)
    run = ScanRun.objects.get(pk=started.pk)
    job = Job.objects.get(pk=run.job_id)
    assert run.status == "failed"
    assert run.error.startswith("無法連線或讀取資料庫 postgresql+psycopg://u:***@127.0.0.1:1/x")
    assert "Hidden-PW" not in run.error + job.error + job.message


@pytest.fixture
def pg_database() -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg")
    name = f"shouhu_scans_{uuid.uuid4().hex[:8]}"
    try:
        admin_conn = psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True)
    except psycopg.OperationalError:
        missing("本機 PostgreSQL（127.0.0.1:5432）無法連線")
    admin_conn.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{name}", autocommit=True) as conn:
            conn.execute("CREATE SCHEMA crm")
            conn.execute('CREATE TABLE crm.members (id INTEGER PRIMARY KEY, "身分證字號" TEXT, email TEXT)')
            conn.execute(
                "INSERT INTO crm.members VALUES (1, %s, 'ming.wang@example.com'), (2, %s, NULL)", NATIONAL_IDS
            )
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        admin_conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin_conn.close()


def test_postgresql_source_is_scanned(admin: User, pg_database: str, run_source: RunSource) -> None:
    source = services.create_source(
        actor=admin,
        data={"name": "會員庫", "kind": "database", "database_url": pg_database, "sample_rows": 0},
    )
    run = run_source(source)
    assert run.status == "succeeded"
    assert _rows(run) == {
        ("crm.members", "身分證字號", "tw_national_id"): (2, 2),
        ("crm.members", "email", "email"): (1, 1),
    }


def test_a_run_whose_job_died_does_not_block_the_source(admin: User, path_source: ScanSource) -> None:
    stale = services.start_run(actor=admin, source=path_source)
    Job.objects.filter(pk=stale.job_id).update(status="failed")
    assert services.start_run(actor=admin, source=path_source).pk != stale.pk


def test_run_whose_worker_died_is_failed_and_frees_the_source(
    admin: User, path_source: ScanSource, settings: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from shouhu.jobs.models import Job
    from shouhu.jobs.services import reap_stale
    from shouhu.scans.models import RunStatus

    settings.SHOUHU_JOB_STALE_SECONDS = 60
    run = services.start_run(actor=admin, source=path_source)  # not committed: the job stays queued
    long_ago = timezone.now() - dt.timedelta(minutes=10)
    Job.objects.filter(pk=run.job_id).update(status=Job.Status.RUNNING, heartbeat_at=long_ago, worker="h:1")
    ScanRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    reap_stale()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert services.start_run(actor=admin, source=path_source).pk != run.pk
