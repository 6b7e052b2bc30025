"""Scanning paths: list files, run them (locally, in parallel or on Dask), merge the results."""

from __future__ import annotations

from collections.abc import Iterator

from .files import scan_file
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
    """Yield one partial result per file (plus one for walk errors), in completion order."""
    opts = options or ScanOptions()
    files, skipped = list_files(target, opts)
    if skipped:
        yield ScanResult(skipped=skipped)
    files.sort(key=lambda f: (-f[1], f[0]))  # biggest first balances the workers
    tasks = [(path, key, opts) for path, _ in files]
    yield from run_tasks(scan_file, tasks, workers=workers, dask_address=dask_address, progress=progress)


def scan_path(
    target: str,
    *,
    key: bytes,
    options: ScanOptions | None = None,
    workers: int = 1,
    dask_address: str | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Scan a file or directory tree and return the merged, canonically sorted result."""
    result = ScanResult()
    for part in iter_scan_path(
        target, key=key, options=options, workers=workers, dask_address=dask_address, progress=progress
    ):
        result.extend(part)
    result.sort()
    return result
