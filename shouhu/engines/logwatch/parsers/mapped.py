"""JSON Lines and CSV logs: fields found by name, with a mapping the user sets once per source.

Without a mapping the usual names are tried (``timestamp``/``time``/``@timestamp``, ``ip``/``client_ip``/
``remote_addr``, ``user``/``account``, …). A CSV source must say which column holds the time; the header
row is read from the file's first line and kept in the parser state for later, incremental reads.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..events import KINDS, MAX_FIELD, MAX_LINE, Reject, Row
from ..timeparse import TAIPEI, AnyTime, TimeRangeError
from .base import Format, host_of, register, split_request

# Normalised field -> names tried when the mapping does not name a column.
DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "time": ("@timestamp", "timestamp", "time", "ts", "datetime", "date", "event_time", "時間"),
    "ip": ("client_ip", "ip", "remote_addr", "src_ip", "source_ip", "clientip", "來源ip"),
    "account": ("user", "account", "username", "user_name", "login", "uid", "帳號"),
    "action": ("action", "method", "event", "operation", "verb", "動作"),
    "target": ("path", "target", "uri", "url", "resource", "endpoint", "table", "object", "目標"),
    "status": ("status", "status_code", "code", "http_status", "狀態"),
    "outcome": ("outcome", "result", "success", "結果"),
    "bytes": ("bytes", "bytes_sent", "body_bytes_sent", "size", "response_size", "位元組"),
    "rows": ("rows", "records", "row_count", "rows_returned", "rows_exported", "筆數"),
    "agent": ("user_agent", "agent", "http_user_agent", "client", "ua"),
    "domain": ("domain", "host", "dest_host", "hostname", "destination"),
    "kind": ("kind", "type", "log_type"),
}
FIELDS = tuple(DEFAULT_NAMES)
_OK = {"ok", "success", "succeeded", "true", "1", "allow", "allowed", "pass", "成功"}
_FAIL = {"fail", "failed", "failure", "false", "0", "deny", "denied", "error", "reject", "rejected", "失敗"}


def _zone(options: Mapping[str, Any]) -> dt.tzinfo:
    try:
        return ZoneInfo(str(options.get("timezone") or "Asia/Taipei"))
    except (ZoneInfoNotFoundError, ValueError):
        return TAIPEI


def _outcome(value: Any, status: int) -> str:
    if value is None or value == "":
        return "fail" if status in (401, 403) else ""
    text = str(value).strip().lower()
    if text in _OK:
        return "ok"
    if text in _FAIL:
        return "fail"
    return ""


def _number(value: Any) -> int:
    if value is None or value == "" or value == "-":
        return -1
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("not a number")
        number = int(value)
    else:
        number = int(str(value).strip().replace(",", ""))
    if not -1 <= number < 2**62:
        raise ValueError("out of range")
    return number


class _Mapped:
    """Shared mapping of one record (a dict of column -> value) into an event row."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        mapping = options.get("mapping") or {}
        self.names: dict[str, tuple[str, ...]] = {}
        for name in FIELDS:
            chosen = str(mapping.get(name) or "").strip()
            self.names[name] = (chosen,) if chosen else DEFAULT_NAMES[name]
        self.time = AnyTime(_zone(options))
        self.kind = str(options.get("kind") or "app")
        self.label = str(options.get("label", ""))

    def _get(self, record: Mapping[str, Any], name: str) -> Any:
        for key in self.names[name]:
            if key in record:
                return record[key]
        return None

    def row(self, record: Mapping[str, Any], n: int) -> Row | Reject:
        when = self._get(record, "time")
        if when is None or when == "":
            return Reject(n, "missing_time")
        try:
            ts = self.time(when)
        except TimeRangeError:
            return Reject(n, "time_range")
        except (ValueError, OverflowError):
            return Reject(n, "time")
        try:
            status = _number(self._get(record, "status"))
            size = _number(self._get(record, "bytes"))
            rows = _number(self._get(record, "rows"))
        except (ValueError, OverflowError):
            return Reject(n, "number")
        action = self._text(record, "action")
        target = self._text(record, "target", MAX_FIELD)
        if target and (" " in target and target.split(" ", 1)[0].isupper()):
            action, target = split_request(target)  # a whole request line in one field
        elif "://" in target:
            rest = target.split("://", 1)[1]
            target = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
        target = target.split("?", 1)[0]
        kind = self._text(record, "kind").lower()
        return (
            ts,
            kind if kind in KINDS else self.kind,
            self._text(record, "ip", 64),
            self._text(record, "account", 128),
            action[:32],
            target,
            status,
            _outcome(self._get(record, "outcome"), status),
            size,
            rows,
            self._text(record, "agent", 200),
            host_of(self._text(record, "domain")) or self._text(record, "domain", 253).lower(),
            self.label,
            n,
        )

    def _text(self, record: Mapping[str, Any], name: str, limit: int = 128) -> str:
        value = self._get(record, name)
        if value is None or isinstance(value, dict | list):
            return ""
        text = str(value)
        if "\t" in text or "\n" in text or "\r" in text:
            text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
        return text[:limit]


class JsonLinesParser:
    def __init__(self, options: Mapping[str, Any], state: Mapping[str, Any]) -> None:
        self.mapped = _Mapped(options)

    def state(self) -> dict[str, Any]:
        return {}

    def parse(self, lines: list[str], first_line: int) -> tuple[list[Row], list[Reject]]:
        rows: list[Row] = []
        rejects: list[Reject] = []
        for n, line in enumerate(lines, first_line):
            if not line.strip():
                rejects.append(Reject(n, "empty"))
                continue
            if len(line) > MAX_LINE:
                rejects.append(Reject(n, "too_long"))
                continue
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                rejects.append(Reject(n, "json"))
                continue
            if not isinstance(record, dict):
                rejects.append(Reject(n, "json"))
                continue
            result = self.mapped.row(record, n)
            (rejects if isinstance(result, Reject) else rows).append(result)  # type: ignore[arg-type]
        return rows, rejects


class CsvParser:
    def __init__(self, options: Mapping[str, Any], state: Mapping[str, Any]) -> None:
        self.mapped = _Mapped(options)
        self.mapped.names = {k: tuple(n.lower() for n in v) for k, v in self.mapped.names.items()}
        self.delimiter = str(options.get("delimiter") or ",")[:1]
        header = state.get("header")
        self.header: list[str] | None = [str(h) for h in header] if isinstance(header, list) else None

    def state(self) -> dict[str, Any]:
        return {"header": self.header} if self.header is not None else {}

    def parse(self, lines: list[str], first_line: int) -> tuple[list[Row], list[Reject]]:
        rows: list[Row] = []
        rejects: list[Reject] = []
        for n, line in enumerate(lines, first_line):
            if not line.strip():
                rejects.append(Reject(n, "empty"))
                continue
            if len(line) > MAX_LINE:
                rejects.append(Reject(n, "too_long"))
                continue
            try:
                cells = next(csv.reader([line], delimiter=self.delimiter))
            except csv.Error:
                rejects.append(Reject(n, "format"))
                continue
            if self.header is None:
                self.header = [c.strip().lstrip("\ufeff").lower() for c in cells]
                continue
            if [c.strip().lstrip("\ufeff").lower() for c in cells] == self.header:
                continue  # the header repeated (files concatenated)
            if len(cells) != len(self.header):
                rejects.append(Reject(n, "columns"))
                continue
            result = self.mapped.row(dict(zip(self.header, cells, strict=True)), n)
            (rejects if isinstance(result, Reject) else rows).append(result)  # type: ignore[arg-type]
        return rows, rejects


register(
    Format(
        "jsonl",
        "JSON Lines（每行一個 JSON 物件）",
        "JSON Lines (one JSON object a line)",
        '{"timestamp": "2026-05-04T02:13:07+08:00", "user": "alice", "action": "export", "path": "/api/customers", "rows": 5000}',
        JsonLinesParser,
    )
)
register(
    Format(
        "csv",
        "CSV（需設定欄位對應）",
        "CSV (needs a column mapping)",
        "time,user,ip,action,target,rows\n2026-05-04 02:13:07,alice,203.0.113.9,export,customers,5000",
        CsvParser,
        needs_mapping=True,
    )
)
