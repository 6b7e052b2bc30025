"""Parallel runs (process pool, Dask LocalCluster) give the same result as a single process."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pytest

from shouhu.engines.pii import Finding, ScanResult, scan_database, scan_path

KEY = b"k"


def _corpus(root: Path) -> None:
    for i in range(6):
        lines = [f"第{n}行 客戶手機09{i}{n:07d} 信箱u{i}{n}@example.com\n" for n in range(50)]
        (root / f"f{i}.txt").write_text("".join(lines), encoding="utf-8")
    (root / "t.csv").write_text("姓名,身分證字號\n王小明,A123456789\n", encoding="utf-8")
    (root / "junk.bin").write_bytes(b"\x00\xff" * 50)


def _view(result: object) -> tuple[list[object], list[object]]:
    return result.findings, result.skipped  # type: ignore[attr-defined]


@pytest.mark.parametrize("start", ["fork", "forkserver", "spawn"])
def test_two_workers_equal_single_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    # workers forked from this process, from a fork server that preloaded the engine, or fresh interpreters
    monkeypatch.setenv("SHOUHU_PII_START", start)
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


def _big_text(path: Path, lines: int) -> None:
    rows = []
    for n in range(lines):
        if n % 3 == 0:
            rows.append(f"第{n}行 客戶手機 09{n % 90 + 10}{n:06d}，信箱 u{n}@example.com\n")
        elif n % 3 == 1:
            rows.append(f"聯絡人王小明 身分證 A123456789 卡號 4111-1111-1111-1111 行{n}\n")
        else:
            rows.append("本週系統維護將於週六凌晨進行，請同仁提早存檔。\n")
    path.write_text("".join(rows), encoding="utf-8")


@pytest.mark.parametrize("worth", [0.0, 1e9], ids=["pool", "alone"])
def test_big_text_file_in_ranges_on_two_workers_equals_single_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worth: float
) -> None:
    from shouhu.engines.pii import ScanOptions, files, prefilter, scan

    if not prefilter.AVAILABLE:
        pytest.skip("ranges need the compiled prefilter (the regex path scans files whole)")
    # the first block is timed, then the rest goes to the pool (worth 0 s) or stays here (never worth it)
    monkeypatch.setenv("SHOUHU_PII_START", "forkserver")
    monkeypatch.setattr(scan, "POOL_WORTH_SECONDS", worth)
    _big_text(tmp_path / "big.log", 3000)
    (tmp_path / "small.txt").write_text("信箱 a@example.com\n", encoding="utf-8")
    opts = ScanOptions(block_chars=1024, max_line_chars=2048)  # 4 KB blocks
    monkeypatch.setattr(files, "RANGE_BYTES", 16 * 1024)
    ranges = files.plan_ranges(str(tmp_path / "big.log"), opts)
    assert ranges is not None
    assert len(ranges) > 5
    assert [r.start for r in ranges[1:]] == [r.end for r in ranges[:-1]]
    seen: list[tuple[int, int]] = []
    single = scan_path(str(tmp_path), key=KEY, options=opts)
    double = scan_path(
        str(tmp_path), key=KEY, options=opts, workers=2, progress=lambda d, t: seen.append((d, t))
    )
    assert len(single.findings) > 4000
    assert _view(double) == _view(single)
    assert double.summary().as_dict() == single.summary().as_dict()
    assert sorted(double.stats, key=str) == sorted(single.stats, key=str)  # the same blocks counted
    assert seen == [(0, 2), (1, 2), (2, 2)]  # progress counts files, not ranges


def test_range_of_a_file_that_changed_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from shouhu.engines.pii import ScanOptions, files, prefilter

    if not prefilter.AVAILABLE:
        pytest.skip("ranges need the compiled prefilter")
    path = tmp_path / "big.txt"
    _big_text(path, 1000)
    opts = ScanOptions(block_chars=1024, max_line_chars=2048)
    ranges = files.plan_ranges(str(path), opts, target=8 * 1024)
    assert ranges is not None
    with path.open("a", encoding="utf-8") as handle:
        handle.write("多一行\n")
    result = files.scan_file(str(path), KEY, opts, ranges[1])
    assert [s.reason for s in result.skipped] == ["掃描期間檔案已變更 / the file changed during the scan"]
    assert result.findings == []


def test_merge_sorts_parts_that_interleave() -> None:
    from shouhu.engines.pii import Finding, ScanResult

    def f(line: int) -> Finding:
        return Finding("email", "s", 0.95, "a***@b.c", f"d{line}", "s", line)

    a = ScanResult([f(1), f(5)], ordered=True)
    b = ScanResult([f(3), f(7)], ordered=True)
    c = ScanResult([f(9)], ordered=True)
    merged = ScanResult.merge([c, b, a])
    assert [x.line for x in merged.findings] == [1, 3, 5, 7, 9]
    joined = ScanResult.merge([c, ScanResult([f(1), f(2)], ordered=True)])
    assert [x.line for x in joined.findings] == [1, 2, 9]


@pytest.mark.parametrize(
    "locations",
    [
        [{"path": "a.txt", "line": 3}, {"path": "a.txt", "line": 9}],  # text: sheet … field all empty
        [{"path": "b.csv", "row": 2, "column": "手機"}, {"path": "a.txt", "line": 1}],  # empty from table on
        [{"path": "c.json", "line": 4, "field": "/user/phone"}, {"path": "a.txt", "line": 1}],  # none empty
        [],
    ],
)
def test_findings_keep_every_location_field_across_processes(locations: list[dict[str, Any]]) -> None:
    import pickle

    findings = [
        Finding("mobile_phone", "src", 0.9, "0912-***-678", "ab" * 32, **where) for where in locations
    ]
    result = ScanResult(findings=findings, ordered=True)
    clone = pickle.loads(pickle.dumps(result))  # noqa: S301 - our own bytes
    assert [astuple(f) for f in clone.findings] == [astuple(f) for f in findings]
    assert clone.ordered


def _pid_after(seconds: float) -> int:
    import os
    import time

    time.sleep(seconds)
    return os.getpid()


def test_two_workers_are_this_process_and_one_pool_worker() -> None:
    import os

    from shouhu.engines.pii.parallel import run_tasks

    done: list[tuple[int, int]] = []
    # slow tasks: the pool's worker starts while this process works, then takes tasks from the front
    pids = list(run_tasks(_pid_after, [(0.3,)] * 12, workers=2, progress=lambda d, t: done.append((d, t))))  # type: ignore[arg-type]
    assert len(pids) == 12
    assert os.getpid() in pids
    assert len(set(pids)) == 2  # this process and one other: two workers in all
    assert done[-1] == (12, 12)


def test_a_long_task_here_does_not_hold_back_the_pool() -> None:
    import os

    from shouhu.engines.pii.parallel import run_tasks

    # two long tasks (two big files that are not split): the pool starts while this process is inside
    # the first, and its worker takes the other, instead of this process doing both one after the other
    pids = list(run_tasks(_pid_after, [(1.5,), (1.5,)], workers=2))  # type: ignore[arg-type]
    assert os.getpid() in pids
    assert len(set(pids)) == 2


def test_tasks_done_before_the_pool_starts_are_not_waited_for() -> None:
    import os

    from shouhu.engines.pii.parallel import run_tasks

    # two instant tasks: this process does both before a pool worker can have imported anything
    assert list(run_tasks(_pid_after, [(0.0,), (0.0,)], workers=2)) == [os.getpid()] * 2  # type: ignore[arg-type]


def _recorded_pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the number of workers of every pool the scan asks for (1: none, this process alone)."""
    from shouhu.engines.pii import scan

    asked: list[int] = []
    real = scan.run_tasks

    def run_tasks(*args: Any, **kwargs: Any) -> Iterator[ScanResult]:
        asked.append(kwargs.get("workers", 1))
        return real(*args, **kwargs)

    monkeypatch.setattr(scan, "run_tasks", run_tasks)
    return asked


def test_a_scan_quicker_than_a_pool_start_runs_alone_on_two_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shouhu.engines.pii import ScanOptions, files, prefilter

    if not prefilter.AVAILABLE:
        pytest.skip("the first block is timed on the fast path only")
    monkeypatch.setenv("SHOUHU_PII_START", "forkserver")
    _big_text(tmp_path / "big.log", 3000)
    (tmp_path / "small.txt").write_text("信箱 a@example.com\n", encoding="utf-8")
    opts = ScanOptions(block_chars=1024, max_line_chars=2048)
    monkeypatch.setattr(files, "RANGE_BYTES", 16 * 1024)
    asked = _recorded_pools(monkeypatch)
    seen: list[tuple[int, int]] = []
    double = scan_path(
        str(tmp_path), key=KEY, options=opts, workers=2, progress=lambda d, t: seen.append((d, t))
    )
    assert asked == []  # milliseconds of work: no pool, no planning pass
    single = scan_path(str(tmp_path), key=KEY, options=opts)
    assert _view(double) == _view(single)
    assert sorted(double.stats, key=str) == sorted(single.stats, key=str)
    assert seen == [(0, 2), (1, 2), (2, 2)]


@pytest.mark.parametrize(
    ("start", "worth"),
    [("forkserver", 0.0), ("forkserver", 1e9), ("fork", 0.0)],
    ids=["pool", "alone", "forked"],
)
def test_a_bare_carriage_return_after_the_first_block_scans_the_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: str, worth: float
) -> None:
    from shouhu.engines.pii import ScanOptions, files, forked, prefilter, scan

    if not prefilter.AVAILABLE:
        pytest.skip("the first block is timed on the fast path only")
    monkeypatch.setenv("SHOUHU_PII_START", start)
    monkeypatch.setattr(scan, "POOL_WORTH_SECONDS", worth)
    monkeypatch.setattr(forked, "FORK_WORTH_SECONDS", worth)
    path = tmp_path / "big.log"
    _big_text(path, 3000)
    with path.open("ab") as handle:  # the regular reader splits lines here; the fast path cannot
        handle.write("舊系統 手機 0912345678\r續行 信箱 b@example.com\n".encode())
    opts = ScanOptions(block_chars=1024, max_line_chars=2048)
    monkeypatch.setattr(files, "RANGE_BYTES", 16 * 1024)
    single = scan_path(str(tmp_path), key=KEY, options=opts)
    double = scan_path(str(tmp_path), key=KEY, options=opts, workers=2)
    assert _view(double) == _view(single)
    assert double.stats == single.stats
    assert not any(s.reason == files.NOT_FAST for s in double.skipped)


def _no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures
    import os

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    monkeypatch.setattr(os, "fork", refuse)


def test_a_tiny_run_on_two_workers_starts_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from shouhu.engines.pii.parallel import run_tasks

    _no_pool(monkeypatch)
    # instant tasks: all done here before the pool would be worth starting
    assert list(run_tasks(_pid_after, [(0.0,)] * 5, workers=2)) == [os.getpid()] * 5  # type: ignore[arg-type]


def test_a_tiny_directory_scan_on_two_workers_starts_no_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("信箱 a@example.com\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("姓名,身分證字號\n王小明,A123456789\n", encoding="utf-8")
    single = scan_path(str(tmp_path), key=KEY)
    _no_pool(monkeypatch)
    assert _view(scan_path(str(tmp_path), key=KEY, workers=2)) == _view(single)


def test_a_pool_still_starting_when_this_process_is_done_is_terminated_not_waited_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import concurrent.futures
    import os
    import time

    from shouhu.engines.pii.parallel import run_tasks

    pools: list[Any] = []
    processes: list[Any] = []
    real = concurrent.futures.ProcessPoolExecutor

    class SlowStart(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, initializer=time.sleep, initargs=(3,), **kwargs)
            pools.append(self)

        def _spawn_process(self) -> None:
            super()._spawn_process()
            processes.extend(p for p in self._processes.values() if p not in processes)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", SlowStart)
    pids = list(run_tasks(_pid_after, [(0.05,)] * 3, workers=2, pool_now=True))  # type: ignore[arg-type]
    assert pids == [os.getpid()] * 3
    assert len(pools) == 1
    # the pool's worker (still in its start-up) was stopped, not left to finish it and exit
    # normally (0), and has ended
    assert processes
    assert all(p.exitcode not in (None, 0) for p in processes)
