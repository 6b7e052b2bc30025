"""Command line: ``scan PATH_OR_DB_URL`` (wired into ``shouhu scan`` by the project CLI).

Exit codes: 0 success (findings or not), 1 scan error (path missing, database unreachable),
2 bad arguments.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TextIO

from .db import DatabaseError, is_database_url, scan_database
from .findings import ScanResult
from .hashing import load_key
from .options import MIB, ScanOptions
from .output import write_csv, write_json, write_jsonl, write_table
from .scan import scan_path

RANDOM_KEY_NOTE = (
    "未提供 HMAC 金鑰（--key-file 或 SHOUHU_PII_HMAC_KEY），本次使用隨機金鑰：不重複計數僅在本次執行內有效。"
    " / No HMAC key given; a random per-run key was used: distinct counts are valid for this run only."
)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (help in zh-TW first, then English)."""
    parser = argparse.ArgumentParser(
        prog="shouhu-pii",
        description="守護個資盤點掃描 / Shouhu personal-data discovery",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    scan = sub.add_parser(
        "scan",
        help="掃描檔案、目錄或資料庫 / scan a file, directory or database",
        description="掃描檔案、目錄或資料庫（SQLAlchemy URL）中的個人資料 / "
        "scan files, directories or a database (SQLAlchemy URL) for personal data",
    )
    scan.add_argument("target", metavar="PATH_OR_DB_URL", help="路徑或資料庫 URL / path or database URL")
    scan.add_argument(
        "--format",
        choices=("table", "json", "jsonl", "csv"),
        default="table",
        help="輸出格式 / output format (default: table)",
    )
    scan.add_argument("--workers", type=int, default=1, help="平行處理程序數 / worker processes (default 1)")
    scan.add_argument(
        "--sample",
        type=int,
        default=1000,
        help="每個資料表抽樣列數，0 表示全表掃描 / rows sampled per table, 0 = full scan (default 1000)",
    )
    scan.add_argument(
        "--dask", metavar="ADDRESS", help="Dask 排程器位址 / Dask scheduler, e.g. tcp://host:8786"
    )
    scan.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="只掃描符合的檔案 / only matching files",
    )
    scan.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB", help="排除符合的檔案 / skip matching files"
    )
    scan.add_argument(
        "--max-size",
        type=int,
        default=1024 * MIB,
        metavar="BYTES",
        help="略過大於此大小的檔案 / skip files larger than BYTES",
    )
    scan.add_argument(
        "--key-file",
        metavar="F",
        help="HMAC 金鑰檔（否則讀 SHOUHU_PII_HMAC_KEY，再否則隨機）/ HMAC key file "
        "(else env SHOUHU_PII_HMAC_KEY, else a random per-run key)",
    )
    return parser


def _progress_bar(stream: TextIO) -> Callable[[int, int], None] | None:
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        stream.write(f"\r掃描中 / scanning [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show


def main(argv: list[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the CLI and return the exit code (never calls ``sys.exit``)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.workers < 1 or args.sample < 0 or args.max_size < 1:
        err.write("參數錯誤：--workers、--max-size 須為正數，--sample 不可為負 / invalid numeric option\n")
        return 2
    try:
        key, persistent = load_key(args.key_file)
    except (OSError, ValueError) as exc:
        err.write(f"無法讀取金鑰檔 / cannot read key file: {type(exc).__name__}\n")
        return 2
    if not persistent:
        err.write(RANDOM_KEY_NOTE + "\n")
    options = ScanOptions(include=tuple(args.include), exclude=tuple(args.exclude), max_size=args.max_size)
    progress = _progress_bar(err)
    try:
        if is_database_url(args.target):
            result = scan_database(
                args.target,
                key=key,
                sample=args.sample or None,
                options=options,
                workers=args.workers,
                dask_address=args.dask,
                progress=progress,
            )
        elif not os.path.exists(args.target):
            err.write(f"找不到路徑 / path not found: {args.target}\n")
            return 1
        else:
            result = scan_path(
                args.target,
                key=key,
                options=options,
                workers=args.workers,
                dask_address=args.dask,
                progress=progress,
            )
    except DatabaseError as exc:
        err.write(f"{exc}\n")
        return 1
    except (OSError, RuntimeError) as exc:
        err.write(f"掃描失敗 / scan failed: {type(exc).__name__}\n")
        return 1
    result.key_is_persistent = persistent
    _write(result, args.format, out, None if persistent else RANDOM_KEY_NOTE)
    return 0


def _write(result: ScanResult, fmt: str, out: TextIO, note: str | None) -> None:
    if fmt == "jsonl":
        write_jsonl(result, out)
    elif fmt == "json":
        write_json(result, out, key_note=note)
    elif fmt == "csv":
        write_csv(result, out)
    else:
        write_table(result, out)


if __name__ == "__main__":
    raise SystemExit(main())
