"""Masked copies of CSV/TSV (UTF-8 or Big5), XLSX, JSONL and SQL dump files (plain SQL, or a pg_dump
custom/tar/directory archive written out as masked plain SQL, see :mod:`.pgarchive`).

Outputs opened in a spreadsheet run no formula the input smuggled in: a CSV/TSV text cell starting with
``=``, ``+``, ``-``, ``@`` (or their full-width forms ``＝＋－＠``), a tab or a carriage return is written with a
leading ``'`` (plain numbers such as
``-12`` stay); an XLSX text cell starting with ``=`` stays a text cell (formula cells are read as the value
Excel saved, never copied as formulas)."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import json
import math
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import IO, Any, Final

from ..options import ScanOptions
from ..readers.cells import cell_text
from ..readers.encoding import detect_encoding, file_sample
from ..readers.units import SkipError, column_letter, header_row
from ..recognizers.cells import batch_hints
from ..recognizers.keywords import column_hints
from .core import Policy, column_rules, mask_cell

_SAMPLE = 64 * 1024
#: ``progress(bytes_read, total_bytes)`` for a file being masked, or None.
Reporter = Callable[[int, int], None] | None
_INTEGER = re.compile(r"-?[0-9]{7,30}")
#: A plain number: a CSV cell like ``-12`` or ``+3.5`` stays a number (not a formula to neutralise).
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)*|[.][0-9]+)(?:[eE][+-]?[0-9]+)?")
#: What a spreadsheet may take as the start of a formula in a text cell (CSV injection, OWASP), also in
#: full width (an input method may turn ＝ into = when the cell is edited).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
#: Longest line (and CSV/TSV cell) of a text file that is masked: one line is read and masked at once, taking
#: memory in proportion to it (tens of times its size when it is dense with personal data), so a longer line
#: is refused with a message instead of exhausting memory.
MAX_LINE: Final = 16 * 1024 * 1024
#: How often (bytes read) a file masking reports its progress.
_PROGRESS_STEP = 1024 * 1024
#: Rows of a table read at once to tell what a column without a telling name holds: as many as the scanner
#: reads at once, so the same rows give the same decision (see :func:`table_rows`; database copies too).
BATCH_ROWS: Final = ScanOptions().batch_rows
#: A batch ends sooner when its cells hold this many characters (rows of long cells: memory stays bounded).
_BATCH_CHARS: Final = 32 * 1024 * 1024
#: Types that may be a pg_dump archive (custom ``-Fc`` or tar ``-Ft``), recognised by content.
_ARCHIVE_TYPES = frozenset({"pgdump", "dump", "backup", "sql", "tar"})


def mask_file(
    source: str,
    target: str,
    policy: Policy,
    *,
    kind: str | None = None,
    columns: Iterable[Mapping[str, Any]] | None = None,
    table: str | None = None,
    progress: Reporter = None,
) -> dict[str, int]:
    """Write a masked copy of ``source`` to ``target``; ``kind`` defaults to the file extension.

    A text file (CSV/TSV, JSONL, SQL dump) is read line by line; a line or cell longer than :data:`MAX_LINE`
    is refused (``ValueError`` in zh-TW / English naming the line) rather than read whole into memory.
    ``progress(bytes_read, total_bytes)`` is called about every megabyte of a text file.

    ``columns`` are structured picks (``{table, column, method, category}``, see :func:`.core.column_rules`),
    added to ``policy.columns`` with the same checks as for a database copy (``ValueError`` naming a bad
    pick, before anything is read). The table a pick names is, in an SQL dump, the table of each ``INSERT``
    or ``COPY``; in an XLSX workbook, the sheet; in a CSV/TSV/JSONL file, ``table`` (default: the file's
    name without its extension, ``customers`` for ``customers.csv``). A rule or pick that matches no
    column is listed by ``policy.all_notes()``."""
    if os.path.abspath(source) == os.path.abspath(target):
        raise ValueError("輸出檔不可與輸入檔相同 / the output must not overwrite the input")
    if columns is not None:
        policy.columns = [*policy.columns, *column_rules(columns)]
    before = _stamp(target)
    try:
        return _mask_file(source, target, policy, kind, table, progress)
    except BaseException:
        if os.path.isfile(target) and _stamp(target) != before:  # a partial copy is no masked copy
            os.unlink(target)
        raise
    finally:
        policy.table = ""


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def _mask_file(
    source: str, target: str, policy: Policy, kind: str | None, table: str | None, progress: Reporter
) -> dict[str, int]:
    if os.path.isdir(source):  # a pg_dump directory-format (-Fd) archive is the one directory read
        from .pgarchive import archive_kind, mask_archive

        if kind not in (None, "pgdump") or archive_kind(source) != "directory":
            raise ValueError(
                "輸入是目錄但不是 pg_dump 目錄格式（-Fd，內含 toc.dat）/ "
                "the input is a directory but not a pg_dump directory-format (-Fd) archive with toc.dat"
            )
        mask_archive(source, target, policy)
        return dict(policy.counts)
    ext = (kind or os.path.splitext(source)[1].lstrip(".")).lower()
    if ext in _ARCHIVE_TYPES:
        from .pgarchive import archive_kind, mask_archive

        if ext == "pgdump" or archive_kind(source):
            mask_archive(source, target, policy)
            return dict(policy.counts)
    writer = _WRITERS.get(ext)
    if writer is None:
        raise ValueError(f"不支援的檔案類型 / unsupported file type: {ext}")
    if ext in _ONE_TABLE:
        policy.table = os.path.splitext(os.path.basename(source))[0] if table is None else table
    writer(source, target, policy, progress)
    return dict(policy.counts)


def typed(original: Any, masked: str) -> Any:
    """Give a masked cell the original's type where the masked text still fits it."""
    if isinstance(original, bool) or masked == str(original):
        return original
    digits = masked[1:] if masked.startswith("-") else masked  # a negative number keeps its sign
    if isinstance(original, int) and digits.isdigit() and not digits.startswith("0"):
        return int(masked)
    if isinstance(original, float) and digits.isdigit():
        return float(masked)
    if isinstance(original, dt.datetime | dt.date):
        if re.fullmatch(r"[0-9]{4}", masked):
            return dt.date(int(masked), 1, 1)  # generalised to the year
        try:
            return dt.date.fromisoformat(masked)
        except ValueError:
            return masked
    return masked


def mask_any(value: Any, column: str | None, policy: Policy, hints: frozenset[str] | None = None) -> Any:
    """Mask a cell of any type (text, number, date, and JSON objects and arrays, walked as in a JSONL file:
    each value under its own key, unless a ``keep`` rule covers the whole cell); other types (bytes) pass
    unchanged. ``hints``: the column's, when read from its rows (see :func:`table_rows`)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        inner = _json_text(value)
        if inner is not None and policy.rule_for(column) is None:
            try:
                masked = _walk(inner, column, policy)  # values written as \u escapes are read, not missed
            except RecursionError:  # nested too deep to walk: masked as text below
                masked = None
            if masked is not None:
                if masked == inner:
                    return value
                return json.dumps(masked, ensure_ascii=False, separators=json_separators(value))
        return mask_cell(value, column, policy, hints)
    if isinstance(value, dict | list):
        rule = policy.rule_for(column)
        return value if rule is not None and rule.method == "keep" else _walk(value, column, policy)
    if isinstance(value, float) and not value.is_integer():
        # a fraction is a measurement or an amount, never an identifier: the digits of 0.0912345678 after the
        # point are no phone number (masking them left text that is no number, and the cell came back empty)
        return value
    if isinstance(value, int | float | dt.date | dt.datetime):
        text = value.date().isoformat() if isinstance(value, dt.datetime) else str(value)
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        # 912345678 in a phone column is a phone that lost its leading 0: mask_cell recognises it
        # (whole-cell check) and gives digits back without the 0, as for the same text in a text column
        masked = mask_cell(text, column, policy, hints)
        if masked == text:
            _note_unmasked(value, text, column, policy)
            return value
        result = typed(value, masked)
        if isinstance(result, str):  # the method's text form does not fit a number or date cell
            result = typed(value, mask_cell(text, column, _type_keeping(policy, value), hints))
        return None if isinstance(result, str) else result
    return value


def _json_text(value: str) -> dict[str, Any] | list[Any] | None:
    """The object or array a text holds as JSON (a JSON column on MariaDB, JSON in a CSV cell), else None."""
    text = value.strip()
    if len(text) < 2 or (text[0], text[-1]) not in (("{", "}"), ("[", "]")):
        return None
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict | list) else None


def _note_unmasked(value: Any, text: str, column: str | None, policy: Policy) -> None:
    """Count integers long enough to be an identifier that no rule or recognizer touched."""
    if isinstance(value, int) and not isinstance(value, bool) and len(text.lstrip("-")) >= 7:
        if policy.rule_for(column) is None:
            policy.unmasked_numbers[column or "?"] += 1


def mask_text_cell(
    value: str, column: str | None, policy: Policy, hints: frozenset[str] | None = None
) -> str:
    """Mask a cell of a text file (CSV/TSV): an integer of 7+ digits left as it was is counted in
    ``policy.unmasked_numbers`` as in a number cell (a CSV file has no number type to tell them apart)."""
    masked = mask_cell(value, column, policy, hints)
    if masked == value and _INTEGER.fullmatch(value.strip()):
        _note_unmasked(int(value), value.strip(), column, policy)
    return masked


def _type_keeping(policy: Policy, value: Any) -> Policy:
    """The policy to use when a method's result cannot keep a number's or date's type: dates are
    generalised (to 1 January of the year), numbers get their keyed format-preserving pseudonym;
    what still does not fit becomes empty (None)."""
    fallback = "generalize" if isinstance(value, dt.date) else "pseudonym"

    def swap(method: str) -> str:
        return method if method in ("keep", "remove") else fallback

    return Policy(
        key=policy.key,
        methods={c: swap(m) for c, m in policy.methods.items()},
        default=swap(policy.default),
        columns=[replace(r, method=swap(r.method)) for r in policy.columns],
        min_confidence=policy.min_confidence,
        place=policy.place,
        table=policy.table,
    )


def inert(value: str) -> str:
    """A CSV/TSV cell a spreadsheet will not run as a formula: text starting with ``=``, ``+``, ``-``, ``@``
    (also full-width), a tab or a carriage return gets a leading ``'`` (what spreadsheets show as text); plain numbers such as
    ``-12`` stay as they are."""
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    """An XLSX cell for ``value``: text starting with ``=`` stays text (openpyxl would write a formula)."""
    if isinstance(value, str) and value.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def too_long(number: int, limit: int) -> ValueError:
    mb = f"{limit / 1024 / 1024:.3g}"
    return ValueError(
        f"第 {number} 行超過 {mb} MB 上限，未產生遮罩副本；請先把這一行拆開（例如每列一筆、每格較短） / line {number} "
        f"is longer than the {mb} MB limit, so no masked copy was made; split it first (one record per line, "
        "shorter cells)"
    )


class Lines:
    """The lines of a text file, each at most ``limit`` characters (a longer one raises :func:`too_long`),
    reporting ``progress(bytes_read, total_bytes)`` about every megabyte when given."""

    def __init__(
        self,
        handle: IO[str],
        *,
        limit: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        total: int = 0,
    ) -> None:
        self.handle, self.progress, self.total = handle, progress, total
        self.limit = MAX_LINE if limit is None else limit
        self.number = 0
        self._reported = 0

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        line = self.handle.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.number += 1
        if len(line) > self.limit:
            raise too_long(self.number, self.limit)
        if self.progress is not None:
            done = self.handle.buffer.tell() if hasattr(self.handle, "buffer") else 0
            if done - self._reported >= _PROGRESS_STEP:
                self._reported = done
                self.progress(min(done, self.total), self.total)
        return line


def _encoding(source: str) -> str:
    with open(source, "rb") as handle:
        try:
            return detect_encoding(file_sample(handle, _SAMPLE))
        except SkipError as exc:
            raise ValueError(str(exc)) from exc


def _undecodable(source: str, encoding: str, after: int) -> ValueError:
    """The error for bytes of ``source`` that are not ``encoding``, naming the first line holding them (the
    reader decodes ahead of the line it gives, so ``after``, the last line read, is only a lower bound)."""
    number = after + 1
    if not encoding.lower().startswith(("utf-16", "utf-32")):  # a newline byte ends a line in UTF-8 and Big5
        with open(source, "rb") as handle:
            for index, raw in enumerate(handle, start=1):
                if index > after:
                    try:
                        raw.decode(encoding)
                    except UnicodeDecodeError:
                        number = index
                        break
    return ValueError(
        f"第 {number} 行有無法以 {encoding} 解讀的位元組（檔案混用了不同編碼？），未產生遮罩副本；請先把整個檔案轉成"
        f"同一種編碼（例如 UTF-8） / line {number} holds bytes that are not {encoding} (a file mixing encodings?), "
        "so no masked copy was made; convert the whole file to one encoding (e.g. UTF-8) first"
    )


#: The error handler a masked copy is written with (see :func:`_star`).
_STAR: Final = "shouhu-mask-star"
_starred = threading.local()


def _star(error: UnicodeError) -> tuple[str | bytes, int]:
    """Write ``*`` for each character of a masked value the file's encoding cannot hold (``○`` or a
    pseudonymous Chinese name in a Latin-1 file, a character NFKC made of junk under an ID rule): the value is
    masked either way, the copy keeps the input's encoding, and the count becomes a note (never a silent ``?``,
    never a copy that cannot be read)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start : error.end]
    # bytes read through surrogateescape go back as they were
    if all("\udc80" <= c <= "\udcff" for c in chunk):
        _starred.raw = getattr(_starred, "raw", 0) + len(chunk)
        return bytes(ord(c) - 0xDC00 for c in chunk), error.end
    _starred.count = getattr(_starred, "count", 0) + error.end - error.start
    return "*" * (error.end - error.start), error.end


codecs.register_error(_STAR, _star)


@contextlib.contextmanager
def _starring(policy: Policy, encoding: str) -> Iterator[None]:
    """Count the characters :func:`_star` replaced while a file is written, as a note of ``policy``."""
    _starred.count = _starred.raw = 0
    yield
    if _starred.raw:
        policy.notes.append(
            f"有 {_starred.raw} 個位元組不是 UTF-8（二進位欄位的值，如 BLOB），已原樣寫回、未遮罩；其中若有個資請另行處理 / "
            f"{_starred.raw} bytes that are not UTF-8 (values of binary columns such as BLOBs) were written back as "
            "they were, not masked; handle any personal data in them separately"
        )
    if _starred.count:
        policy.notes.append(
            f"有 {_starred.count} 個遮罩後的字元無法以檔案的編碼 {encoding} 寫出，以 * 代替；要保留它們請先把檔案轉成 "
            f"UTF-8 / {_starred.count} masked characters cannot be written in the file's encoding {encoding} and "
            "were written as *; convert the file to UTF-8 first to keep them"
        )


#: A row of a table to write: its cells, and the column name and hints of each (``None``: the header row, or
#: an empty row above a sheet's header, written as it is).
TableRow = tuple[Sequence[Any], list[str | None] | None, list[frozenset[str]] | None]


def table_rows(
    rows: Iterable[Sequence[Any]], policy: Policy, *, spreadsheet: bool = False
) -> Iterator[TableRow]:
    """The rows of a table with the name and hints each cell is masked under, as the scanner reads the table.

    The first row is the header when the scanner takes it for one (``readers.units.header_row``) or a column
    rule of ``policy`` names one of its cells (a pick names columns as written); else it is data, masked like
    any row, and the columns are named by letter (A, B …) as the scan names them (also in the report). A
    column whose name tells nothing (欄位3, blank) is read from its values in batches of the scanner's size
    with the scanner's own decision (``recognizers.cells.batch_hints``), so the masked copy hides what a scan
    of the file reports there. A spreadsheet's empty rows are not counted in a batch (the scanner skips them); a
    batch of very long cells ends at :data:`_BATCH_CHARS` characters.
    """
    names: list[str | None] | None = None
    batch: list[tuple[Sequence[Any], list[str]]] = []
    counted = size = 0
    for row in rows:
        cells = [cell_text(v) for v in row]
        if names is None:
            # the scanner takes a sheet's first row with text as its header
            if spreadsheet and not any(cells):
                yield row, None, None
                continue
            if header_row([c for c in cells if c] if spreadsheet else cells) or any(
                map(policy.names_column, cells)
            ):
                names = ["" if v is None else str(v) for v in row]
                yield row, None, None
                continue
            names = [column_letter(i) for i in range(len(cells))]
        batch.append((row, cells))
        counted += 1 if any(cells) or not spreadsheet else 0
        size += sum(map(len, cells))
        if counted >= BATCH_ROWS or size >= _BATCH_CHARS:
            yield from _named_batch(batch, names)
            batch, counted, size = [], 0, 0
    if batch and names is not None:
        yield from _named_batch(batch, names)


def _named_batch(batch: list[tuple[Sequence[Any], list[str]]], names: list[str | None]) -> Iterator[TableRow]:
    width = max([len(names), *(len(cells) for _, cells in batch)])
    lettered = all(name == column_letter(i) for i, name in enumerate(names))
    # cells past a header have no name (no rule applies); in a table without a header they are lettered on
    names.extend(column_letter(i) if lettered else None for i in range(len(names), width))
    hints = batch_hints([column_hints(n) for n in names], [(None, cells) for _, cells in batch], width)
    for row, _ in batch:
        yield row, names, hints


def _delimited(source: str, target: str, policy: Policy, delimiter: str, progress: Reporter) -> None:
    """A CSV/TSV file, written back in its own encoding (a Big5 file stays Big5: ``○``, the pseudonym names
    and addresses are all Big5 characters; what an encoding cannot hold is written as ``*`` with a note, see
    :func:`_star`). Bytes that are not in the encoding found at the top of the file stop the copy with a clear
    error."""
    encoding = _encoding(source)
    out_encoding = "utf-8-sig" if encoding == "utf-8-sig" else encoding
    csv.field_size_limit(MAX_LINE)  # a cell may be as long as a line (the module's default is 128 KB)
    with (
        open(source, encoding=encoding, newline="") as src,
        open(target, "w", encoding=out_encoding, newline="", errors=_STAR) as dst,
        _starring(policy, encoding),
    ):
        lines = Lines(src, progress=progress, total=os.path.getsize(source))
        rows = csv.reader(lines, delimiter=delimiter)
        out = csv.writer(dst, delimiter=delimiter, lineterminator="\r\n")
        try:
            for row, names, hints in table_rows(rows, policy):
                if names is None or hints is None:
                    out.writerow([inert(v) for v in row])
                    continue
                out.writerow(
                    [inert(mask_text_cell(v, names[i], policy, hints[i])) for i, v in enumerate(row)]
                )
        except csv.Error:  # a cell spanning lines past the limit
            raise too_long(lines.number, lines.limit) from None
        except UnicodeDecodeError:
            raise _undecodable(source, encoding, lines.number) from None


def _csv(source: str, target: str, policy: Policy, progress: Reporter) -> None:
    _delimited(source, target, policy, ",", progress)


def _tsv(source: str, target: str, policy: Policy, progress: Reporter) -> None:
    _delimited(source, target, policy, "\t", progress)


def _xlsx(source: str, target: str, policy: Policy, progress: Reporter) -> None:
    import openpyxl

    book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    out = openpyxl.Workbook(write_only=True)
    for sheet in book.worksheets:
        policy.table = sheet.title  # what a pick's table names in a workbook
        target_sheet = out.create_sheet(sheet.title)
        for row, names, hints in table_rows(sheet.iter_rows(values_only=True), policy, spreadsheet=True):
            if names is None or hints is None:
                target_sheet.append([_xlsx_cell(target_sheet, v) for v in row])
                continue
            target_sheet.append(
                [_xlsx_cell(target_sheet, mask_any(v, names[i], policy, hints[i])) for i, v in enumerate(row)]
            )
    book.close()
    out.save(target)


def _walk(value: Any, key: str | None, policy: Policy) -> Any:
    if isinstance(value, dict):
        return {k: _walk(v, k, policy) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, key, policy) for v in value]
    return mask_any(value, key, policy)


class _RawNumber:
    """A JSON number Python cannot hold as written (``1e400`` would become infinity, written back as the
    invalid ``Infinity``; an integer of thousands of digits is refused): kept as its text. Never masked —
    numbers that may be identifiers have at most 30 digits."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _float(text: str) -> float | _RawNumber:
    number = float(text)
    return number if math.isfinite(number) else _RawNumber(text)


def _int(text: str) -> int | _RawNumber:
    try:
        return int(text)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        return _RawNumber(text)


#: Characters a JSON string may hold unescaped that line readers (``str.splitlines``, JavaScript) take as line
#: breaks; the ones JSON writers leave raw are escaped, so a masked JSONL copy has one record per line for
#: every reader.
_LINE_BREAKS: Final = re.compile("[\x85\u2028\u2029]")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
#: Marks where a :class:`_RawNumber` goes in a line being written (random: no text read can forge it).
_NONCE: Final = os.urandom(8).hex()


def json_separators(text: str) -> tuple[str, str]:
    """The item and key separators a JSON text was written with: ``(", ", ": ")`` as Python writes them, or
    ``(",", ":")`` as JavaScript's ``JSON.stringify`` does; read from its first comma and colon outside
    strings (one that is missing follows the other)."""
    comma: bool | None = None
    colon: bool | None = None
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "," and comma is None:
            comma = text[index + 1 : index + 2] == " "
        elif char == ":" and colon is None:
            colon = text[index + 1 : index + 2] == " "
        if comma is not None and colon is not None:
            break
    spaced_comma = comma if comma is not None else colon is not False
    spaced_colon = colon if colon is not None else comma is not False
    return (", " if spaced_comma else ",", ": " if spaced_colon else ":")


def json_line(value: Any, separators: tuple[str, str] = (", ", ": ")) -> str:
    """One JSONL line (without its newline) for a masked record: UTF-8 text, with ``\\u`` escapes only for
    line-breaking characters and lone surrogates (``"\\ud83d"`` read from the input, which UTF-8 cannot hold);
    numbers read as :class:`_RawNumber` are written as they stood; ``separators`` as the input's
    (:func:`json_separators`)."""
    raws: list[str] = []

    def raw(obj: Any) -> str:
        if not isinstance(obj, _RawNumber):
            raise TypeError(type(obj).__name__)
        raws.append(obj.text)
        return f"{_NONCE}:{len(raws) - 1}"

    text = json.dumps(value, ensure_ascii=False, default=raw, separators=separators)
    if _SURROGATE.search(text):
        raws.clear()
        text = json.dumps(value, ensure_ascii=True, default=raw, separators=separators)
    text = _LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    for index, number in enumerate(raws):
        text = text.replace(f'"{_NONCE}:{index}"', number, 1)
    return text


def _bad_json(number: int) -> ValueError:
    return ValueError(
        f"JSONL 檔第 {number} 行不是 JSON（每行應為一個 JSON 值），未產生遮罩副本 / line {number} of the JSONL file "
        "is not JSON (each line must hold one JSON value), so no masked copy was made"
    )


def _too_deep(number: int) -> ValueError:
    return ValueError(
        f"JSONL 檔第 {number} 行的 JSON 巢狀層數過深，無法逐值遮罩，未產生遮罩副本 / line {number} of the JSONL file "
        "is nested too deep to mask value by value, so no masked copy was made"
    )


def _jsonl(source: str, target: str, policy: Policy, progress: Reporter) -> None:
    """A JSONL file: each line's keys, structure and types kept, values masked inside strings (also those
    written as ``\\u`` escapes), one valid JSON value per output line (see :func:`json_line`)."""
    with open(source, encoding="utf-8-sig") as src, open(target, "w", encoding="utf-8") as dst:
        lines = Lines(src, progress=progress, total=os.path.getsize(source))
        try:
            for line in lines:
                if not line.strip():
                    dst.write(line)
                    continue
                try:
                    record = json.loads(line, parse_float=_float, parse_int=_int)
                except (ValueError, RecursionError):  # not JSON, or nested deeper than Python reads
                    raise _bad_json(lines.number) from None
                try:
                    masked = _walk(record, None, policy)
                    if masked == record and _LINE_BREAKS.search(line) is None:
                        dst.write(line.rstrip("\n") + "\n")  # nothing masked: the line as it was written
                    else:
                        dst.write(json_line(masked, json_separators(line)) + "\n")
                except RecursionError:
                    raise _too_deep(lines.number) from None
        except UnicodeDecodeError:
            raise _undecodable(source, "utf-8", lines.number) from None


def mask_sql_line(line: str, policy: Policy) -> str:
    """Mask the values of one ``INSERT … VALUES (…), (…);`` statement (see :mod:`.sqldump`)."""
    from .sqldump import mask_insert

    return mask_insert(line, policy)


#: The UTF-8 character set a dump declares: MySQL's ``SET NAMES utf8mb4`` (mysqldump, mariadb-dump), PostgreSQL's
#: ``SET client_encoding = 'UTF8'`` (pg_dump).
_DECLARED_UTF8: Final = re.compile(
    rb"SET\s+NAMES\s+'?utf8(?:mb4|mb3)?\b|SET\s+client_encoding\s*=\s*'?UTF-?8\b", re.I
)


#: What mysqldump and mariadb-dump write around each CREATE TABLE, also with --compact (which drops SET NAMES).
_MYSQLDUMP_CLIENT_UTF8: Final = re.compile(rb"SET\s+character_set_client\s*=\s*utf8", re.I)


def _sql_encoding(source: str) -> tuple[str, str]:
    """A dump's encoding and the error handler to read it with. A dump that declares UTF-8 is read as UTF-8 with
    bytes that are no UTF-8 kept as they are (mysqldump writes BLOB values as raw bytes inside string literals
    unless given --hex-blob; they are written back byte for byte); any other dump as the sample shows, and a
    mysqldump --compact file whose sample shows no encoding (raw BLOB bytes) as UTF-8, its default."""
    with open(source, "rb") as handle:
        sample = handle.read(_SAMPLE)
    if _DECLARED_UTF8.search(sample):
        return "utf-8", "surrogateescape"
    try:
        return _encoding(source), "strict"
    except ValueError:
        if _MYSQLDUMP_CLIENT_UTF8.search(sample):
            return "utf-8", "surrogateescape"
        raise


def _sql(source: str, target: str, policy: Policy, progress: Reporter) -> None:
    from .sqldump import mask_dump

    encoding, errors = _sql_encoding(source)
    with (
        open(source, encoding=encoding, errors=errors, newline="") as src,
        open(target, "w", encoding=encoding, newline="", errors=_STAR) as dst,
        _starring(policy, encoding),
    ):
        lines = Lines(src, progress=progress, total=os.path.getsize(source))
        try:
            mask_dump(lines, policy, dst.write)
        except UnicodeDecodeError:
            raise _undecodable(source, encoding, lines.number) from None


#: File types holding one table, named by the file (a pick's ``table`` is matched against that name).
_ONE_TABLE = frozenset({"csv", "tsv", "jsonl", "ndjson"})
_WRITERS: dict[str, Callable[[str, str, Policy, Reporter], None]] = {
    "csv": _csv,
    "tsv": _tsv,
    "xlsx": _xlsx,
    "jsonl": _jsonl,
    "ndjson": _jsonl,
    "sql": _sql,
}
