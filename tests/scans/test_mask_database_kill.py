"""A worker killed in the middle of a masked database copy (a real ``shouhu worker`` process, SIGKILL):
the next worker's reaper fails the job, drops the half-copied tables the job created in the target (SQLite
and PostgreSQL) and forgets the target's stored credentials; tables the target had before stay."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.engines.pii.conftest import _fresh_database
from tests.processes import ROOT, process_env, query, stop, wait_for
from tests.scans.test_mask_database import _fill

ROWS = 40_000


def _fill_big(url: str, rows: int = ROWS) -> None:
    """The small customers/orders pair plus a ``visits`` table long enough to be killed in."""
    _fill(url)
    engine = sa.create_engine(url)
    visits = sa.Table(
        "visits",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("mobile", sa.String(12)),
        sa.Column("note", sa.String(80)),
    )
    visits.create(engine)
    with engine.begin() as conn:
        conn.execute(
            visits.insert(),
            [
                {"id": i, "mobile": f"09{i % 100_000_000:08d}", "note": f"來電 09{i:08d} 詢問訂單 {i}"}
                for i in range(1, rows + 1)
            ],
        )
    engine.dispose()


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "shouhu.cli", "worker", "--no-schedule"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _job(home: Path, pk: int) -> dict[str, Any]:
    status, error, params, message = query(
        home, "SELECT status, error, params, message FROM jobs_job WHERE id = ?", (pk,)
    )[0]
    return {"status": status, "error": error, "params": json.loads(params), "message": message}


def _tables(url: str) -> list[str]:
    engine = sa.create_engine(url)
    try:
        return sorted(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'masked.db'}"
        return
    yield from _fresh_database(
        "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        "postgresql+psycopg://postgres@127.0.0.1:5432/{name}",
    )


def test_killed_worker_leaves_no_half_copy_and_no_stored_credentials(
    process_home: Path, tmp_path: Path, target: str
) -> None:
    home = process_home
    env = process_env(home, SHOUHU_JOB_HEARTBEAT_SECONDS="1", SHOUHU_JOB_STALE_SECONDS="3")
    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill_big(src)
    engine = sa.create_engine(target)
    with engine.begin() as conn:  # the target's own table, which the clean-up must leave alone
        conn.execute(sa.text("CREATE TABLE kept (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    started = subprocess.run(
        [sys.executable, "-m", "tests.scans.maskworker", src, target],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    pk = int(started.stdout.strip().splitlines()[-1])
    workers = [_worker(env)]
    try:
        wait_for(
            lambda: "visits" in _job(home, pk)["message"] and "筆" in _job(home, pk)["message"],
            timeout=120,
            what="the copy to be inside the visits table",
        )
        workers[-1].send_signal(signal.SIGKILL)
        workers[-1].wait()
        killed = _job(home, pk)
        assert killed["status"] == "running"
        assert sorted(killed["params"]["created_tables"]) == ["customers", "orders", "visits"]
        assert "target_encrypted" in killed["params"]
        assert _tables(target) == [
            "customers",
            "kept",
            "orders",
            "visits",
        ]  # half a copy, as the worker left it

        workers.append(_worker(env))  # its reaper finds the dead worker's job
        wait_for(lambda: _job(home, pk)["status"] == "failed", timeout=60, what="the job to be failed")
    finally:
        for proc in workers:
            stop(proc)
    job = _job(home, pk)
    assert job["error"] == (
        "執行此工作的背景程序已停止回應（心跳逾時），遮罩副本未完成；已刪除本次建立的資料表："
        "customers, orders, visits。目的資料庫的連線資料已清除。"
    )
    assert "target_encrypted" not in job["params"]
    assert _tables(target) == ["kept"]
    audit = query(
        home,
        "SELECT changes FROM audit_auditevent WHERE action = 'scans.mask_database_cleaned_up' AND object_id = ?",
        (str(pk),),
    )
    assert [json.loads(row[0])["credentials"] for row in audit] == [["kept", "forgotten"]]


def _lost_job(target: str, created: list[str]) -> Any:
    import datetime as dt

    from django.utils import timezone

    from shouhu.core import crypto
    from shouhu.jobs.models import Job

    beat = timezone.now() - dt.timedelta(seconds=600)
    return Job.objects.create(
        kind="scans.mask_database",
        status=Job.Status.RUNNING,
        started_at=beat,
        heartbeat_at=beat,
        worker="h:1",
        attempts=1,
        params={
            "target_encrypted": crypto.encrypt(target),
            "target": target.replace("Hidden-PW", "***"),
            "target_by_admin": True,
            "created_tables": created,
        },
    )


@pytest.mark.django_db
def test_the_clean_up_is_told_in_the_readers_language(
    tmp_path: Path, settings: Any, client: Any, make_user: Any, login_as: Any
) -> None:
    from shouhu.jobs.services import reap_stale

    settings.SHOUHU_JOB_STALE_SECONDS = 60
    target = f"sqlite:///{tmp_path / 'masked.db'}"
    _fill(target)  # as if the dead worker had created customers and orders
    job = _lost_job(target, ["customers", "orders"])
    unreachable = _lost_job("postgresql+psycopg://postgres:Hidden-PW@127.0.0.1:1/masked", ["customers"])

    reap_stale()

    assert _tables(target) == []
    login_as(make_user("admin"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "The tables this job created were dropped: customers, orders." in page
    left = client.get(f"/jobs/{unreachable.pk}/").content.decode()
    assert "could not be removed: drop it by hand: customers" in left
    assert "Hidden-PW" not in left
    unreachable.refresh_from_db()
    assert "target_encrypted" not in unreachable.params
