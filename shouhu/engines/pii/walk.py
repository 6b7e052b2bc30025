"""Directory walking with include/exclude globs and size limits."""

from __future__ import annotations

import fnmatch
import os

from .findings import Skipped
from .options import ScanOptions


def _matches(rel: str, patterns: tuple[str, ...]) -> bool:
    base = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(base, p) for p in patterns)


def list_files(root: str, opts: ScanOptions) -> tuple[list[tuple[str, int]], list[Skipped]]:
    """Return ``([(path, size)], skipped)`` for a file or a directory tree, in sorted order."""
    skipped: list[Skipped] = []
    if os.path.isfile(root):
        return [(root, os.path.getsize(root))], skipped
    if not os.path.isdir(root):
        raise FileNotFoundError(root)
    files: list[tuple[str, int]] = []

    def on_error(exc: OSError) -> None:
        skipped.append(Skipped(str(exc.filename), _os_reason(exc)))

    for directory, dirs, names in os.walk(root, onerror=on_error):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(directory, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if opts.include and not _matches(rel, opts.include):
                continue
            if opts.exclude and _matches(rel, opts.exclude):
                continue
            try:
                size = os.stat(path).st_size
            except OSError as exc:
                skipped.append(Skipped(path, _os_reason(exc)))
                continue
            if not os.path.isfile(path):
                continue
            if size > opts.max_size:
                skipped.append(Skipped(path, f"檔案過大 / larger than {opts.max_size} bytes"))
                continue
            files.append((path, size))
    return files, skipped


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "權限不足 / permission denied"
    if isinstance(exc, FileNotFoundError):
        return "檔案已消失 / file vanished"
    return f"讀取錯誤 / read error ({exc.strerror or type(exc).__name__})"
