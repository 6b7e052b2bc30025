"""Parallel runs (process pool, Dask LocalCluster) give the same result as a single process."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from shouhu.engines.pii import scan_database, scan_path

KEY = b"k"


def _corpus(root: Path) -> None:
    for i in range(6):
        lines = [f"第{n}行 客戶手機09{i}{n:07d} 信箱u{i}{n}@example.com\n" for n in range(50)]
        (root / f"f{i}.txt").write_text("".join(lines), encoding="utf-8")
    (root / "t.csv").write_text("姓名,身分證字號\n王小明,A123456789\n", encoding="utf-8")
    (root / "junk.bin").write_bytes(b"\x00\xff" * 50)


def _view(result: object) -> tuple[list[object], list[object]]:
    return result.findings, result.skipped  # type: ignore[attr-defined]


def test_two_workers_equal_single_process(tmp_path: Path) -> None:
    _corpus(tmp_path)
    single = scan_path(str(tmp_path), key=KEY)
    double = scan_path(str(tmp_path), key=KEY, workers=2)
    assert len(single.findings) == 602
    assert _view(double) == _view(single)


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # a free port: concurrent runs must not collide on 8787
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_local_cluster_equals_single_process(tmp_path: Path, dask_address: str) -> None:
    _corpus(tmp_path)
    single = scan_path(str(tmp_path), key=KEY)
    on_dask = scan_path(str(tmp_path), key=KEY, dask_address=dask_address)
    assert _view(on_dask) == _view(single)


def _database(path: Path) -> str:
    conn = sqlite3.connect(path)
    for table in ("a", "b"):
        conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, email TEXT, 手機 TEXT)")
        rows = [(i, f"{table}{i}@example.com", f"09{i:08d}") for i in range(1, 121)]
        conn.executemany(f"INSERT INTO {table} VALUES (?, ?, ?)", rows)  # noqa: S608 - test table names
    conn.commit()
    conn.close()
    return f"sqlite:///{path}"


def test_database_table_chunks_on_dask_equal_single_process(tmp_path: Path, dask_address: str) -> None:
    url = _database(tmp_path / "d.db")
    single = scan_database(url, key=KEY, sample=None)
    on_dask = scan_database(url, key=KEY, sample=None, chunk_rows=50, dask_address=dask_address)
    assert len(single.findings) == 480
    assert _view(on_dask) == _view(single)


def test_database_table_chunks_on_two_workers_equal_single_process(tmp_path: Path) -> None:
    url = _database(tmp_path / "w.db")
    single = scan_database(url, key=KEY, sample=None)
    double = scan_database(url, key=KEY, sample=None, chunk_rows=50, workers=2)
    assert _view(double) == _view(single)


def test_result_survives_pickling_unchanged(tmp_path: Path) -> None:
    import pickle

    _corpus(tmp_path)
    result = scan_path(str(tmp_path), key=KEY)
    clone = pickle.loads(pickle.dumps(result))  # noqa: S301 - our own bytes
    assert (clone.findings, clone.skipped, clone.stats) == (result.findings, result.skipped, result.stats)
