"""A real compressed pg_dump archive (-Fc) small enough to upload whose masked plain SQL is larger than the
evidence store takes: the job fails with a clear message in zh-TW and English, and nothing is kept (no
evidence, no spooled original, no half-written copy)."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from shouhu.evidence.models import Evidence
from shouhu.jobs.models import Job
from shouhu.scans.masking import start_mask
from tests.engines.pii.conftest import _fresh_database
from tests.needs import missing

pytestmark = pytest.mark.django_db

LIMIT = 1024 * 1024  # the evidence store's limit in this test: below the masked SQL (about 2 MB)


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bytes]:
    """A custom-format (-Fc, compressed) dump of 60,000 customers, made by the real pg_dump."""
    for tool in ("pg_dump", "psql", "pg_restore"):
        if not shutil.which(tool):
            missing(f"{tool} not installed")
    folder = tmp_path_factory.mktemp("bigdump")
    for url in _fresh_database(
        "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        "postgresql+psycopg://postgres@127.0.0.1:5432/{name}",
    ):
        name = url.rsplit("/", 1)[1]
        base = ["-h", "127.0.0.1", "-U", "postgres"]
        sql = (
            "CREATE TABLE customers (id integer PRIMARY KEY, 姓名 text, 身分證字號 text, 手機 text);\n"
            "INSERT INTO customers SELECT n, '王小明', 'A123456789', '0912345678' "
            "FROM generate_series(1, 60000) AS n;\n"
        )
        subprocess.run(["psql", *base, "-q", "-v", "ON_ERROR_STOP=1", name], input=sql.encode(), check=True)
        path = folder / "big.dump"
        subprocess.run(["pg_dump", *base, "--no-owner", "-Fc", "-f", str(path), name], check=True)
        yield path.read_bytes()


def _spooled() -> list[Path]:
    folder = Path(django_settings.SHOUHU_HOME) / "tmp" / "mask"
    return list(folder.iterdir()) if folder.exists() else []


def test_masked_sql_over_the_evidence_limit_fails_clearly_and_keeps_nothing(
    make_user: Any, django_capture_on_commit_callbacks: Any, big_archive: bytes, settings: Any
) -> None:
    settings.SHOUHU_EVIDENCE_MAX_BYTES = LIMIT
    assert len(big_archive) < LIMIT  # the compressed archive itself would fit
    with django_capture_on_commit_callbacks(execute=True):
        job = start_mask(
            actor=make_user("pd_officer"),
            upload=io.BytesIO(big_archive),
            filename="customers.dump",
            default="partial",
            methods={},
        )
    job = Job.objects.get(pk=job.pk)
    assert job.status == "failed"
    assert job.error == "無法儲存遮罩副本：檔案超過大小上限 1 MB。"
    with translation.override("en"):
        assert job.error_shown == "The masked copy could not be stored: File exceeds the 1 MB limit."
    assert "A123456789" not in job.error
    assert not Evidence.objects.exists()
    assert _spooled() == []  # neither the uploaded archive nor the masked SQL is left behind
