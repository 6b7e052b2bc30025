"""Workers forked from this process (forked.py): used while this process runs no other thread.

A test session may be running threads by the time these tests run (a live server for the browser
tests, Dask's), and then the scan rightly keeps the fork server; so each scenario runs in a fresh
interpreter (:func:`_fresh`), which runs no other thread, as the ``shouhu pii scan`` command does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from .test_parallel import KEY, _big_text, _pid_after, _view

ROOT = Path(__file__).resolve().parents[3]


def _fresh(scenario: str, *args: Any) -> None:
    """Run ``scenario(*args)`` (a function of this module) in a fresh interpreter; fail with its error."""
    code = f"from tests.engines.pii.test_forked import {scenario} as run\nrun(*{args!r})"
    env = {k: v for k, v in os.environ.items() if k != "SHOUHU_PII_START"}  # the default: fork
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]


def test_workers_are_forked_only_while_no_other_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from shouhu.engines.pii import forked

    monkeypatch.delenv("SHOUHU_PII_START", raising=False)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.ready()  # a fork would copy this process without the other thread's locks
    finally:
        stop.set()
        thread.join()
    monkeypatch.setenv("SHOUHU_PII_START", "forkserver")
    assert not forked.ready()
    _fresh("_ready_alone")


def _ready_alone() -> None:
    from shouhu.engines.pii import forked

    assert forked.ready()


def _forks() -> list[int]:
    """Record the processes forked from this one (their process ids)."""
    from shouhu.engines.pii import forked

    pids: list[int] = []
    real = forked._fork

    def fork(*args: Any) -> Any:
        worker = real(*args)
        pids.append(worker.pid)
        return worker

    forked._fork = fork  # type: ignore[assignment]  # a fresh interpreter: nothing to restore
    assert forked.ready()
    return pids


@pytest.mark.parametrize("worth", [0.0, 1e9], ids=["forked", "alone"])
def test_big_text_file_in_pieces_on_forked_workers_equals_single_process(
    tmp_path: Path, worth: float
) -> None:
    from shouhu.engines.pii import prefilter

    if not prefilter.AVAILABLE:
        pytest.skip("ranges need the compiled prefilter (the regex path scans files whole)")
    _fresh("_big_text_in_pieces", str(tmp_path), worth)


def _big_text_in_pieces(folder: str, worth: float) -> None:
    from shouhu.engines.pii import ScanOptions, files, forked, scan

    tmp_path = Path(folder)
    pids = _forks()
    # the first lines are timed: worth a worker (0 s) or never worth one; 4 KB blocks in 1 KB pieces
    forked.FORK_WORTH_SECONDS = worth  # type: ignore[misc]
    scan.PIECE_BYTES = 1024  # type: ignore[misc]
    scan.PIECE_SECONDS = 0.0  # type: ignore[misc]
    _big_text(tmp_path / "big.log", 3000)
    (tmp_path / "small.txt").write_text("信箱 a@example.com\n", encoding="utf-8")
    opts = ScanOptions(block_chars=1024, max_line_chars=2048)
    pieces = files.plan_ranges(str(tmp_path / "big.log"), opts, piece=1024)
    assert pieces is not None
    assert [r.start for r in pieces[1:]] == [r.end for r in pieces[:-1]]
    assert len(pieces) > 3 * len(files.plan_ranges(str(tmp_path / "big.log"), opts, target=1) or [])
    seen: list[tuple[int, int]] = []
    single = scan.scan_path(str(tmp_path), key=KEY, options=opts)
    double = scan.scan_path(
        str(tmp_path), key=KEY, options=opts, workers=2, progress=lambda d, t: seen.append((d, t))
    )
    assert len(pids) == (1 if worth == 0.0 else 0)
    assert len(single.findings) > 4000
    assert _view(double) == _view(single)
    assert sorted(double.stats, key=str) == sorted(single.stats, key=str)  # the same blocks counted
    assert seen == [(0, 2), (1, 2), (2, 2)]  # progress counts files, not ranges


@pytest.mark.parametrize("worth", [0.0, 1e9], ids=["forked", "alone"])
def test_tables_fork_a_worker_only_when_the_first_one_says_the_rest_is_worth_it(
    tmp_path: Path, worth: float
) -> None:
    _fresh("_tables_measured", str(tmp_path), worth)


def _tables_measured(folder: str, worth: float) -> None:
    from shouhu.engines.pii import forked, scan_path

    pids = _forks()
    forked.FORK_WORTH_SECONDS = worth  # type: ignore[misc]
    for i in range(6):
        rows = "".join(f"王小明{n},A123456789,09{i}{n:07d},u{i}{n}@example.com\n" for n in range(40))
        Path(folder, f"t{i}.csv").write_text("姓名,身分證字號,手機,email\n" + rows, encoding="utf-8")
    single = scan_path(folder, key=KEY)
    double = scan_path(folder, key=KEY, workers=2)
    assert _view(double) == _view(single)
    assert len(pids) == (1 if worth == 0.0 else 0)  # no text to time: the first table is


def test_tasks_of_a_forked_worker_that_died_are_done_here() -> None:
    _fresh("_worker_dies")


def _pid_or_die(parent: int) -> int:
    if os.getpid() != parent:
        os._exit(3)  # a worker killed in the middle of a task
    time.sleep(0.2)  # here: slow enough that the worker takes tasks too
    return os.getpid()


def _worker_dies() -> None:
    from shouhu.engines.pii.parallel import run_tasks

    pids = _forks()
    tasks = [(os.getpid(),)] * 6
    done = list(run_tasks(_pid_or_die, tasks, workers=2, pool_now=True, forkable=True))  # type: ignore[arg-type]
    assert len(pids) == 1
    assert done == [os.getpid()] * 6  # every task, all of them here


def test_an_error_in_a_forked_worker_is_raised_here() -> None:
    _fresh("_worker_fails")


def _fail_in_worker(parent: int) -> int:
    if os.getpid() != parent:
        raise ValueError("in the worker")
    time.sleep(0.2)  # here: slow enough that the worker takes tasks too
    return parent


def _worker_fails() -> None:
    from shouhu.engines.pii.parallel import run_tasks

    pids = _forks()
    with pytest.raises(ValueError, match="in the worker"):
        list(run_tasks(_fail_in_worker, [(os.getpid(),)] * 4, workers=2, pool_now=True, forkable=True))  # type: ignore[arg-type]
    assert len(pids) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # the worker was reaped


def test_a_scan_stopped_early_ends_its_forked_worker() -> None:
    _fresh("_stopped_early")


def _stopped_early() -> None:
    from shouhu.engines.pii.parallel import run_tasks

    pids = _forks()
    results = run_tasks(_pid_after, [(0.2,)] * 20, workers=2, pool_now=True, forkable=True)  # type: ignore[arg-type]
    assert isinstance(results, Generator)
    next(results)
    results.close()  # the caller stops reading
    assert len(pids) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # killed and reaped, not left to scan the rest
