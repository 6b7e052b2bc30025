"""PostgreSQL server logs with ``log_statement`` and pgaudit lines, e.g. with
``log_line_prefix = '%m [%p] %q%u@%d %h '``:

    2026-05-04 02:13:07.120 CST [4242] alice@crm 203.0.113.9 LOG:  statement: SELECT * FROM customers
    2026-05-04 02:13:07.120 CST [4242] alice@crm 203.0.113.9 LOG:  AUDIT: SESSION,1,1,READ,SELECT,TABLE,public.customers,"SELECT …",<none>
    2026-05-04 02:14:00 CST [4250] bob@crm 198.51.100.4 FATAL:  password authentication failed for user "bob"

The prefix parts after the time are optional. Lines that continue a multi-line statement (starting with a
tab) are counted as continuations. Messages that are not access events are counted as ``ignored``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from typing import Any

from ..events import MAX_LINE, Reject, Row
from ..timeparse import AnyTime, TimeRangeError
from .base import Format, LineByLine, register
from .mapped import _zone
from .sql import describe, is_privilege_change

_LINE = re.compile(
    r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?: [A-Za-z]{2,5}| [+-]\d\d(?::?\d\d)?)?)"
    r"(?: \[(\d+)\])?(?:: \[\d+-\d+\])?"
    r"(?: ([\w.$-]*|\[unknown\])@([\w.$-]*|\[unknown\]))?"
    r"(?: (\[local\]|[0-9A-Fa-f:.]+)(?:\(\d+\))?)?"
    r"\s+(LOG|STATEMENT|FATAL|ERROR|WARNING|NOTICE|INFO|DEBUG\d?|DETAIL|HINT|CONTEXT|PANIC):\s+(.*)"
)
_FAILED_AUTH = re.compile(
    r'(?:password|authentication) .*failed for user "([^"]*)"|no pg_hba\.conf entry for host "([^"]*)", user "([^"]*)"'
)
_AUTHORIZED = re.compile(r"connection authorized: user=(\S+)")
_AUDIT_FIELDS = (
    9  # AUDIT_TYPE,STATEMENT_ID,SUBSTATEMENT_ID,CLASS,COMMAND,OBJECT_TYPE,OBJECT_NAME,STATEMENT,PARAMETER
)


class PostgresParser(LineByLine):
    def __init__(self, options: Mapping[str, Any], state: Mapping[str, Any]) -> None:
        self.time = AnyTime(_zone(options))
        self.label = str(options.get("label", ""))

    def state(self) -> dict[str, Any]:
        return {}

    def _line(self, line: str, n: int) -> Row | Reject:
        if not line.strip():
            return Reject(n, "empty")
        if line[0] in " \t":
            return Reject(n, "continuation")
        if len(line) > MAX_LINE:
            return Reject(n, "too_long")
        m = _LINE.match(line)
        if m is None:
            return Reject(n, "format")
        when, _pid, user, _db, host, level, message = m.groups()
        try:
            ts = self.time(when)
        except TimeRangeError:
            return Reject(n, "time_range")
        except ValueError:
            return Reject(n, "time")
        ip = "" if host in (None, "[local]") else host
        user = "" if user in (None, "[unknown]") else user
        failed = _FAILED_AUTH.search(message) if level == "FATAL" else None
        if failed is not None:
            account = failed.group(1) or failed.group(3) or user
            return (
                ts,
                "auth",
                failed.group(2) or ip,
                account[:128],
                "LOGIN",
                "",
                28000,
                "fail",
                -1,
                -1,
                "postgres",
                "",
                self.label,
                n,
            )
        authorized = _AUTHORIZED.search(message) if level == "LOG" else None
        if authorized is not None:
            return (
                ts,
                "auth",
                ip,
                (user or authorized.group(1))[:128],
                "LOGIN",
                "",
                0,
                "ok",
                -1,
                -1,
                "postgres",
                "",
                self.label,
                n,
            )
        if level != "LOG":
            return Reject(n, "ignored")
        if message.startswith("AUDIT: "):
            return self._audit(message[7:], ts, ip, user, n)
        cut = message.find("statement: ")
        if cut >= 0:
            return self._statement(message[cut + 11 :], ts, ip, user, n)
        if message.startswith("execute "):  # extended protocol: "execute <unnamed>: SELECT …"
            return self._statement(message.split(": ", 1)[-1], ts, ip, user, n)
        return Reject(n, "ignored")

    def _statement(self, statement: str, ts: int, ip: str, user: str, n: int) -> Row:
        verb, target = describe(statement)
        action = "PRIVILEGE" if is_privilege_change(verb, statement) else verb
        return (
            ts,
            "db",
            ip,
            user[:128],
            action,
            target or (verb if action == "PRIVILEGE" else ""),
            0,
            "ok",
            -1,
            -1,
            "postgres",
            "",
            self.label,
            n,
        )

    def _audit(self, body: str, ts: int, ip: str, user: str, n: int) -> Row | Reject:
        try:
            fields = next(csv.reader([body]))
        except (csv.Error, StopIteration):
            return Reject(n, "format")
        if len(fields) < _AUDIT_FIELDS - 1:
            return Reject(n, "format")
        command, object_name, statement = fields[4].upper(), fields[6], fields[7]
        verb, target = describe(statement) if statement and statement != "<not logged>" else (command, "")
        action = (
            "PRIVILEGE"
            if is_privilege_change(command, statement) or is_privilege_change(verb, statement)
            else command
        )
        return (
            ts,
            "db",
            ip,
            user[:128],
            action[:32],
            (object_name or target)[:200],
            0,
            "ok",
            -1,
            -1,
            "pgaudit",
            "",
            self.label,
            n,
        )


register(
    Format(
        "postgres",
        "PostgreSQL 記錄（log_statement / pgaudit）",
        "PostgreSQL log (log_statement / pgaudit)",
        "2026-05-04 02:13:07.120 CST [4242] alice@crm 203.0.113.9 LOG:  statement: SELECT * FROM customers",
        PostgresParser,
    )
)
