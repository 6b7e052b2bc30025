"""Scanning paths: list files, run them (locally, in parallel or on Dask), merge the results."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .files import plan_ranges, scan_part
from .findings import ScanResult
from .options import ScanOptions
from .parallel import Progress, run_tasks
from .walk import list_files


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
    """
    opts = options or ScanOptions()
    files, skipped = list_files(target, opts)
    if skipped:
        yield ScanResult(skipped=skipped)
    files.sort(key=lambda f: (-f[1], f[0]))  # biggest first balances the workers
    tasks: list[tuple[Any, ...]] = []
    groups: list[int] = []
    split = workers > 1 or dask_address is not None
    for number, (path, _) in enumerate(files):
        ranges = plan_ranges(path, opts) if split else None
        for part in ranges or (None,):
            tasks.append((path, key, opts) if part is None else (path, key, opts, part))
            groups.append(number)
    yield from run_tasks(
        scan_part, tasks, workers=workers, dask_address=dask_address, progress=progress, groups=groups
    )


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
