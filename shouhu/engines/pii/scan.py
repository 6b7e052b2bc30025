"""Scanning paths: list files, run them (locally, in parallel or on Dask), merge the results."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any, Final

from . import forked
from .collection import fewer_collections
from .files import NOT_FAST, PIECE_BYTES, TextRange, head_range, plan_ranges, rest_range, scan_part, text_rate
from .findings import ScanResult
from .options import MIB, ScanOptions
from .parallel import Progress, run_tasks
from .walk import list_files

#: A scan on several workers starts its pool only when the work left is worth this many seconds of
#: one process: starting the pool takes about 0.2 s (a fork server importing the engine) and the
#: big files must be read once more to be planned in ranges, so a smaller scan is faster alone.
POOL_WORTH_SECONDS: Final = 0.5
#: Above this many bytes a scan on several workers starts its pool at once, without measuring.
POOL_AT_ONCE_BYTES: Final = 64 * MIB
#: Above this many bytes a scan on several forked workers forks them at once, without measuring:
#: even text without any finding (the fastest, over 100 MB/s) takes longer than a fork costs.
FORK_AT_ONCE_BYTES: Final = 8 * MIB
#: On forked workers a big text file is cut into ranges of about this many CPU seconds (at the rate
#: ``files.text_rate`` measured), at least ``files.PIECE_BYTES``, at most one of the fast path's blocks.
PIECE_SECONDS: Final = 0.03


def iter_scan_path(
    target: str,
    *,
    key: bytes,
    options: ScanOptions | None = None,
    workers: int = 1,
    dask_address: str | None = None,
    progress: Progress | None = None,
) -> Iterator[ScanResult]:
    """Yield partial results (plus one for walk errors), in completion order.

    Each file gives one result, except that on several workers (or Dask) a big UTF-8 text file is
    scanned in line ranges that give one result each (see ``files.plan_ranges``): workers then
    share a big file and hand their findings back piece by piece. ``progress`` counts files.

    On several local workers forked from this process (when it runs no other thread, see
    ``forked.ready``), see :func:`_forked`. Otherwise (a fork server's pool),
    a scan of up to :data:`POOL_AT_ONCE_BYTES` first scans the first block
    of its biggest text file in this process and times it: when the rest would take this process
    less than :data:`POOL_WORTH_SECONDS`, it scans the rest alone (two workers are then never slower
    than one); otherwise it plans the ranges and starts the pool. Without such a file the pool starts
    only if work is left after a moment (see ``parallel.run_tasks``). The findings are the same either way.
    """
    opts = options or ScanOptions()
    files, skipped = list_files(target, opts)
    if skipped:
        yield ScanResult(skipped=skipped)
    files.sort(key=lambda f: (-f[1], f[0]))  # biggest first balances the workers
    if files and workers > 1 and dask_address is None and forked.ready():
        yield from _forked(files, key, opts, workers, progress)
        return
    split = workers > 1 or dask_address is not None
    head: tuple[TextRange, int] | None = None
    head_result: ScanResult | None = None
    total = sum(size for _, size in files)
    if files and workers > 1 and dask_address is None and total <= POOL_AT_ONCE_BYTES:
        head = head_range(files[0][0], opts)
        if head is not None:
            begun = time.thread_time()  # the work it took, not how busy the machine is
            head_result = scan_part(files[0][0], key, opts, head[0])
            seconds = max(time.thread_time() - begun, 1e-6)
            left = total - (head[0].end - head[0].start)
            if left * seconds / (head[0].end - head[0].start) < POOL_WORTH_SECONDS:
                yield from _alone(files, key, opts, head, head_result, progress)
                return
    tasks: list[tuple[Any, ...]] = []
    groups: list[int] = []
    for number, (path, _) in enumerate(files):
        if number == 0 and head is not None:
            ranges = plan_ranges(path, opts, after=head)
            if ranges is None:  # the rest cannot be read in ranges: the whole file again, as one task
                head = head_result = None
        else:
            ranges = plan_ranges(path, opts) if split else None
        for part in ranges or (None,):
            tasks.append((path, key, opts) if part is None else (path, key, opts, part))
            groups.append(number)
    # measured (or big enough) to be worth a pool: start it at once; otherwise the pool starts
    # only when work is left after a moment alone (parallel.POOL_DELAY_SECONDS)
    pool_now = head_result is not None or total > POOL_AT_ONCE_BYTES
    if head_result is not None:
        yield head_result
    yield from run_tasks(
        scan_part,
        tasks,
        workers=workers,
        dask_address=dask_address,
        progress=progress,
        groups=groups,
        pool_now=pool_now,
    )


def _forked(
    files: list[tuple[str, int]], key: bytes, opts: ScanOptions, workers: int, progress: Progress | None
) -> Iterator[ScanResult]:
    """Scan on this process and workers forked from it (``forked.run_forked``).

    Above :data:`FORK_AT_ONCE_BYTES`, or when the first lines of the biggest file (text) say that the
    whole scan is worth a worker (``files.text_rate``), the big text files are planned in ranges and
    the workers forked at once. Otherwise the files are scanned whole, this process starts alone
    with the smallest, and forks the workers only if the time its files took says the rest is worth
    it (mid-size tables, whose rate only scanning them tells): a small scan starts no process.
    """
    total = sum(size for _, size in files)
    rate = text_rate(files[0][0], key, opts)
    now = total >= FORK_AT_ONCE_BYTES or (rate is not None and rate * total >= forked.FORK_WORTH_SECONDS)
    # ranges of about PIECE_SECONDS each at the measured rate (whole blocks for sparse text, where
    # a smaller range would cost more per byte than the processes would gain at the end)
    piece = max(PIECE_BYTES, int(PIECE_SECONDS / rate)) if rate is not None else PIECE_BYTES
    tasks: list[tuple[Any, ...]] = []
    groups: list[int] = []
    sizes: list[int] = []
    for number, (path, size) in enumerate(files):
        for part in (plan_ranges(path, opts, piece=piece) if now else None) or (None,):
            tasks.append((path, key, opts) if part is None else (path, key, opts, part))
            groups.append(number)
            sizes.append(size if part is None else part.end - part.start)
    yield from run_tasks(
        scan_part,
        tasks,
        workers=workers,
        progress=progress,
        groups=groups,
        pool_now=now,
        forkable=True,
        sizes=sizes,
    )


def _alone(
    files: list[tuple[str, int]],
    key: bytes,
    opts: ScanOptions,
    head: tuple[TextRange, int],
    head_result: ScanResult,
    progress: Progress | None,
) -> Iterator[ScanResult]:
    """Scan the rest in this process: the first file's rest as one range, the others whole."""
    if progress:
        progress(0, len(files))
    path = files[0][0]
    rest = scan_part(path, key, opts, rest_range(head))
    if any(s.reason == NOT_FAST for s in rest.skipped):  # the regular reader must read it: whole
        yield scan_part(path, key, opts)
    else:
        yield head_result
        yield rest
    if progress:
        progress(1, len(files))
    for number, (other, _) in enumerate(files[1:], start=2):
        yield scan_part(other, key, opts)
        if progress:
            progress(number, len(files))


@fewer_collections()
def scan_path(
    target: str,
    *,
    key: bytes,
    options: ScanOptions | None = None,
    workers: int = 1,
    dask_address: str | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Scan a file or directory tree and return the merged, canonically sorted result.

    Every part comes back already in order (sorted where it was scanned), so merging joins them
    instead of sorting all findings again in this process.
    """
    return ScanResult.merge(
        iter_scan_path(
            target, key=key, options=options, workers=workers, dask_address=dask_address, progress=progress
        )
    )
