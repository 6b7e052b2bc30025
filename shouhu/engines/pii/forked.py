"""Worker processes forked from the scanning process, sharing one list of tasks with it.

A fork takes a few milliseconds and the worker starts with everything this process has loaded
(the engine, the compiled prefilter, warm caches), where a fork server's worker imports the engine
and warms up again (about 0.2 s before it scans, more on a busy machine). Forking is safe only
while this process runs no other thread (a thread may hold a lock the child would inherit held),
so :func:`ready` says when it may be used; a web worker or a Dask worker runs threads and keeps the
fork server (``parallel._shared``).

This process takes tasks from the end of the list and the workers from the front, one at a time
from a counter pair in shared memory, so all finish within one task of each other. A worker writes
each result as soon as it is done (pickled, see :class:`_Worker`), and this process unpickles them
between its own tasks.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

from .findings import ScanResult

if TYPE_CHECKING:
    from .parallel import _GroupProgress

#: Work that would take this process at least this many CPU seconds alone is worth a forked worker:
#: a fork and its results' pickling cost a few milliseconds, but on a busy machine the worker may
#: wait for a core, so it must stand to save much more than it costs.
FORK_WORTH_SECONDS: Final = 0.1

_PAIR = struct.Struct("<qq")


def ready() -> bool:
    """Whether workers may be forked from this process: a POSIX system, fork chosen (the default
    of ``SHOUHU_PII_START``), and no thread but this one (a fork copies only the calling thread)."""
    if not hasattr(os, "fork") or os.environ.get("SHOUHU_PII_START", "fork") != "fork":
        return False
    threading = sys.modules.get("threading")  # not imported: no thread was started with it
    return threading is None or threading.active_count() == 1


class _Counter:
    """The next task from the front and one past the last from the end, shared with forked workers.

    Guarded by a POSIX record lock on a temporary file: it is held per process (so this process and
    its workers exclude each other) and released by the kernel if its holder dies.
    """

    def __init__(self, count: int) -> None:
        import mmap
        import tempfile

        self.shared = mmap.mmap(-1, _PAIR.size)  # anonymous and shared: forked workers see the same bytes
        _PAIR.pack_into(self.shared, 0, 0, count)
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()

    def take(self, front: bool) -> int:
        """Return the next task's index (from the front or the end), or -1 when none is left."""
        import fcntl

        fcntl.lockf(self.file, fcntl.LOCK_EX)
        try:
            low, high = _PAIR.unpack_from(self.shared, 0)
            if low >= high:
                return -1
            if front:
                index, low = low, low + 1
            else:
                high -= 1
                index = high
            _PAIR.pack_into(self.shared, 0, low, high)
            return int(index)
        finally:
            fcntl.lockf(self.file, fcntl.LOCK_UN)

    def left(self) -> range:
        """The indexes no process has taken yet."""
        low, high = _PAIR.unpack_from(self.shared, 0)
        return range(low, max(low, high))

    def close(self) -> None:
        self.file.close()
        self.shared.close()


class _Worker:
    """A forked worker as this process sees it: its process id, the file it writes its results to
    and the pipe on which it says where each one is (two numbers: offset and length).

    The results go to a file, not the pipe: a pipe holds 64 KiB, a dense range's findings over a
    megabyte, so a worker writing them there would wait until this process, busy with its own task,
    read them; the pipe only carries 16-byte notes, read here between tasks without a thread.
    """

    def __init__(self, pid: int, notes: int, results: int) -> None:
        self.pid = pid
        self.notes = notes
        self.results = results
        self.pending = b""
        self.ended = False
        os.set_blocking(notes, False)

    def ready(self) -> list[bytes]:
        """Return the results the worker has finished since the last call (without waiting)."""
        try:
            data = os.read(self.notes, 1 << 16)
        except BlockingIOError:
            return []
        if not data:
            self.ended = True
            return []
        self.pending += data
        whole = len(self.pending) - len(self.pending) % _PAIR.size
        notes, self.pending = self.pending[:whole], self.pending[whole:]
        return [os.pread(self.results, length, offset) for offset, length in _PAIR.iter_unpack(notes)]

    def close(self) -> None:
        os.close(self.notes)
        os.close(self.results)


def _results_file() -> int:
    """A file in memory (or a temporary one) for a worker's results."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("shouhu-pii-results", os.MFD_CLOEXEC)
    import tempfile

    handle = tempfile.TemporaryFile()  # noqa: SIM115 - its descriptor is kept, the object let go
    return os.dup(handle.fileno())


def _work(
    func: Callable[..., ScanResult],
    tasks: Sequence[tuple[Any, ...]],
    counter: _Counter,
    notes: int,
    results: int,
) -> None:
    """A forked worker's life: take tasks from the front and send each result (or the error) back."""
    offset = 0
    while (index := counter.take(front=True)) >= 0:
        error = None
        try:
            payload = pickle.dumps((index, func(*tasks[index]), None), pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # handed to this task's collector, raised there
            error = exc
            try:
                payload = pickle.dumps((index, None, exc), pickle.HIGHEST_PROTOCOL)
            except Exception:  # an error that cannot be pickled: its type and message
                payload = pickle.dumps((index, None, RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(payload)
        while view:
            view = view[os.pwrite(results, view, offset + len(payload) - len(view)) :]
        os.write(notes, _PAIR.pack(offset, len(payload)))  # 16 bytes: written whole (PIPE_BUF)
        offset += len(payload)
        if error is not None:
            return


def _fork(func: Callable[..., ScanResult], tasks: Sequence[tuple[Any, ...]], counter: _Counter) -> _Worker:
    """Fork one worker."""
    read, write = os.pipe()
    results = _results_file()
    pid = os.fork()
    if pid == 0:  # the worker: never returns into the caller's code, runs no exit handler
        code = 0
        try:
            os.close(read)
            _work(func, tasks, counter, write, results)
        except BaseException:  # interrupted (Ctrl-C) or the pipe closed: just end
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    return _Worker(pid, read, results)


def run_forked(
    func: Callable[..., ScanResult],
    tasks: Sequence[tuple[Any, ...]],
    workers: int,
    report: _GroupProgress,
    *,
    now: bool,
    sizes: Sequence[int] | None = None,
) -> Iterator[ScanResult]:
    """Yield ``func(*task)`` for every task, on this process and up to ``workers - 1`` forked ones.

    With ``now`` the workers are forked at once (the caller measured that the work is worth it);
    otherwise this process starts alone, from the end of the list (the smallest tasks: the caller
    puts the biggest first), and forks them as soon as the CPU time of its tasks so far, scaled to
    the bytes (``sizes``, else the number of tasks) left, reaches :data:`FORK_WORTH_SECONDS`: a scan
    that is quick alone starts no process.
    """
    counter = _Counter(len(tasks))
    children: list[_Worker] = []
    mine: set[int] = set()
    received: set[int] = set()
    weights = sizes if sizes is not None else [1] * len(tasks)
    left = sum(weights)
    done = 0
    spent = 0.0

    def collected(payload: bytes) -> ScanResult:
        index, result, error = pickle.loads(payload)  # noqa: S301 - our own worker's bytes
        received.add(index)
        if error is not None:
            raise error
        report.finished(index)
        return result

    try:
        while True:
            for child in children:
                for payload in child.ready():
                    yield collected(payload)
            if not children and (now or (done and spent * left / done >= FORK_WORTH_SECONDS)) and ready():
                for _ in range(min(workers - 1, len(counter.left()))):
                    children.append(_fork(func, tasks, counter))
            index = counter.take(front=False)
            if index < 0:
                break
            mine.add(index)
            begun = time.thread_time()
            result = func(*tasks[index])
            spent += time.thread_time() - begun
            done += weights[index]
            left -= weights[index]
            yield result
            report.finished(index)
        import select

        while waiting := [child for child in children if not child.ended]:
            select.select([child.notes for child in waiting], [], [])
            for child in waiting:
                for payload in child.ready():
                    yield collected(payload)
        # a worker that died (killed) leaves its task undone: this process scans what is missing
        for index in range(len(tasks)):
            if index not in mine and index not in received:
                yield func(*tasks[index])
                report.finished(index)
    finally:
        for child in children:
            if not child.ended:  # stopped early (an error, or the caller stopped reading)
                _kill(child.pid)
            os.waitpid(child.pid, 0)  # reaped: its CPU counts as this scan's (RUSAGE_CHILDREN)
            child.close()
        counter.close()


def _kill(pid: int) -> None:
    import signal

    with contextlib.suppress(ProcessLookupError):  # already gone
        os.kill(pid, signal.SIGKILL)
