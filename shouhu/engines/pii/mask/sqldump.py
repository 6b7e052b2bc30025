"""Masked copies of SQL dumps: ``INSERT … VALUES`` over any number of rows and lines, and
PostgreSQL ``COPY … FROM stdin`` blocks in text format (pg_dump's default) or CSV format, also psql's
``\\copy … from stdin`` (see :mod:`.copyblock`), streamed statement by statement.

Column names come from the statement's column list, else from the ``CREATE TABLE`` earlier in the
dump (mysqldump writes ``INSERT INTO `t` VALUES …`` without one), so column rules and column hints
apply to dumps as to CSV files. String literals are unescaped before masking and escaped again
(``''`` for a quote; backslashes only where the dump uses them as escapes: MySQL, or PostgreSQL
``E'…'`` strings and ``standard_conforming_strings = off``). A literal that is not masked is
written back byte for byte. Unquoted numbers and ISO dates keep their type (a masked number stays
a number, a generalised date stays a date) so the masked dump still loads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Final

from .copyblock import CopyBlock, CopyOptions, copy_options
from .core import Policy, mask_cell, mask_text

#: One identifier: bare, or quoted as PostgreSQL/SQLite ("a ""b"""), MySQL (`a``b`) or SQL Server ([a b]) write it.
_IDENT: Final = r'(?:"(?:[^"]|"")+"|`(?:[^`]|``)+`|\[[^\]]+\]|[\w$]+)'
_NAME: Final = rf"(?:{_IDENT}\s*\.\s*)*(?P<table>{_IDENT})"
_COLS: Final = rf"\((?P<cols>\s*{_IDENT}(?:\s*,\s*{_IDENT})*\s*)\)"
_INSERT: Final = re.compile(rf"\s*INSERT\s+(?:IGNORE\s+)?INTO\s+{_NAME}\s*(?:{_COLS})?\s*VALUES\s*", re.I)
_COPY: Final = re.compile(
    rf"\s*(?P<meta>\\)?COPY\s+{_NAME}\s*(?:{_COLS})?\s+FROM\s+(?P<source>'(?:[^']|'')*'|[^\s;]+)(?P<rest>.*)",
    re.I | re.S,
)
_CREATE: Final = re.compile(
    rf"\s*CREATE\s+(?:UNLOGGED\s+|TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?{_NAME}\s*\(", re.I
)
_COLUMN_LINE: Final = re.compile(rf"\s*(?P<name>{_IDENT})\s+\w")
_CONSTRAINT_WORDS: Final = frozenset(
    {"PRIMARY", "KEY", "UNIQUE", "CONSTRAINT", "INDEX", "FOREIGN", "CHECK", "FULLTEXT", "SPATIAL", "EXCLUDE"}
)
_CONFORMING: Final = re.compile(r"\s*SET\s+standard_conforming_strings\s*=\s*'?(on|off)'?", re.I)
#: A line only SQLite's dumps write (``PRAGMA …``; ``BEGIN TRANSACTION;``, which MySQL does not accept): in SQLite a
#: backslash inside a string is just a backslash, never an escape.
_SQLITE: Final = re.compile(r"\s*(?:PRAGMA\s|BEGIN\s+TRANSACTION\s*;)", re.I)
_NUMBER: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_INT_TEXT: Final = re.compile(r"-?(?:0|[1-9][0-9]*)")
_ISO_DATE: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
)
#: Numbers shorter than this are not identifiers; they are masked only under a column rule.
MIN_ID_DIGITS: Final = 7

_MYSQL_UNESCAPE: Final = {"0": "\0", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a", "b": "\b"}


def unquote(name: str) -> str:
    """An identifier as named: quotes taken off, doubled quotes inside made single."""
    if len(name) >= 2 and name[0] == name[-1] and name[0] in '"`':
        return name[1:-1].replace(name[0] * 2, name[0])
    if len(name) >= 2 and name[0] == "[" and name[-1] == "]":
        return name[1:-1]
    return name


def _split_columns(cols: str | None) -> list[str]:
    return [unquote(c) for c in re.findall(_IDENT, cols)] if cols else []


_CLOSING: Final = {"'": "'", '"': '"', "`": "`", "[": "]"}


def _bare(text: str, quote: str, backslash: bool) -> tuple[list[tuple[int, str]], str]:
    """The parentheses and commas of ``text`` outside quoted strings and names, with their offsets, and
    the quote still open at its end (``quote``: the one open at its start)."""
    found: list[tuple[int, str]] = []
    skip = False
    for i, ch in enumerate(text):
        if skip:
            skip = False
        elif quote:
            if ch == "\\" and quote == "'" and backslash:
                skip = True
            elif ch == _CLOSING[quote]:
                quote = ""
        elif ch in _CLOSING:
            quote = ch
        elif ch in "(),":
            found.append((i, ch))
    return found, quote


def _column_names(body: str, backslash: bool = True) -> list[str]:
    """Column names of a ``CREATE TABLE`` body: the first word of each top-level definition (commas and
    parentheses inside quoted names, defaults and comments' strings do not count)."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in _bare(body, "", backslash)[0]:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    names = []
    for part in parts:
        column = _COLUMN_LINE.match(part)
        if column is None:
            continue
        name = column.group("name")
        if name.upper() not in _CONSTRAINT_WORDS:  # a quoted "key" is a column, a bare KEY is not
            names.append(unquote(name))
    return names


def _unescape(raw: str, backslash: bool) -> str:
    out: list[str] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch == "\\" and backslash and i + 1 < n:
            nxt = raw[i + 1]
            out.append(_MYSQL_UNESCAPE.get(nxt, nxt))
            i += 2
            continue
        if ch == "'" and i + 1 < n and raw[i + 1] == "'":
            out.append("'")
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _escape(text: str, backslash: bool) -> str:
    # a raw line feed is valid inside a quoted string; a raw \r is escaped (the mysql client drops a carriage
    # return before a line feed when it reads a script line by line)
    if backslash:
        text = text.replace("\\", "\\\\").replace("\0", "\\0").replace("\r", "\\r")
    return text.replace("'", "''")


def _mask_typed(text: str, column: str | None, policy: Policy, *, number: bool) -> str | None:
    """Mask a number or an ISO date so that it keeps its type; ``None`` means SQL NULL."""
    from .files import mask_any

    value: int | Decimal | dt.date | dt.datetime
    if number:
        value = int(text) if "." not in text else Decimal(text)
        if isinstance(value, Decimal):
            return text  # decimals (amounts) are no identifiers
    else:
        value = dt.datetime.fromisoformat(text) if len(text) > 10 else dt.date.fromisoformat(text)
    masked = mask_any(value, column, policy)
    if masked is None:
        return None
    if masked == value:
        return text
    if isinstance(masked, dt.datetime):
        return masked.isoformat(sep=" ")
    if isinstance(masked, dt.date):
        return masked.isoformat()
    return str(masked)


def _date_like(text: str) -> bool:
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        dt.datetime.fromisoformat(text) if len(text) > 10 else dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _mask_string(text: str, column: str | None, policy: Policy) -> str:
    """A string value: a JSON object or array (a JSON/JSONB column, JSON kept in text) walked value by value, each
    under its own key, as a database copy does (masked as one flat text, a key's neighbours lent each other context:
    a tag next to "tel" was masked as a name); other text masked by its column, or by detection alone."""
    from .files import mask_any

    if text.lstrip()[:1] in ("{", "["):
        masked = mask_any(text, column, policy)
        if isinstance(masked, str):
            return masked
    return mask_cell(text, column, policy) if column else mask_text(text, policy)


def _mask_literal(raw: str, column: str | None, policy: Policy, backslash: bool) -> str | None:
    """Return the masked literal body (escaped), or ``None`` for NULL."""
    text = _unescape(raw, backslash)
    if _date_like(text):
        masked_date = _mask_typed(text, column, policy, number=False)
        return None if masked_date is None else _escape(masked_date, backslash)
    masked = _mask_string(text, column, policy)
    return raw if masked == text else _escape(masked, backslash)


def _wants_number(token: str, column: str | None, policy: Policy) -> bool:
    return sum(c.isdigit() for c in token) >= MIN_ID_DIGITS or policy.rule_for(column) is not None


def mask_insert(
    statement: str, policy: Policy, *, backslash: bool = True, columns: list[str] | None = None
) -> str:
    """Mask the values of one ``INSERT … VALUES (…), (…);`` statement (it may span lines).

    ``columns`` names the table's columns when the statement has no column list.
    """
    head = _INSERT.match(statement)
    if head is None:
        return statement
    names = _split_columns(head.group("cols")) or list(columns or [])
    policy.table = unquote(
        head.group("table")
    )  # what a pick's table and a ``table.column`` rule are matched against
    out = [statement[: head.end()]]
    i, n = head.end(), len(statement)
    depth, index = 0, 0
    while i < n:
        ch = statement[i]
        if ch == "'":
            escapes = backslash or (
                i > 0 and statement[i - 1] in "eE" and not statement[i - 2 : i - 1].isalnum()
            )
            j = i + 1
            while j < n:
                if statement[j] == "\\" and escapes:
                    j += 2
                    continue
                if statement[j] == "'":
                    if j + 1 < n and statement[j + 1] == "'":
                        j += 2
                        continue
                    break
                j += 1
            if j >= n:  # an unterminated literal: nothing after it can be parsed, keep it as written
                out.append(statement[i:])
                break
            column = names[index] if index < len(names) else None
            body = _mask_literal(statement[i + 1 : j], column, policy, escapes)
            out.append("NULL" if body is None else "'" + body + "'")
            i = j + 1
            continue
        if depth == 1 and (ch == "-" or ch.isdigit()) and statement[i - 1] in "(, \t\r\n":
            number = _NUMBER.match(statement, i)
            if number is not None and not statement[number.end() : number.end() + 1].isalnum():
                token = number.group()
                column = names[index] if index < len(names) else None
                if _wants_number(token, column, policy):
                    masked = _mask_typed(token, column, policy, number=True)
                    out.append("NULL" if masked is None else masked)
                else:
                    out.append(token)
                i = number.end()
                continue
        if ch == "(":
            depth += 1
            if depth == 1:
                index = 0
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 1:
            index += 1
        out.append(ch)
        i += 1
    return "".join(out)


def copy_field(text: str, column: str | None, policy: Policy) -> str | None:
    """Mask one COPY field's value (unescaped); ``None`` for NULL. Integers and dates keep their type."""
    if _INT_TEXT.fullmatch(text):
        return _mask_typed(text, column, policy, number=True) if _wants_number(text, column, policy) else text
    if _date_like(text):
        return _mask_typed(text, column, policy, number=False)
    return _mask_string(text, column, policy)


def mask_copy_row(line: str, columns: list[str], policy: Policy) -> str:
    """Mask one row of a text-format ``COPY … FROM stdin`` block (tabs, ``\\N`` for NULL)."""
    out: list[str] = []
    CopyBlock(columns, CopyOptions(), policy, copy_field).feed(line, out.append)
    return "".join(out)


class DumpMasker:
    """Streams a dump: feed lines, get masked lines back (statement by statement)."""

    def __init__(self, policy: Policy, *, backslash: bool = True) -> None:
        self.policy = policy
        # MySQL dumps and PostgreSQL with standard_conforming_strings off; a PostgreSQL dump saying it is on, or a
        # SQLite dump (PRAGMA, BEGIN TRANSACTION), turns it off
        self.backslash = backslash
        self.tables: dict[str, list[str]] = {}
        self._create: str | None = None
        self._create_body: list[str] = []
        self._create_quote = ""  # a quote left open at the end of a CREATE TABLE line
        self._depth = 0
        self._copy: CopyBlock | None = None
        self._insert: list[str] = []
        self._quote = ""  # the open quote character while an INSERT spans lines
        self._escape = False

    def feed(self, line: str, write: Callable[[str], object]) -> None:
        if self._copy is not None:
            self._copy.feed(line, write)
            if self._copy.done:
                self._copy = None
            return
        if self._insert:
            self._insert_part(line, write)
            return
        if self._create is not None:
            self._create_line(line)
            write(line)
            return
        head = line.lstrip()[:6].upper()
        if head == "INSERT" and _INSERT.match(line):
            self._quote, self._escape = "", False
            self._insert_part(line, write)
            return
        if head.startswith(("COPY", "\\COPY")):
            self._start_copy(line)
        elif head == "CREATE":
            create = _CREATE.match(line)
            if create is not None:
                self._create, self._create_body, self._depth = unquote(create.group("table")).lower(), [], 0
                self._create_quote = ""
                self._create_line(line[create.end() :])
        elif head.startswith("SET"):
            setting = _CONFORMING.match(line)
            if setting is not None:
                self.backslash = setting.group(1).lower() == "off"
        elif head.startswith(("PRAGMA", "BEGIN")) and _SQLITE.match(line):
            self.backslash = False
        write(line)

    def _start_copy(self, line: str) -> None:
        """Open the data block of ``COPY … FROM stdin`` (or note a ``\\copy`` reading another file)."""
        copy = _COPY.match(line)
        if copy is None:
            return
        table = unquote(copy.group("table"))
        source = copy.group("source").lower()
        if source != "stdin":
            if copy.group("meta") or source.startswith("'"):
                self.policy.notes.append(
                    f"{table}：由 {copy.group('source')[:60]} 讀入的資料不在此檔中，未遮罩，請另行遮罩該檔 / "
                    f"COPY data read from {copy.group('source')[:60]} is not in this file and was not masked"
                )
            return
        columns = _split_columns(copy.group("cols")) or self.tables.get(table.lower(), [])
        opts = copy_options(copy.group("rest"))
        self.policy.table = table
        self._copy = CopyBlock(columns, opts, self.policy, copy_field)

    def close(self, write: Callable[[str], object]) -> None:
        """Write what is left (an INSERT without its closing semicolon is masked as it is)."""
        if self._copy is not None:
            self._copy.close(write)
            self._copy = None
        if self._insert:
            write(self._masked_insert("".join(self._insert)))
            self._insert = []

    def _create_line(self, line: str) -> None:
        """Collect a ``CREATE TABLE`` body (one or many lines) up to its closing parenthesis."""
        if self._create is None:
            return
        marks, quote = _bare(line, self._create_quote, self.backslash)
        for i, ch in marks:
            if ch == "(":
                self._depth += 1
            elif ch == ")":
                if self._depth == 0:
                    self._create_body.append(line[:i])
                    self.tables[self._create] = _column_names("".join(self._create_body), self.backslash)
                    self._create, self._create_body, self._create_quote = None, [], ""
                    return
                self._depth -= 1
        self._create_quote = quote
        self._create_body.append(line)

    def _masked_insert(self, statement: str) -> str:
        head = _INSERT.match(statement)
        columns = self.tables.get(unquote(head.group("table")).lower(), []) if head else []
        return mask_insert(statement, self.policy, backslash=self.backslash, columns=columns)

    def _insert_part(self, line: str, write: Callable[[str], object]) -> None:
        """Add ``line`` to the pending INSERT; write it masked once its closing ``;`` is seen."""
        end = self._statement_end(line)
        if end < 0:
            self._insert.append(line)
            return
        self._insert.append(line[: end + 1])
        write(self._masked_insert("".join(self._insert)))
        self._insert = []
        rest = line[end + 1 :]
        if rest:
            if rest.strip() and _INSERT.match(rest):
                self._quote, self._escape = "", False
                self._insert_part(rest, write)
            else:
                write(rest)

    def _statement_end(self, line: str) -> int:
        """Index of the ``;`` that ends the statement in ``line`` (quotes tracked across lines), or -1."""
        quote, escape = self._quote, self._escape
        for i, ch in enumerate(line):
            if escape:
                escape = False
            elif quote:
                if ch == "\\" and quote == "'" and self.backslash:
                    escape = True
                elif ch == quote:
                    quote = ""
            elif ch in "'\"`":
                quote = ch
            elif ch == ";":
                self._quote, self._escape = "", False
                return i
        self._quote, self._escape = quote, escape
        return -1


def mask_dump(lines: Iterable[str], policy: Policy, write: Callable[[str], object]) -> None:
    """Mask a whole dump read as lines (newlines kept), writing masked text through ``write``."""
    masker = DumpMasker(policy)
    for line in lines:
        masker.feed(line, write)
    masker.close(write)
