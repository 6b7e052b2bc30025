"""Fuzzing the file readers: arbitrary or mutated bytes never raise out of ``scan_file``."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import ScanOptions
from shouhu.engines.pii.files import scan_file
from shouhu.engines.pii.findings import ScanResult
from shouhu.engines.pii.readers import CORRUPT_REASON

EXTENSIONS = [".txt", ".csv", ".tsv", ".json", ".jsonl", ".xlsx", ".xls", ".docx", ".pdf", ".zip", ".dat"]
OPTS = ScanOptions(max_line_chars=10_000)


def _scan_bytes(data: bytes, ext: str) -> ScanResult:
    fd, path = tempfile.mkstemp(suffix=ext)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return scan_file(path, b"k", OPTS)
    finally:
        os.unlink(path)


def _seed_files() -> dict[str, bytes]:
    import docx
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["姓名", "手機"])
    book.active.append(["王小明", "0912345678"])
    xlsx = io.BytesIO()
    book.save(xlsx)
    document = docx.Document()
    document.add_paragraph("身分證A123456789")
    docx_bytes = io.BytesIO()
    document.save(docx_bytes)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.csv", "email\na@b.com\n")
    return {".xlsx": xlsx.getvalue(), ".docx": docx_bytes.getvalue(), ".zip": archive.getvalue()}


SEEDS = _seed_files()


def _unclassified(result: ScanResult) -> list[str]:
    """Skip reasons that fell through to the generic handler (a reader bug to classify)."""
    return [s.reason for s in result.skipped if "cannot parse" in s.reason]


# Crashers found by the fuzzer (zlib.error, BadZipFile, NotImplementedError escaping the readers).


def _corrupt_deflate(data: bytes, member: str) -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    broken = bytearray(data)
    for i in range(start, start + min(info.compress_size, 16)):
        broken[i] ^= 0xFF
    return bytes(broken)


def test_crasher_xlsx_with_broken_deflate_stream_is_skipped_as_corrupt() -> None:
    data = _corrupt_deflate(SEEDS[".xlsx"], "xl/worksheets/sheet1.xml")
    assert [s.reason for s in _scan_bytes(data, ".xlsx").skipped] == [CORRUPT_REASON]


def test_crasher_zip_member_with_broken_deflate_stream_is_skipped_as_corrupt() -> None:
    data = _corrupt_deflate(SEEDS[".zip"], "a.csv")
    assert [s.reason for s in _scan_bytes(data, ".zip").skipped] == [CORRUPT_REASON]


def test_crasher_zip_member_with_unknown_compression_method_is_skipped_as_corrupt() -> None:
    data = bytearray(SEEDS[".zip"])
    for sig, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.find(sig) + offset
        data[at : at + 2] = (99).to_bytes(2, "little")
    assert [s.reason for s in _scan_bytes(bytes(data), ".zip").skipped] == [CORRUPT_REASON]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2048), ext=st.sampled_from(EXTENSIONS))
def test_random_bytes_never_raise(data: bytes, ext: str) -> None:
    assert _unclassified(_scan_bytes(data, ext)) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ext=st.sampled_from(sorted(SEEDS)),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8),
)
def test_mutated_containers_never_raise(ext: str, flips: list[tuple[int, int]]) -> None:
    data = bytearray(SEEDS[ext])
    for position, value in flips:
        data[position % len(data)] = value
    assert _unclassified(_scan_bytes(bytes(data), ext)) == []


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=400))
def test_random_text_in_every_encoding_path(text: str) -> None:
    result = _scan_bytes(text.encode("utf-8", "surrogatepass"), ".txt")
    assert isinstance(result, ScanResult)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(st.text(max_size=30), max_size=6), max_size=10))
def test_random_csv_never_raises(rows: list[list[str]]) -> None:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    result = _scan_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"), ".csv")
    assert isinstance(result, ScanResult)
