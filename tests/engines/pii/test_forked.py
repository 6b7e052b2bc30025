"""Workers forked from this process (forked.py): used while this process runs no other thread."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from shouhu.engines.pii import scan_path

from .test_parallel import KEY, _big_text, _pid_after, _view


def test_workers_are_forked_only_while_no_other_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from shouhu.engines.pii import forked

    monkeypatch.delenv("SHOUHU_PII_START", raising=False)
    assert forked.ready(), threading.enumerate()
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


def _forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the processes forked from this one (their process ids)."""
    from shouhu.engines.pii import forked

    pids: list[int] = []
    real = forked._fork

    def fork(*args: Any) -> Any:
        worker = real(*args)
        pids.append(worker.pid)
        return worker

    monkeypatch.setattr(forked, "_fork", fork)
    monkeypatch.delenv("SHOUHU_PII_START", raising=False)
    assert forked.ready(), "another thread runs in the test process"
    return pids


@pytest.mark.parametrize("worth", [0.0, 1e9], ids=["forked", "alone"])
def test_big_text_file_in_pieces_on_forked_workers_equals_single_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worth: float
) -> None:
    from shouhu.engines.pii import ScanOptions, files, forked, prefilter, scan

    if not prefilter.AVAILABLE:
        pytest.skip("ranges need the compiled prefilter (the regex path scans files whole)")
    pids = _forks(monkeypatch)
    # the first lines are timed: worth a worker (0 s) or never worth one; 4 KB blocks in 1 KB pieces
    monkeypatch.setattr(forked, "FORK_WORTH_SECONDS", worth)
    monkeypatch.setattr(scan, "PIECE_BYTES", 1024)
    monkeypatch.setattr(scan, "PIECE_SECONDS", 0.0)
    _big_text(tmp_path / "big.log", 3000)
    (tmp_path / "small.txt").write_text("信箱 a@example.com\n", encoding="utf-8")
    opts = ScanOptions(block_chars=1024, max_line_chars=2048)
    pieces = files.plan_ranges(str(tmp_path / "big.log"), opts, piece=1024)
    assert pieces is not None
    assert [r.start for r in pieces[1:]] == [r.end for r in pieces[:-1]]
    assert len(pieces) > 3 * len(files.plan_ranges(str(tmp_path / "big.log"), opts, target=1) or [])
    seen: list[tuple[int, int]] = []
    single = scan_path(str(tmp_path), key=KEY, options=opts)
    double = scan_path(
        str(tmp_path), key=KEY, options=opts, workers=2, progress=lambda d, t: seen.append((d, t))
    )
    assert len(pids) == (1 if worth == 0.0 else 0)
    assert len(single.findings) > 4000
    assert _view(double) == _view(single)
    assert sorted(double.stats, key=str) == sorted(single.stats, key=str)  # the same blocks counted
    assert seen == [(0, 2), (1, 2), (2, 2)]  # progress counts files, not ranges


def _tables(root: Path, count: int) -> None:
    for i in range(count):
        rows = "".join(f"王小明{n},A123456789,09{i}{n:07d},u{i}{n}@example.com\n" for n in range(40))
        (root / f"t{i}.csv").write_text("姓名,身分證字號,手機,email\n" + rows, encoding="utf-8")


@pytest.mark.parametrize("worth", [0.0, 1e9], ids=["forked", "alone"])
def test_tables_fork_a_worker_only_when_the_first_one_says_the_rest_is_worth_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worth: float
) -> None:
    from shouhu.engines.pii import forked

    pids = _forks(monkeypatch)
    monkeypatch.setattr(forked, "FORK_WORTH_SECONDS", worth)
    _tables(tmp_path, 6)
    single = scan_path(str(tmp_path), key=KEY)
    double = scan_path(str(tmp_path), key=KEY, workers=2)
    assert _view(double) == _view(single)
    assert len(pids) == (1 if worth == 0.0 else 0)  # no text to time: the first table is


def _pid_or_die(parent: int, die: bool) -> int:
    import os

    if die and os.getpid() != parent:
        os._exit(3)  # a worker killed in the middle of a task
    return os.getpid()


def test_tasks_of_a_forked_worker_that_died_are_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from shouhu.engines.pii.parallel import run_tasks

    pids = _forks(monkeypatch)
    tasks = [(os.getpid(), True)] * 6
    done = list(run_tasks(_pid_or_die, tasks, workers=2, pool_now=True, forkable=True))  # type: ignore[arg-type]
    assert len(pids) == 1
    assert done == [os.getpid()] * 6  # every task, all of them here


def _fail_in_worker(parent: int) -> int:
    import os

    if os.getpid() != parent:
        raise ValueError("in the worker")
    return parent


def test_an_error_in_a_forked_worker_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from shouhu.engines.pii.parallel import run_tasks

    _forks(monkeypatch)
    with pytest.raises(ValueError, match="in the worker"):
        list(run_tasks(_fail_in_worker, [(os.getpid(),)] * 4, workers=2, pool_now=True, forkable=True))  # type: ignore[arg-type]
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # the worker was reaped


def test_a_scan_stopped_early_ends_its_forked_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from shouhu.engines.pii.parallel import run_tasks

    pids = _forks(monkeypatch)
    results = run_tasks(_pid_after, [(0.2,)] * 20, workers=2, pool_now=True, forkable=True)  # type: ignore[arg-type]
    assert isinstance(results, Generator)
    next(results)
    results.close()  # the caller stops reading
    assert len(pids) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # killed and reaped, not left to scan the rest
