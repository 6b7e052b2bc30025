"""``mask INPUT OUTPUT``: masked copies of files and database tables (wired into ``shouhu mask``).

Exit codes: 0 done, 1 masking error (unreadable input, target exists), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from typing import TextIO

from ..categories import CATEGORIES
from ..db import is_database_url
from ..hashing import load_key
from .core import ColumnRule, Policy
from .methods import METHODS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shouhu mask",
        description="產生遮罩（隱碼）副本：CSV/TSV、XLSX、JSONL、SQL 傾印檔（含 COPY 的 CSV 格式）、"
        "pg_dump 自訂、tar 或目錄格式封存（輸出為純文字 SQL）或資料庫資料表 / "
        "write a masked copy of a CSV/TSV, XLSX, JSONL or SQL dump file (COPY blocks in text or CSV "
        "format), of a pg_dump custom/tar/directory archive (written as plain SQL), or of database tables",
    )
    parser.add_argument(
        "source",
        metavar="INPUT",
        help="輸入檔、pg_dump -Fd 目錄或資料庫 URL / input file, pg_dump -Fd directory or database URL",
    )
    parser.add_argument("target", metavar="OUTPUT", help="輸出檔或資料庫 URL / output file or database URL")
    parser.add_argument(
        "--default",
        choices=METHODS,
        default="partial",
        help="未指定類別的遮罩方式 / method for categories not given (default: partial)",
    )
    parser.add_argument(
        "--method",
        action="append",
        default=[],
        metavar="CATEGORY=METHOD",
        help="類別的遮罩方式，可重複 / method per category, repeatable (e.g. tw_national_id=pseudonym)",
    )
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="PATTERN=METHOD[:CATEGORY]",
        help="欄位規則，可重複 / column rule, repeatable (e.g. email=hash, note=remove, 'cust_*=keep')",
    )
    parser.add_argument(
        "--table", action="append", default=[], help="只複製這些資料表 / copy only these tables"
    )
    parser.add_argument(
        "--key-file", help="遮罩金鑰檔（與資料分開保存）/ masking key file, kept apart from the data"
    )
    parser.add_argument(
        "--type",
        dest="kind",
        help="檔案類型 csv/tsv/xlsx/jsonl/sql/pgdump（預設依副檔名與內容）/ "
        "file type csv/tsv/xlsx/jsonl/sql/pgdump (default: by extension and content)",
    )
    return parser


def _pairs(items: list[str], what: str) -> list[tuple[str, str]]:
    out = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name or not value:
            raise ValueError(f"{what} 格式應為 名稱=方式 / {what} must be NAME=METHOD: {item}")
        out.append((name.strip(), value.strip()))
    return out


def build_policy(args: argparse.Namespace, key: bytes) -> Policy:
    methods = dict(_pairs(args.method, "--method"))
    for category in methods:
        if category not in CATEGORIES:
            raise ValueError(f"未知的類別 / unknown category: {category}")
    rules = []
    for pattern, spec in _pairs(args.column, "--column"):
        method, _, category = spec.partition(":")
        if category and category not in CATEGORIES:
            raise ValueError(f"未知的類別 / unknown category: {category}")
        rules.append(ColumnRule(pattern, method, category or None))
    return Policy(key=key, methods=methods, default=args.default, columns=rules)


def failure_text(exc: BaseException) -> str:
    """Why masking failed, in zh-TW and English: the operating system's own words are English only, and
    a driver's or parser's message may quote the data, so those give their type and the path at most."""
    name = getattr(exc, "filename", None)
    where = f": {name}" if name else ""
    if isinstance(exc, FileNotFoundError):
        return f"找不到檔案或資料夾 / file or folder not found{where}"
    if isinstance(exc, IsADirectoryError):
        return f"這是資料夾，不是檔案 / this is a folder, not a file{where}"
    if isinstance(exc, NotADirectoryError):
        return f"路徑中有一段不是資料夾 / a part of the path is not a folder{where}"
    if isinstance(exc, PermissionError):
        return f"沒有讀寫權限 / permission denied{where}"
    if isinstance(exc, OSError):
        return f"無法讀寫檔案 / cannot read or write the file ({type(exc).__name__}){where}"
    if isinstance(exc, zipfile.BadZipFile):
        return "內容不是有效的 XLSX 活頁簿（ZIP 結構損毀）/ not a valid XLSX workbook (damaged ZIP structure)"
    if isinstance(exc, UnicodeError):
        return f"文字無法以偵測到的編碼解讀 / the text cannot be decoded in the detected encoding ({exc.__class__.__name__})"
    if isinstance(exc, ModuleNotFoundError):
        return f"缺少所需的模組 / a required module is missing: {exc.name}"
    sqlalchemy_error = type(exc).__module__.partition(".")[0] == "sqlalchemy"
    if sqlalchemy_error and type(exc).__name__ == "NoSuchModuleError":
        return "不支援的資料庫種類（請用 postgresql://、mysql:// 或 sqlite:///）/ unsupported kind of database (use postgresql://, mysql:// or sqlite:///)"
    if sqlalchemy_error and type(exc).__name__ == "ArgumentError":
        return "資料庫 URL 格式有誤 / malformed database URL"
    if sqlalchemy_error and not isinstance(exc, ValueError):
        return f"無法連線或讀寫資料庫 / cannot connect to or use the database ({type(exc).__name__})"
    if isinstance(exc, ValueError):
        return str(exc)  # the engine's own refusals, already in both languages
    return type(exc).__name__


def main(argv: list[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        key, persistent = load_key(args.key_file, env="SHOUHU_PII_MASK_KEY")
        policy = build_policy(args, key)
        if not persistent:
            print(
                "未提供遮罩金鑰：假名與雜湊僅在本次執行內一致。 / No masking key: pseudonyms and hashes are "
                "consistent within this run only.",
                file=err,
            )
        if is_database_url(args.source):
            from .database import mask_database

            counts = mask_database(args.source, args.target, policy, tables=args.table or None)
        else:
            from .files import mask_file

            counts = mask_file(args.source, args.target, policy, kind=args.kind)
    except Exception as exc:  # a driver or parser error: its type only (messages may carry data)
        print(f"遮罩失敗 / masking failed: {failure_text(exc)}", file=err)
        return 1
    total = sum(counts.values())
    print(f"已遮罩 {total} 個值 / masked {total} values", file=out)
    for category, n in sorted(counts.items()):
        print(f"  {category}: {n}", file=out)
    unmasked = sum(policy.unmasked_numbers.values())
    print(
        f"未遮罩的 7 位數以上整數 {unmasked} 個 / integers of 7+ digits left unmasked: {unmasked}",
        file=out,
    )
    for column, n in sorted(policy.unmasked_numbers.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {column}: {n}", file=out)
    if unmasked:
        print(
            "注意：上列欄位沒有規則、也未辨識為個資，但可能是識別碼（如存成數字的電話），請確認，"
            "必要時以 --column 指定規則 / note: no rule covered the columns above and nothing recognised "
            "their values, yet they may be identifiers (a phone stored as a number); check them and add "
            "a --column rule",
            file=err,
        )
    for note in policy.all_notes():
        print(f"注意 / note: {note}", file=err)
    return 0
