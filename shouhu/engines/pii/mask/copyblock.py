"""The data of PostgreSQL ``COPY … FROM stdin`` blocks in a dump or psql script, text and CSV format.

pg_dump writes text format (tab-separated, ``\\N`` for NULL); people and other tools also write
``COPY t FROM stdin WITH (FORMAT csv, HEADER)``, the older ``WITH CSV HEADER DELIMITER ';'`` and psql's
``\\copy t FROM stdin …``. :func:`copy_options` reads the options from the command line,
:class:`CopyBlock` masks the rows that follow up to ``\\.``. A CSV record may span lines (a quoted
field with a line break); unmasked fields are written back byte for byte, masked ones quoted when
the original was or when the new value needs it, so the block still loads with the same options.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from .core import Policy

#: How one field is masked (column name or ``None``); returns ``None`` for NULL.
FieldMasker = Callable[[str, str | None, Policy], str | None]

_TOKEN: Final = re.compile(r"[Ee]'(?:[^'\\]|\\.|'')*'|'(?:[^']|'')*'|[A-Za-z_][A-Za-z_0-9]*|[(),;]")
_E_UNESCAPE: Final = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}
_TEXT_UNESCAPE: Final = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v"}
_TEXT_ESCAPES: Final = re.compile(r"\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)", re.S)
_TEXT_ESCAPE: Final = {
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}


@dataclass(frozen=True)
class CopyOptions:
    """The options of one ``COPY … FROM stdin`` that matter for reading its data."""

    csv: bool = False
    binary: bool = False
    header: bool = False
    delimiter: str = "\t"
    null: str = "\\N"
    quote: str = '"'
    escape: str = '"'


def _string(token: str) -> str:
    """The value of a quoted option (``'…'`` with ``''``, or ``E'…'`` with backslash escapes)."""
    if token[:1] in "eE":
        body = token[2:-1].replace("''", "'")
        return re.sub(r"\\(.)", lambda m: _E_UNESCAPE.get(m.group(1), m.group(1)), body)
    return token[1:-1].replace("''", "'")


def copy_options(rest: str) -> CopyOptions:
    """Read the options written after ``FROM stdin`` (new ``(FORMAT csv, …)`` or old ``CSV HEADER`` style)."""
    tokens = _TOKEN.findall(rest)
    values: dict[str, str | bool] = {}
    i = 0
    while i < len(tokens):
        word = tokens[i].upper()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if word == "AS":
            i += 1
            continue
        if word == "FORMAT" and nxt:
            values["format"] = nxt.strip("'").lower()
            i += 2
            continue
        if word in ("CSV", "BINARY"):
            values["format"] = word.lower()
        elif word == "HEADER":
            if nxt.strip("'").lower() in ("false", "off", "0"):
                values["header"] = False
                i += 1
            else:
                values["header"] = True
                if nxt.strip("'").lower() in ("true", "on", "1", "match"):
                    i += 1
        elif word in ("DELIMITER", "NULL", "QUOTE", "ESCAPE"):
            j = i + 1
            if j < len(tokens) and tokens[j].upper() == "AS":
                j += 1
            if j < len(tokens) and tokens[j][-1:] == "'":
                values[word.lower()] = _string(tokens[j])
                i = j + 1
                continue
        i += 1
    csv = values.get("format") == "csv"
    quote = str(values.get("quote", '"'))
    return CopyOptions(
        csv=csv,
        binary=values.get("format") == "binary",
        header=bool(values.get("header", False)),
        delimiter=str(values.get("delimiter", "," if csv else "\t")),
        null=str(values.get("null", "" if csv else "\\N")),
        quote=quote,
        escape=str(values.get("escape", quote)),
    )


@dataclass(frozen=True)
class _Field:
    raw: str  # as written in the dump
    value: str  # what PostgreSQL reads
    quoted: bool


def csv_fields(record: str, opts: CopyOptions) -> list[_Field] | None:
    """Split one CSV record (without its line ending); ``None`` while a quoted field is still open."""
    fields: list[_Field] = []
    d, q, e = opts.delimiter, opts.quote, opts.escape
    i, n = 0, len(record)
    while True:
        start = i
        value: list[str] = []
        quoted = False
        while i < n and record[i] != d:
            ch = record[i]
            if ch == q:
                quoted = True
                i += 1
                while True:
                    if i >= n:
                        return None
                    ch = record[i]
                    if ch == e and i + 1 < n and record[i + 1] in (q, e) and (e != q or record[i + 1] == q):
                        value.append(record[i + 1])
                        i += 2
                    elif ch == q:
                        i += 1
                        break
                    else:
                        value.append(ch)
                        i += 1
            else:
                value.append(ch)
                i += 1
        fields.append(_Field(record[start:i], "".join(value), quoted))
        if i >= n:
            return fields
        i += 1  # the delimiter


def _csv_quote(text: str, opts: CopyOptions) -> str:
    q, e = opts.quote, opts.escape
    body = text.replace(e, e + e) if e != q else text
    return q + body.replace(q, e + q) + q


def _needs_quotes(text: str, opts: CopyOptions) -> bool:
    return (
        text == opts.null
        or any(c in text for c in (opts.delimiter, opts.quote, opts.escape, "\r", "\n"))
        or text.startswith("\\.")
        or text != text.strip(" ")
    )


def text_fields(body: str, delimiter: str) -> list[str]:
    """Split a text-format row on the delimiter, keeping backslash escapes inside each raw field."""
    if "\\" not in body:
        return body.split(delimiter)
    fields: list[str] = []
    start, i, n = 0, 0, len(body)
    while i < n:
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if ch == delimiter:
            fields.append(body[start:i])
            start = i + 1
        i += 1
    fields.append(body[start:])
    return fields


def _text_char(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "01234567":
        return chr(int(code, 8) & 0xFF)
    if code[0] == "x" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _TEXT_UNESCAPE.get(code, code)


def text_unescape(field: str) -> str:
    """Undo text-format escapes: ``\\t``-style letters, octal ``\\101``, hex ``\\x41``, any other char."""
    if "\\" not in field:
        return field
    return _TEXT_ESCAPES.sub(_text_char, field)


def text_escape(text: str, delimiter: str) -> str:
    out = "".join(_TEXT_ESCAPE.get(c, c) for c in text)
    return out.replace(delimiter, "\\" + delimiter) if delimiter not in _TEXT_ESCAPE else out


def _ending(line: str) -> tuple[str, str]:
    body = line.rstrip("\r\n")
    return body, line[len(body) :]


class CopyBlock:
    """The rows of one COPY block: feed each line, get back masked text (a CSV record may wait for
    the lines that complete it). ``done`` turns true at the ``\\.`` line."""

    def __init__(
        self, columns: list[str], opts: CopyOptions, policy: Policy, mask_field: FieldMasker
    ) -> None:
        self.columns, self.opts, self.policy, self.mask_field = columns, opts, policy, mask_field
        self.done = False
        self._header_left = opts.header
        self._pending: list[str] = []

    def feed(self, line: str, write: Callable[[str], object]) -> None:
        if not self._pending and line.rstrip("\r\n") == "\\.":
            self.done = True
            write(line)
            return
        if self.opts.binary:
            write(line)  # binary data cannot be in a text script; written back as it is
            return
        if not self.opts.csv:
            write(self._text_row(line))
            return
        self._pending.append(line)
        body, ending = _ending("".join(self._pending))
        fields = csv_fields(body, self.opts)
        if fields is None:
            return
        self._pending = []
        write(self._csv_record(body, fields) + ending)

    def close(self, write: Callable[[str], object]) -> None:
        """An unfinished CSV record at the end of the input is written back as it was."""
        if self._pending:
            write("".join(self._pending))
            self._pending = []

    def _column(self, index: int) -> str | None:
        return self.columns[index] if index < len(self.columns) else None

    def _text_row(self, line: str) -> str:
        body, ending = _ending(line)
        if self._header_left:
            self._header_left = False
            return line
        d, null = self.opts.delimiter, self.opts.null
        out: list[str] = []
        for index, raw in enumerate(text_fields(body, d)):
            if raw == null or not raw:
                out.append(raw)
                continue
            text = text_unescape(raw)
            masked = self.mask_field(text, self._column(index), self.policy)
            out.append(null if masked is None else raw if masked == text else text_escape(masked, d))
        return d.join(out) + ending

    def _csv_record(self, body: str, fields: list[_Field]) -> str:
        if self._header_left:
            self._header_left = False
            if not self.columns:
                self.columns = [f.value.strip() for f in fields]
            return body
        out: list[str] = []
        for index, field in enumerate(fields):
            if not field.quoted and field.raw == self.opts.null or not field.value:
                out.append(field.raw)
                continue
            masked = self.mask_field(field.value, self._column(index), self.policy)
            if masked is None:
                out.append(self.opts.null)
            elif masked == field.value:
                out.append(field.raw)
            elif field.quoted or _needs_quotes(masked, self.opts):
                out.append(_csv_quote(masked, self.opts))
            else:
                out.append(masked)
        return self.opts.delimiter.join(out)
