"""Choose a reader by file extension (or sniff), and open ZIP archives with bomb limits."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from ..findings import Skipped
from ..options import ScanOptions
from .delimited import read_delimited
from .encoding import looks_binary
from .jsondoc import read_json, read_jsonl
from .office import read_docx, read_xls, read_xlsx
from .pdf import read_pdf
from .text import read_text
from .units import CORRUPT_REASON, SkipError, Unit

Reader = Callable[[BinaryIO, ScanOptions], Iterator[Unit]]


def _tsv(handle: BinaryIO, opts: ScanOptions) -> Iterator[Unit]:
    return read_delimited(handle, opts, tab=True)


READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".log": read_text,
    ".csv": read_delimited,
    ".tsv": _tsv,
    ".xlsx": read_xlsx,
    ".xlsm": read_xlsx,
    ".xls": read_xls,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}

_NON_TEXT = frozenset(
    [
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".bmp",
        ".ico",
        ".webp",
        ".mp3",
        ".mp4",
        ".avi",
        ".mov",
        ".exe",
        ".dll",
        ".so",
        ".o",
        ".a",
        ".class",
        ".jar",
        ".pyc",
        ".whl",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".7z",
        ".rar",
        ".doc",
        ".ppt",
        ".pptx",
        ".odt",
        ".ods",
        ".sqlite",
        ".db",
        ".bin",
        ".iso",
    ]
)


def extension(name: str) -> str:
    """Return the lower-case extension of a file or archive-member name."""
    base = name.rsplit("/", 1)[-1].rsplit("!", 1)[-1]
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def iter_units(
    label: str, handle: BinaryIO, opts: ScanOptions, depth: int = 0
) -> Iterator[tuple[str, Unit | Skipped]]:
    """Yield ``(location label, unit)``; archive members that fail are yielded as ``Skipped``.

    Raises :class:`SkipError` when ``handle`` itself cannot be read.
    """
    ext = extension(label)
    if ext == ".zip":
        yield from _zip(label, handle, opts, depth)
        return
    if ext in _NON_TEXT:
        raise SkipError(f"不支援的檔案類型 / unsupported file type {ext}")
    reader = READERS.get(ext)
    if reader is None:
        sample = handle.read(8192)
        handle.seek(0)
        if looks_binary(sample):
            raise SkipError("二進位檔案 / binary file")
        reader = read_text
    for unit in reader(handle, opts):
        yield label, unit


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, opts: ScanOptions) -> bytes:
    limit = min(info.file_size, opts.max_size)
    with archive.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise SkipError("解壓縮後大小與宣告不符 / member larger than declared")
    return data


def _zip(label: str, handle: BinaryIO, opts: ScanOptions, depth: int) -> Iterator[tuple[str, Unit | Skipped]]:
    if depth >= opts.zip_max_depth:
        raise SkipError(f"壓縮檔巢狀過深 / archive nested deeper than {opts.zip_max_depth}")
    try:
        archive = zipfile.ZipFile(handle)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise SkipError("ZIP 損毀 / corrupt ZIP archive") from exc
    if len(infos) > opts.zip_max_members:
        raise SkipError(f"ZIP 成員過多 / more than {opts.zip_max_members} members")
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        name = f"{label}!{info.filename}"
        reason = _member_problem(info, opts)
        if reason is None:
            total += info.file_size
            if total > opts.zip_max_total:
                yield name, Skipped(name, "解壓縮總量超過上限 / archive expands beyond the limit")
                return
        if reason is not None:
            yield name, Skipped(name, reason)
            continue
        try:
            data = _read_member(archive, info, opts)
            yield from iter_units(name, io.BytesIO(data), opts, depth + 1)
        except SkipError as exc:
            yield name, Skipped(name, str(exc))
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError):
            yield name, Skipped(name, CORRUPT_REASON)
        except Exception as exc:  # a bad member never stops the archive scan
            yield name, Skipped(name, f"無法解析 / cannot parse ({type(exc).__name__})")


def _member_problem(info: zipfile.ZipInfo, opts: ScanOptions) -> str | None:
    if info.flag_bits & 0x1:
        return "成員已加密 / encrypted member"
    if info.file_size > opts.max_size:
        return "檔案過大 / member larger than max size"
    if info.file_size > 1024 * 1024 and info.file_size / max(info.compress_size, 1) > opts.zip_max_ratio:
        return "壓縮比異常（疑似 ZIP 炸彈）/ expansion ratio too high (zip bomb?)"
    return None
