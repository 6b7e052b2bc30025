"""Scanning one file: readers → detection → findings (masked, keyed digests)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import BinaryIO, Final

from . import prefilter
from .collection import fewer_collections
from .engine import Recorder, detect_cells, scan_block, scan_utf8
from .findings import Finding, ScanResult, Skipped, SourceStats
from .options import MIB, ScanOptions
from .readers import CORRUPT_ERRORS, CORRUPT_REASON, Fields, Lines, Rows, SkipError, Unit, iter_units
from .readers.encoding import detect_encoding, file_sample
from .readers.text import SAMPLE
from .recognizers.cells import batch_hints
from .recognizers.keywords import column_hints
from .walk import _os_reason


def unit_findings(unit: Unit, label: str, rec: Recorder, opts: ScanOptions) -> Iterator[Finding]:
    """Yield the findings of one unit read from ``label``."""
    if isinstance(unit, Lines):
        pairs = scan_block(unit.text, first_line=unit.first_line, min_confidence=opts.min_confidence)
        yield from rec.line_findings(pairs, label)
    elif isinstance(unit, Rows):
        cells: list[str] = []
        hints: list[frozenset[str]] = []
        where: list[tuple[int, str]] = []
        column_hints_here = batch_hints(unit.hints, unit.rows, len(unit.columns))
        for number, row in unit.rows:
            for index, value in enumerate(row):
                if value:
                    cells.append(value)
                    hints.append(column_hints_here[index])
                    where.append((number, unit.columns[index]))
        for idx, m in detect_cells(cells, hints, min_confidence=opts.min_confidence):
            number, column = where[idx]
            yield rec.finding(m, path=label, sheet=unit.sheet, row=number, column=column)
    elif isinstance(unit, Fields):
        values = [v for _, _, _, v in unit.items]
        hint_list = [column_hints(k) for _, _, k, _ in unit.items]
        for idx, m in detect_cells(values, hint_list, min_confidence=opts.min_confidence):
            item = unit.items[idx]
            yield rec.finding(m, path=label, line=item[0], field=item[1] or "/")


_FAST_SUFFIXES = (".txt", ".log")


class _Done(Exception):
    """A range was scanned (leaves the ``try`` of :func:`scan_file` for the common ending)."""


class _NotFast(Exception):
    """The file must go through the regular reader (not UTF-8, bare CR, a line over the limit)."""


def _fast_start(handle: BinaryIO) -> int:
    """Return the offset where UTF-8 text starts (after a BOM), or raise :class:`_NotFast`.

    A head of plain ASCII decides nothing: the bytes from the first non-ASCII byte on do (see
    :func:`file_sample`), so a Big5 log whose first 64 KiB are ASCII goes to the regular reader. A
    head with non-ASCII bytes decides alone (no further read)."""
    sample = file_sample(handle, SAMPLE)
    try:
        encoding = detect_encoding(sample)
    except SkipError:
        raise _NotFast from None
    if encoding not in ("utf-8", "utf-8-sig"):
        raise _NotFast
    return 3 if encoding == "utf-8-sig" else 0


def _fast_blocks(handle: BinaryIO, opts: ScanOptions) -> Iterator[bytes]:
    """Yield the file from the current offset in blocks of whole lines (about 1 MiB each).

    Raises :class:`_NotFast` on a bare carriage return or where a line may exceed the limit. The
    blocks depend only on where reading starts, so a range that starts at a block boundary is cut
    into the same blocks as the whole file.
    """
    half = max(opts.max_line_chars // 2, 1)
    size = max(opts.block_chars * 4, half * 2)
    carry = b""
    while True:
        data = handle.read(size)
        if not data and not carry:
            return
        data = carry + data
        cut = len(data) if len(data) < size else data.rfind(b"\n") + 1
        if cut == 0:
            raise _NotFast  # no line break in a whole block: leave it to the regular reader
        part, carry = data[:cut], data[cut:]
        # ``in`` finds a byte with memchr; counting it is several times slower (and most text has none)
        if b"\r" in part and part.count(b"\r") != part.count(b"\r\n"):
            raise _NotFast
        for k in range(0, len(part) - half + 1, half):
            if part.find(b"\n", k, k + half) < 0:
                raise _NotFast  # a line may exceed the limit: the regular reader decides
        yield part


def _fast_text(
    handle: BinaryIO, label: str, rec: Recorder, opts: ScanOptions
) -> tuple[list[Finding], int] | None:
    """Scan a UTF-8 text file as bytes through the compiled prefilter, decoding only marked lines.

    Returns ``None`` (nothing consumed that matters: the caller re-reads the file the usual way)
    when the file is not UTF-8, has bare carriage returns, or may have a line over the limit, so
    every finding and every skip reason stays what the regular reader gives.
    """
    findings: list[Finding] = []
    line, units = 1, 0
    try:
        handle.seek(_fast_start(handle))
        for part in _fast_blocks(handle, opts):
            findings += rec.line_findings(
                scan_utf8(part, first_line=line, min_confidence=opts.min_confidence), label
            )
            line += part.count(b"\n")
            units += 1
    except _NotFast:
        return None
    return findings, units


#: Text files at least twice this size are split into ranges of about this many bytes when the
#: scan runs on several workers, so that workers share a big file and send their findings back
#: piece by piece instead of in one list at the end. Half a MiB: with the default options a range is
#: then one block of the fast path (just under 1 MiB). The processes take ranges as they finish the
#: last one, so the smaller the range, the less one waits for the other at the end (up to a range's
#: time: about 0.18 s of dense text; 4 MiB ranges left up to 0.7 s, a fifth of a 20 MB dense scan on
#: two workers); a range costs a few milliseconds more than scanning it whole.
RANGE_BYTES: Final = MIB // 2


#: On forked workers (see ``forked``) big text files are cut into ranges of at least this many
#: bytes, parts of the fast path's blocks (see :func:`plan_ranges`): a fork costs no start-up to
#: make up for, so the smaller the range, the closer together the processes finish (128 KiB of dense
#: text is about 30 ms), but each range costs the recognizers' per-call work once more.
PIECE_BYTES: Final = 128 * 1024


@dataclass(frozen=True, slots=True)
class TextRange:
    """Lines ``[start, end)`` (byte offsets) of a UTF-8 text file, the ``index``-th of ``count``.

    ``first_unit`` is the number of the file's blocks before the range. The last range reports the
    file's statistics (``first_unit`` plus the blocks it scanned), so they are the same however many
    workers scanned the file. ``checked`` says that the range's blocks were read when it was planned
    (no bare carriage return, no line over the limit); an unchecked range that meets one gives a
    :data:`NOT_FAST` skip instead of findings, and the caller scans the file whole. A ``piece`` is
    part of one block, cut at a line end (see :func:`plan_ranges`), and is read as it is, not in
    blocks; the last piece of a file ends its last block and counts it.
    """

    start: int
    end: int
    first_line: int
    index: int
    count: int
    size: int
    first_unit: int = 0
    checked: bool = True
    piece: bool = False


#: The reason an unchecked range gives when the file must be scanned whole (see :class:`TextRange`).
NOT_FAST: Final = "not-fast"


def head_range(path: str, opts: ScanOptions) -> tuple[TextRange, int] | None:
    """Return the first block of a big UTF-8 text file as a range, and the number of its lines.

    A scan on several workers scans it first to learn how fast this text goes (see
    ``scan.iter_scan_path``); ``None`` when the file is not one the fast path reads, or is small.
    """
    if not prefilter.AVAILABLE or not path.lower().endswith(_FAST_SUFFIXES):
        return None
    try:
        size = os.stat(path).st_size
        if size < 2 * RANGE_BYTES or size > opts.max_size:
            return None
        with open(path, "rb") as handle:
            start = _fast_start(handle)
            handle.seek(start)
            block = next(_fast_blocks(handle, opts), b"")
    except (_NotFast, OSError):
        return None
    end = start + len(block)
    if not block or end >= size:
        return None
    return TextRange(start, end, 1, 0, 2, size), block.count(b"\n")


#: The lines a scan on several workers times (see :func:`text_rate`): a few milliseconds of dense text.
RATE_SAMPLE_BYTES: Final = 64 * 1024


def text_rate(path: str, key: bytes, opts: ScanOptions) -> float | None:
    """Return the CPU seconds per byte this process takes to scan the first lines (about
    :data:`RATE_SAMPLE_BYTES`) of a UTF-8 text file the fast path reads, or ``None`` for other files.

    The lines are scanned as the scan would (prefilter, recognizers, masking, keyed digests) and the
    findings thrown away: a scan on several workers asks this before planning ranges and forking
    workers (see ``scan.iter_scan_path``), without waiting for a whole block of dense text.
    """
    if not prefilter.AVAILABLE or not path.lower().endswith(_FAST_SUFFIXES):
        return None
    try:
        with open(path, "rb") as handle:
            handle.seek(_fast_start(handle))
            data = handle.read(RATE_SAMPLE_BYTES)
    except (_NotFast, OSError):
        return None
    data = data[: data.rfind(b"\n") + 1]
    if not data:
        return None
    # the first quarter warms up what the recognizers build on first use (untimed: done once,
    # however many workers), the rest is timed
    cut = data.rfind(b"\n", 0, len(data) // 4) + 1
    warm, data = data[:cut], data[cut:] or data
    rec = Recorder(key=key, source=path, id_policy=opts.id_policy)
    rec.line_findings(scan_utf8(warm or b"a@example.com\n", min_confidence=opts.min_confidence), path)
    begun = time.thread_time()
    rec.line_findings(scan_utf8(data, min_confidence=opts.min_confidence), path)
    return max(time.thread_time() - begun, 1e-9) / len(data)


def plan_ranges(
    path: str,
    opts: ScanOptions,
    target: int | None = None,
    after: tuple[TextRange, int] | None = None,
    piece: int | None = None,
) -> list[TextRange] | None:
    """Return the ranges a big UTF-8 text file is scanned in, or ``None`` to scan it whole.

    Ranges are runs of the fast path's own blocks, so each is read and checked exactly as the
    whole file would be; the first line number of each is counted here. ``after`` (a range of the
    file's first block and its number of lines, see :func:`head_range`) plans only what follows it,
    numbering the ranges from the next index. With ``piece`` each block is instead cut at line ends
    into ranges of about that many bytes (checked here, read as they are: see :class:`TextRange`),
    so that workers sharing a file finish closer together than a block's time (a block of dense
    text takes a quarter of a second).
    """
    if not prefilter.AVAILABLE or not path.lower().endswith(_FAST_SUFFIXES):
        return None
    target = piece or target or RANGE_BYTES
    try:
        size = os.stat(path).st_size
        if (after is None and size < 2 * target) or size > opts.max_size:
            return None
        bounds: list[tuple[int, int, int, int]] = []
        with open(path, "rb") as handle:
            if after is None:
                lo = pos = _fast_start(handle)
                line = lo_line = 1
                units = lo_unit = 0
            else:
                if after[0].size != size:
                    return None
                lo = pos = after[0].end
                line = lo_line = after[0].first_line + after[1]
                units = lo_unit = 1
            handle.seek(pos)
            for part in _fast_blocks(handle, opts):
                if piece:
                    cut, line = _pieces(part, pos, line, units, piece)
                    bounds += cut
                    lo = pos = pos + len(part)
                    units += 1
                    continue
                units += 1
                pos += len(part)
                line += part.count(b"\n")
                if pos - lo >= target:
                    bounds.append((lo, pos, lo_line, lo_unit))
                    lo, lo_line, lo_unit = pos, line, units
            if pos > lo:
                bounds.append((lo, pos, lo_line, lo_unit))
    except (_NotFast, OSError):
        return None  # the regular scan of the whole file decides (and reports any error)
    if not bounds or (after is None and len(bounds) < 2):
        return None
    first = 0 if after is None else after[0].index + 1
    count = first + len(bounds)
    return [
        TextRange(a, b, n, first + i, count, size, u, piece=piece is not None)
        for i, (a, b, n, u) in enumerate(bounds)
    ]


def _pieces(
    block: bytes, pos: int, line: int, unit: int, piece: int
) -> tuple[list[tuple[int, int, int, int]], int]:
    """Cut one block (at offset ``pos``, starting at line ``line``) at line ends into about
    ``len(block) / piece`` ranges ``(start, end, first line, blocks before)``; return them and the
    line after the block (its line ends are counted once, piece by piece)."""
    count = max(1, round(len(block) / piece))
    cuts = [0]
    for k in range(1, count):
        cut = block.find(b"\n", k * len(block) // count) + 1
        if cuts[-1] < cut < len(block):
            cuts.append(cut)
    cuts.append(len(block))
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        out.append((pos + a, pos + b, line, unit))
        line += block.count(b"\n", a, b)
    return out, line


def rest_range(head: tuple[TextRange, int]) -> TextRange:
    """The rest of a file after :func:`head_range`, as one unchecked range (scanned in one process)."""
    first, lines = head
    return TextRange(first.end, first.size, first.first_line + lines, 1, 2, first.size, 1, checked=False)


#: Canonical order of one text file's findings (source and path are the same, sheet … field empty):
#: the same order as ``Finding.sort_key``, with a key built in C.
_LINE_ORDER: Final = attrgetter("line", "category", "digest")


def _scan_range(path: str, rec: Recorder, opts: ScanOptions, part: TextRange, result: ScanResult) -> int:
    """Scan one range into ``result``; return the number of blocks scanned."""
    units = 0
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size != part.size:
            raise SkipError("掃描期間檔案已變更 / the file changed during the scan")
        handle.seek(part.start)
        line, left = part.first_line, part.end - part.start
        if part.piece:
            data = handle.read(left)
            if len(data) != left or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")):
                raise SkipError("掃描期間檔案已變更 / the file changed during the scan")
            result.findings += rec.line_findings(
                scan_utf8(data, first_line=line, min_confidence=opts.min_confidence), path
            )
            return 1  # counted only if it is the file's last range, which ends a block
        try:
            for block in _fast_blocks(handle, opts):
                block = block[:left]
                result.findings += rec.line_findings(
                    scan_utf8(block, first_line=line, min_confidence=opts.min_confidence), path
                )
                units += 1
                line += block.count(b"\n")
                left -= len(block)
                if left <= 0:
                    break
        except _NotFast:
            if not part.checked:
                raise
            raise SkipError("掃描期間檔案已變更 / the file changed during the scan") from None
    return units


@fewer_collections()
def scan_file(path: str, key: bytes, opts: ScanOptions, part: TextRange | None = None) -> ScanResult:
    """Scan one file (or archive), or one range of a big text file (see :func:`plan_ranges`).

    Failures become ``Skipped`` records; partial findings are kept. Findings come in scan order
    (:func:`scan_part` sorts them). Of a file scanned in ranges, the first range carries the
    file's statistics.
    """
    return _scan(path, key, opts, part)[0]


def _scan(path: str, key: bytes, opts: ScanOptions, part: TextRange | None) -> tuple[ScanResult, bool]:
    """:func:`scan_file`, and whether the findings are one text file's in line order."""
    rec = Recorder(key=key, source=path, id_policy=opts.id_policy)
    result = ScanResult()
    size = 0
    units = 0
    fast = None
    try:
        if part is not None:
            size = part.size
            units = part.first_unit + _scan_range(path, rec, opts, part, result)
            raise _Done
        size = os.stat(path).st_size
        if size > opts.max_size:
            raise SkipError(f"檔案過大 / larger than {opts.max_size} bytes")
        with open(path, "rb") as handle:
            if prefilter.AVAILABLE and path.lower().endswith(_FAST_SUFFIXES):
                fast = _fast_text(handle, path, rec, opts)
                handle.seek(0)
            if fast is not None:
                result.findings.extend(fast[0])
                units = fast[1]
            for label, unit in () if fast is not None else iter_units(path, handle, opts):
                if isinstance(unit, Skipped):
                    result.skipped.append(unit)
                    continue
                units += 1
                result.findings.extend(unit_findings(unit, label, rec, opts))
    except _Done:
        pass
    except _NotFast:  # an unchecked range: the caller scans the file whole
        return ScanResult(skipped=[Skipped(path, NOT_FAST)]), True
    except SkipError as exc:
        result.skipped.append(Skipped(path, str(exc)))
    except CORRUPT_ERRORS:
        result.skipped.append(Skipped(path, CORRUPT_REASON))
    except OSError as exc:
        result.skipped.append(Skipped(path, _os_reason(exc)))
    except Exception as exc:  # any parser failure is recorded, never raised
        result.skipped.append(Skipped(path, f"無法解析 / cannot parse ({type(exc).__name__})"))
    if part is None or part.index == part.count - 1:
        result.stats.append(SourceStats(path, size, units))
    return result, fast is not None or part is not None


@fewer_collections()
def scan_part(path: str, key: bytes, opts: ScanOptions, part: TextRange | None = None) -> ScanResult:
    """:func:`scan_file` with the findings in canonical order (``Finding.sort_key``), as a worker
    task: sorting where the part was scanned saves the collecting process a sort of everything."""
    result, lines = _scan(path, key, opts, part)
    # One text file (fast path or range): source and path are the file, sheet … field are empty,
    # so (line, category, digest) orders like sort_key, with a key built in C.
    result.findings.sort(key=_LINE_ORDER if lines else Finding.sort_key)
    result.ordered = True
    return result
