"""A worker killed between CREATE DATABASE and writing down that it created the target (a real SIGKILL):
the job wrote the target's token down first, so the next worker's reaper drops the new database — it
carries the job's mark — on SQLite, PostgreSQL and MariaDB; a database of that name someone else made (no
mark) is never dropped."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from shouhu.engines.pii.mask.target import create_database, drop_database
from tests.processes import ROOT, process_env, query, stop, wait_for
from tests.scans.test_mask_database import _fill
from tests.scans.test_mask_database_kill import _job, _lost_job, _worker

SERVERS = {
    "postgresql": (
        "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        "postgresql+psycopg://postgres@127.0.0.1:5432/{name}",
    ),
    "mariadb": (
        "mysql+pymysql://root@127.0.0.1:3306/",
        "mysql+pymysql://root@127.0.0.1:3306/{name}?charset=utf8mb4",
    ),
}


def _exists(url: str) -> bool:
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return Path(str(parsed.database)).exists()
    admin = SERVERS["postgresql" if parsed.get_backend_name() == "postgresql" else "mariadb"][0]
    engine = sa.create_engine(admin)
    try:
        with engine.connect() as conn:
            if parsed.get_backend_name() == "postgresql":
                found = conn.execute(
                    sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}
                )
            else:
                found = conn.execute(
                    sa.text("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = :n"),
                    {"n": parsed.database},
                )
            return found.first() is not None
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def new_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database that does not exist yet (dropped after the test if it is there)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'new-copy.db'}"
        return
    admin, make = SERVERS[request.param]
    engine = sa.create_engine(admin)
    try:
        with engine.connect():
            pass
    except Exception as exc:
        pytest.skip(f"database server unreachable: {type(exc).__name__}")
    finally:
        engine.dispose()
    url = make.format(name=f"mask_new_{uuid.uuid4().hex[:10]}")
    yield url
    drop_database(url)


def test_a_worker_killed_right_after_create_database_leaves_no_database(
    process_home: Path, tmp_path: Path, new_target: str
) -> None:
    home = process_home
    env = process_env(home, SHOUHU_JOB_HEARTBEAT_SECONDS="1", SHOUHU_JOB_STALE_SECONDS="3")
    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill(src)
    killed = subprocess.run(
        [sys.executable, "-m", "tests.scans.maskcreate", src, new_target],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == -9, killed.stderr[-2000:]
    pk = int(killed.stdout.strip().splitlines()[-1])
    job = _job(home, pk)
    assert job["status"] == "running"
    assert "created_database" not in job["params"]  # the worker died before it could write it down
    assert len(job["params"]["creating_database"]) == 16
    assert _exists(new_target)  # CREATE DATABASE had run

    worker = _worker(env)  # its reaper finds the dead worker's job
    try:
        wait_for(lambda: _job(home, pk)["status"] == "failed", timeout=60, what="the job to be failed")
    finally:
        stop(worker)
    job = _job(home, pk)
    assert "已刪除本次建立的目的資料庫" in job["error"]
    assert "target_encrypted" not in job["params"]
    assert not _exists(new_target)
    assert not list(tmp_path.glob(".new-copy.db.*"))  # nothing left of the creation either
    audit = query(
        home,
        "SELECT changes FROM audit_auditevent WHERE action = 'scans.mask_database_cleaned_up' AND object_id = ?",
        (str(pk),),
    )
    assert [json.loads(row[0])["cleaned"] for row in audit] == [[None, "scans.mask_database.lost_database"]]


@pytest.mark.django_db
def test_a_database_of_that_name_someone_else_made_is_never_dropped(
    tmp_path: Path, settings: Any, new_target: str
) -> None:
    from shouhu.jobs.services import reap_stale

    settings.SHOUHU_JOB_STALE_SECONDS = 60
    create_database(new_target)  # made by someone else (no token) while the job was "creating" it
    job = _lost_job(new_target, [])
    job.params["creating_database"] = secrets.token_hex(8)
    job.save(update_fields=["params"])

    reap_stale()

    assert _exists(new_target)
    job.refresh_from_db()
    assert job.error_key == "scans.mask_database.lost_nothing"
    assert "target_encrypted" not in job.params


def test_a_taken_name_is_refused_and_its_database_is_not_ours_to_drop(
    new_target: str, tmp_path: Path
) -> None:
    from shouhu.engines.pii.mask.target import TargetExists, drop_marked_database

    token = secrets.token_hex(8)
    create_database(new_target)  # someone else's, under the name we want
    with pytest.raises(TargetExists):
        create_database(new_target, token=token)
    assert drop_marked_database(new_target, token) is False  # not ours: left alone
    assert _exists(new_target)
    assert not list(tmp_path.glob(".new-copy.db.*"))
