"""Run scan tasks in this process, in a process pool, or on a Dask distributed cluster.

Every task returns a :class:`ScanResult`; the caller merges and sorts them, so the final result
does not depend on how the work was partitioned or on completion order.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .findings import ScanResult

Progress = Callable[[int, int], None]

#: On several local workers, this process scans alone for this many seconds (wall: a database
#: scan's tasks mostly wait for the database) before it starts the pool (unless told to start it at once): a scan done by then never starts a process, so two
#: workers are never slower than one on small work (a pool takes about 0.2 s to start).
POOL_DELAY_SECONDS = 0.05


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
    pool_now: bool = False,
    forkable: bool = False,
    sizes: Sequence[int] | None = None,
) -> Iterator[ScanResult]:
    """Yield ``func(*task)`` for every task (in completion order) and report progress.

    ``groups`` (one number per task) makes progress count groups of tasks (files) instead of tasks.
    On several local workers the pool starts after :data:`POOL_DELAY_SECONDS` of work left, or at
    once with ``pool_now`` (the caller measured that the work is worth it).

    ``forkable`` says that the tasks are CPU work that may run in processes forked from this one:
    when this process runs no other thread (``forked.ready``), the workers are forked (at once with
    ``pool_now``, else when the CPU time of the tasks done here says the rest is worth it, scaled by
    ``sizes``, the bytes of each task) instead of started from a fork server.
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
    if forkable:
        from . import forked  # imported only for a scan on several workers

        if forked.ready():
            yield from forked.run_forked(func, tasks, workers, report, now=pool_now, sizes=sizes)
            return
    yield from _shared(func, tasks, workers, report, pool_now)


def _ready() -> bool:
    """A task that only says a worker process is up (its engine imported)."""
    return True


def _shared(
    func: Callable[..., ScanResult],
    tasks: Sequence[tuple[Any, ...]],
    workers: int,
    report: _GroupProgress,
    pool_now: bool = False,
) -> Iterator[ScanResult]:
    """Run the tasks on ``workers`` processes: this one and a pool of ``workers - 1``.

    This process scans too, taking tasks from the end of the list (the smallest: the caller puts
    the biggest first), while a feeder thread hands tasks from the front to the pool, a few at a
    time, only once a pool worker has started (a fork server and its first worker take about
    0.2 s to import the engine). The pool itself starts only when tasks are left after
    :data:`POOL_DELAY_SECONDS` here (or at once with ``pool_now``): a tiny scan starts no process.
    When this process finishes everything before a pool worker is up, the starting workers are
    terminated instead of waited for (and reaped, so their CPU still counts as the scan's); big
    scans keep every process busy, and this process, instead of waiting, scans while it collects
    the pool's results (which are sorted where they were scanned).
    """
    # imported here: a one-worker scan (and every worker process) does without them (~30 ms)
    import queue
    import threading

    if TYPE_CHECKING:
        from concurrent.futures import Future, ProcessPoolExecutor

    pending = deque(range(len(tasks)))
    lock = threading.Lock()
    done: queue.SimpleQueue[tuple[int, Future[ScanResult]]] = queue.SimpleQueue()
    helpers = min(workers - 1, len(tasks))
    slots = threading.Semaphore(2 * helpers)  # tasks in flight: each pool worker has the next one queued
    submitted = 0
    started = False  # a pool worker is up and the feeder hands it tasks
    closing = threading.Event()  # set when this process is done and no pool worker took a task

    def finished(index: int) -> Callable[[Future[ScanResult]], None]:
        def put(future: Future[ScanResult]) -> None:
            done.put((index, future))
            slots.release()

        return put

    def feed(pool: ProcessPoolExecutor) -> None:
        nonlocal submitted, started
        try:
            ready = pool.submit(_ready)  # starts the worker processes
            if closing.is_set():  # this process finished meanwhile and may have missed them
                _terminate(pool)
            ready.result()
        except BaseException:  # the pool is gone (shut down or broken): this process scans all
            return
        with lock:
            if not pending:
                return  # all done here meanwhile
            started = True
        while True:
            slots.acquire()
            with lock:
                if not pending:
                    return
                index = pending.popleft()
                submitted += 1
            try:
                future = pool.submit(func, *tasks[index])
            except BaseException as exc:  # handed to the collecting loop, raised there
                from concurrent.futures import Future

                future = Future()
                future.set_exception(exc)
            future.add_done_callback(finished(index))

    def start_pool() -> ProcessPoolExecutor:
        # imported only for a pool: a scan done alone does without multiprocessing (~15 ms)
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=helpers, mp_context=_pool_context(func))
        threading.Thread(target=feed, args=(pool,), name="shouhu-pii-feeder", daemon=True).start()
        return pool

    pools: list[ProcessPoolExecutor] = []  # the pool, once started (by the timer's thread or here)
    over = False  # this process is done: no pool may start any more

    def maybe_start() -> None:
        with lock:
            if not over and pending and not pools:
                pools.append(start_pool())

    # A timer, not a check between tasks: this process may be inside one long task (a big file that is
    # not split in ranges) when the time is up, and the pool must start then, not after it.
    timer = threading.Timer(0.0 if pool_now else POOL_DELAY_SECONDS, maybe_start)
    timer.daemon = True
    timer.start()
    received = 0
    try:
        while True:
            while not done.empty():
                index, future = done.get()
                received += 1
                yield future.result()
                report.finished(index)
            with lock:
                index = pending.pop() if pending else -1
            if index < 0:
                break
            yield func(*tasks[index])
            report.finished(index)
        with lock:
            waiting = submitted - received
        for _ in range(waiting):
            index, future = done.get()
            yield future.result()
            report.finished(index)
    finally:
        timer.cancel()
        with lock:
            over = True
            pending.clear()  # the feeder submits nothing more
            idle = not started
            pool = pools[0] if pools else None
        slots.release()  # and does not wait for a slot
        if pool is not None:
            if idle:  # no worker has taken a task: stop the starting ones instead of waiting
                closing.set()
                _terminate(pool)
            # every task handed to the pool is done: its processes end here, so their CPU is
            # counted as this scan's (RUSAGE_CHILDREN)
            pool.shutdown(wait=True, cancel_futures=True)


def _terminate(pool: Any) -> None:
    """Terminate and reap a process pool's worker processes (none has a task)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join()


def _pool_context(func: Callable[..., Any]) -> Any:
    """Where worker processes come from: a fork server that has imported the task's module once
    (each worker is forked from it with the engine loaded; a spawned worker imports it again,
    about 0.13 s of CPU each), else fresh interpreters (spawn). Neither inherits the caller's
    threads, open connections or Django state, as a plain fork would."""
    import multiprocessing

    # "fork" (the default) comes here when this process runs threads (see forked.ready)
    if os.environ.get("SHOUHU_PII_START", "fork") in ("fork", "forkserver"):
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
