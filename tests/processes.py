"""Helpers for tests that run ``shouhu`` as real processes (worker, server) on their own SHOUHU_HOME.

Those processes use SQLite in a fresh home: migrating one takes seconds, so one migrated home is made per
test session and copied for each test. In the PostgreSQL pass they are skipped: they ran in the SQLite pass
and do not depend on the test database.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def process_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHOUHU_", "DJANGO_"))}
    env.update({"SHOUHU_HOME": str(home), "DJANGO_SETTINGS_MODULE": "shouhu.config.settings"})
    env.update(extra)
    return env


def shouhu(home: Path, *args: str, env: dict[str, str] | None = None, check: bool = True, **kw: Any):
    """Run ``python -m shouhu.cli ARGS`` in ``home``; returns the CompletedProcess (text)."""
    return subprocess.run(
        [sys.executable, "-m", "shouhu.cli", *args],
        env=env or process_env(home),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=check,
        timeout=180,
        **kw,
    )


def make_template(base: Path) -> Path:
    home = base / "template-home"
    home.mkdir()
    shouhu(home, "manage", "migrate", "-v0")
    return home


def copy_home(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


def query(home: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read the home's SQLite database directly, as an operator would."""
    con = sqlite3.connect(home / "shouhu.sqlite3", timeout=20)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def wait_for(predicate: Callable[[], Any], *, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def stop(proc: subprocess.Popen[Any]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
