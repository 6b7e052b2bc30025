"""Run scan tasks in this process, in a process pool, or on a Dask distributed cluster.

Every task returns a :class:`ScanResult`; the caller merges and sorts them, so the final result
does not depend on how the work was partitioned or on completion order.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from .findings import ScanResult

Progress = Callable[[int, int], None]


class _GroupProgress:
    """Reports ``(groups done, groups)``: a group (a file split into ranges) is done with its last task."""

    def __init__(self, progress: Progress | None, groups: Sequence[int] | None, total: int) -> None:
        self.progress = progress
        self.groups = groups
        self.left = Counter(groups) if groups is not None else None
        self.total = len(self.left) if self.left is not None else total
        self.done = 0

    def start(self) -> None:
        if self.progress:
            self.progress(0, self.total)

    def finished(self, task: int) -> None:
        if self.groups is not None and self.left is not None:
            group = self.groups[task]
            self.left[group] -= 1
            if self.left[group]:
                return
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)


def run_tasks(
    func: Callable[..., ScanResult],
    tasks: Sequence[tuple[Any, ...]],
    *,
    workers: int = 1,
    dask_address: str | None = None,
    progress: Progress | None = None,
    groups: Sequence[int] | None = None,
) -> Iterator[ScanResult]:
    """Yield ``func(*task)`` for every task (in completion order) and report progress.

    ``groups`` (one number per task) makes progress count groups of tasks (files) instead of tasks.
    """
    total = len(tasks)
    report = _GroupProgress(progress, groups, total)
    report.start()
    if dask_address:
        yield from _dask(func, tasks, dask_address, report)
        return
    if workers <= 1 or total <= 1:
        for index, task in enumerate(tasks):
            yield func(*task)
            report.finished(index)
        return
    # imported here: a one-worker scan (and every worker process) does without them (~30 ms)
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = _pool_context(func)
    with ProcessPoolExecutor(max_workers=min(workers, total), mp_context=context) as pool:
        futures = {pool.submit(func, *task): index for index, task in enumerate(tasks)}
        for future in as_completed(futures):
            yield future.result()
            report.finished(futures[future])


def _pool_context(func: Callable[..., Any]) -> Any:
    """Where worker processes come from: a fork server that has imported the task's module once
    (each worker is forked from it with the engine loaded; a spawned worker imports it again,
    about 0.13 s of CPU each), else fresh interpreters (spawn). Neither inherits the caller's
    threads, open connections or Django state, as a plain fork would."""
    import multiprocessing

    if os.environ.get("SHOUHU_PII_START", "forkserver") == "forkserver":
        if "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([func.__module__])
            return context
    return multiprocessing.get_context("spawn")


def _dask(
    func: Callable[..., ScanResult],
    tasks: Sequence[tuple[Any, ...]],
    address: str,
    report: _GroupProgress,
) -> Iterator[ScanResult]:
    try:
        from distributed import Client
    except ImportError as exc:
        raise RuntimeError("未安裝 dask[distributed] / dask[distributed] is not installed") from exc
    with Client(address, set_as_default=False) as client:
        futures = [client.submit(func, *task, pure=False) for task in tasks]
        for index, future in enumerate(futures):
            yield future.result()
            report.finished(index)
