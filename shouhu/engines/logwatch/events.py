"""The normalised event every parser produces, and the reasons a line can be skipped.

An event is a plain tuple in ``COLUMNS`` order (tuples are the cheapest Python record; a 10-million-line
file is parsed into them one chunk at a time). Parsers never raise on bad input: a line they cannot read
becomes a ``Reject`` with a reason code from ``REASONS``; the raw line itself is never kept (it may hold
personal data), only its line number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Final, NamedTuple


class Col:
    """Positions of the event tuple's fields."""

    TS: Final = 0  # event time, UTC epoch milliseconds
    KIND: Final = 1  # "http" | "db" | "auth" | "app"
    IP: Final = 2  # client address as written in the log ("" when absent)
    ACCOUNT: Final = 3  # account name ("" when anonymous)
    ACTION: Final = 4  # HTTP method, SQL verb (SELECT, GRANT, …), LOGIN, or the app's own action name
    TARGET: Final = 5  # URL path without the query string, or the database object
    STATUS: Final = 6  # HTTP status, database error code, or -1 when unknown
    OUTCOME: Final = 7  # "ok", "fail" or "" (not stated by the log)
    BYTES: Final = 8  # bytes sent to the client (-1 unknown)
    ROWS: Final = 9  # rows read or exported (-1 unknown)
    AGENT: Final = 10  # user agent or client program
    DOMAIN: Final = 11  # a host name the event names (Host, referrer host, destination)
    LABEL: Final = 12  # drill label of a synthetic event ("" for real events)
    LINE: Final = 13  # line number in the source file (1-based)


COLUMNS: tuple[tuple[str, str], ...] = (
    ("ts_ms", "BIGINT"),
    ("kind", "VARCHAR"),
    ("ip", "VARCHAR"),
    ("account", "VARCHAR"),
    ("action", "VARCHAR"),
    ("target", "VARCHAR"),
    ("status", "INTEGER"),
    ("outcome", "VARCHAR"),
    ("bytes", "BIGINT"),
    ("rows", "BIGINT"),
    ("agent", "VARCHAR"),
    ("domain", "VARCHAR"),
    ("label", "VARCHAR"),
    ("line", "BIGINT"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _ in COLUMNS)

Row = tuple[int, str, str, str, str, str, int, str, int, int, str, str, str, int]

KINDS = ("http", "db", "auth", "app")
OUTCOMES = ("ok", "fail", "")
MAX_FIELD = 512  # longer field values are cut (a 10 kB URL is an attack, not a record)

# Why a line was skipped: code -> (zh-TW, English).
REASONS: dict[str, tuple[str, str]] = {
    "empty": ("空白行", "empty line"),
    "format": ("不符合所選的記錄格式", "does not match the selected log format"),
    "time": ("時間欄位無法解讀", "time field cannot be read"),
    "time_range": ("時間超出合理範圍（1990–2100 年）", "time outside 1990–2100"),
    "number": ("數字欄位無法解讀（狀態碼、位元組或筆數）", "a number field cannot be read"),
    "json": ("不是有效的 JSON 物件", "not a valid JSON object"),
    "missing_time": ("缺少時間欄位", "no time field"),
    "columns": ("欄位數與標題列不符", "column count differs from the header"),
    "too_long": ("單行超過 64 KB，視為異常", "line longer than 64 KB"),
    "continuation": ("前一筆記錄的續行（多行 SQL），已併入前一筆", "continuation of the previous entry"),
    "corrupt": ("壓縮檔損毀，之後的內容無法讀取", "compressed file is corrupt from here on"),
    "ignored": ("非存取事件（例如伺服器狀態訊息），不列入", "not an access event (e.g. server status)"),
}
# Reasons that are not errors: counted and shown, but not as malformed input.
INFORMATIONAL = frozenset({"empty", "continuation", "ignored"})
MAX_LINE = 64 * 1024


class Reject(NamedTuple):
    line: int
    reason: str


@dataclass
class RejectTally:
    """Skipped lines by reason, with the first line numbers of each (never the line's content)."""

    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[int]] = field(default_factory=dict)
    keep: int = 5

    def add(self, line: int, reason: str) -> None:
        self.counts[reason] += 1
        sample = self.examples.setdefault(reason, [])
        if len(sample) < self.keep:
            sample.append(line)

    def extend(self, rejects: list[Reject]) -> None:
        for line, reason in rejects:
            self.add(line, reason)

    @property
    def malformed(self) -> int:
        return sum(n for reason, n in self.counts.items() if reason not in INFORMATIONAL)

    def to_dict(self) -> dict[str, dict[str, object]]:
        return {
            reason: {
                "count": n,
                "lines": self.examples.get(reason, []),
                "zh": REASONS.get(reason, (reason, reason))[0],
                "en": REASONS.get(reason, (reason, reason))[1],
            }
            for reason, n in sorted(self.counts.items())
        }


def clip(value: str) -> str:
    """One field as stored: tabs and line breaks become spaces, and it is cut to ``MAX_FIELD``."""
    if "\t" in value or "\r" in value or "\n" in value:
        value = value.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return value[:MAX_FIELD] if len(value) > MAX_FIELD else value
