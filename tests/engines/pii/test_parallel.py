"""Parallel runs (process pool, Dask LocalCluster) give the same result as a single process."""

from __future__ import annotations

from pathlib import Path

import pytest

from shouhu.engines.pii import scan_path

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


def test_dask_local_cluster_equals_single_process(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    _corpus(tmp_path)
    single = scan_path(str(tmp_path), key=KEY)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        on_dask = scan_path(str(tmp_path), key=KEY, dask_address=cluster.scheduler_address)
    assert _view(on_dask) == _view(single)


def test_result_survives_pickling_unchanged(tmp_path: Path) -> None:
    import pickle

    _corpus(tmp_path)
    result = scan_path(str(tmp_path), key=KEY)
    clone = pickle.loads(pickle.dumps(result))  # noqa: S301 - our own bytes
    assert (clone.findings, clone.skipped, clone.stats) == (result.findings, result.skipped, result.stats)
