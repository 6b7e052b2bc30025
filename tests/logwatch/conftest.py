"""Fixtures for the log-monitoring app: a private event store per test and helpers to read a file."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shouhu.accounts.models import User
from shouhu.logwatch import services
from shouhu.logwatch.models import Ingest, LogSource

SAMPLES = Path(__file__).parent.parent / "engines" / "logwatch" / "samples"


@pytest.fixture(autouse=True)
def _private_store(settings: Any, tmp_path: Path) -> None:
    settings.SHOUHU_LOGWATCH_DIR = str(tmp_path / "logwatch")


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    return make_user("pd_officer", username="officer")


@pytest.fixture
def web_source(officer: User) -> LogSource:
    return services.create_source(
        actor=officer, data={"name": "官網 nginx", "format": "combined", "allowed_countries": "TW"}
    )


@pytest.fixture
def read(django_capture_on_commit_callbacks: Any) -> Callable[..., Ingest]:
    """Upload bytes to a source and run the read job (inline, as the worker would)."""

    def run(actor: User, source: LogSource, data: bytes, name: str = "access.log") -> Ingest:
        with django_capture_on_commit_callbacks(execute=True):
            ingest = services.upload(actor=actor, source=source, file=io.BytesIO(data), filename=name)
        ingest.refresh_from_db()
        return ingest

    return run


def clf(
    when: str,
    *,
    ip: str = "61.220.14.7",
    user: str = "-",
    path: str = "/",
    status: int = 200,
    size: int = 100,
) -> str:
    """One combined-format line; ``when`` like ``09/May/2026:02:13:07``."""
    return f'{ip} - {user} [{when} +0800] "GET {path} HTTP/1.1" {status} {size} "-" "Mozilla/5.0"'
