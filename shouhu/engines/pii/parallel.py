"""Run scan tasks in this process, in a process pool, or on a Dask distributed cluster.

Every task returns a :class:`ScanResult`; the caller merges and sorts them, so the final result
does not depend on how the work was partitioned or on completion order.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from .findings import ScanResult

Progress = Callable[[int, int], None]


def run_tasks(
    func: Callable[..., ScanResult],
    tasks: Sequence[tuple[Any, ...]],
    *,
    workers: int = 1,
    dask_address: str | None = None,
    progress: Progress | None = None,
) -> Iterator[ScanResult]:
    """Yield ``func(*task)`` for every task (in completion order) and report progress."""
    total = len(tasks)
    if progress:
        progress(0, total)
    if dask_address:
        yield from _dask(func, tasks, dask_address, progress)
        return
    if workers <= 1 or total <= 1:
        for done, task in enumerate(tasks, start=1):
            yield func(*task)
            if progress:
                progress(done, total)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, total), mp_context=context) as pool:
        futures = [pool.submit(func, *task) for task in tasks]
        for done, future in enumerate(as_completed(futures), start=1):
            yield future.result()
            if progress:
                progress(done, total)


def _dask(
    func: Callable[..., ScanResult],
    tasks: Sequence[tuple[Any, ...]],
    address: str,
    progress: Progress | None,
) -> Iterator[ScanResult]:
    try:
        from distributed import Client
    except ImportError as exc:
        raise RuntimeError("未安裝 dask[distributed] / dask[distributed] is not installed") from exc
    total = len(tasks)
    with Client(address, set_as_default=False) as client:
        futures = [client.submit(func, *task, pure=False) for task in tasks]
        for done, future in enumerate(futures, start=1):
            yield future.result()
            if progress:
                progress(done, total)
