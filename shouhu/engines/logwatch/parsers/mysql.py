"""MySQL / MariaDB logs: the general query log and the MariaDB audit plugin (server_audit) log.

General log (MySQL 5.7+ and MariaDB 10.x spellings)::

    2026-05-04T02:13:07.123456Z	   12 Connect	alice@203.0.113.9 on crm using TCP/IP
    2026-05-04T02:13:07.200000Z	   12 Query	SELECT * FROM customers
    260504  2:13:07	   12 Query	SELECT * FROM customers
                       12 Query	SELECT 1            (MariaDB: same second as the line before)

The account of a query comes from its connection's ``Connect`` line; connection ids are kept in the
parser state so an incremental read still knows them.

server_audit::

    20260504 02:13:07,db1,alice,203.0.113.9,12,34,QUERY,crm,'SELECT * FROM customers',0
    20260504 02:14:00,db1,bob,198.51.100.4,13,0,FAILED_CONNECT,,,1045
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..events import MAX_LINE, Reject, Row
from ..timeparse import AnyTime, TimeRangeError
from .base import Format, LineByLine, register
from .mapped import _zone
from .sql import describe, is_privilege_change

_GENERAL = re.compile(
    r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?|\d{6}\s+\d{1,2}:\d\d:\d\d)?\s+(\d+)\s+([A-Z][A-Za-z ]*?)\t(.*)"
)
_CONNECT = re.compile(r"([^@\s]*)@(\S*)")
_DENIED = re.compile(r"Access denied for user '([^']*)'@'([^']*)'")
_AUDIT = re.compile(
    r"(\d{8} \d\d:\d\d:\d\d),([^,]*),([^,]*),([^,]*),(\d+),(\d+),([A-Z_]+),([^,]*),('(?:[^'\\]|\\.)*'|[^,]*),(-?\d*)\s*$"
)
_MAX_CONNECTIONS = 10_000


class MysqlGeneralParser(LineByLine):
    def __init__(self, options: Mapping[str, Any], state: Mapping[str, Any]) -> None:
        self.time = AnyTime(_zone(options))
        self.label = str(options.get("label", ""))
        raw = state.get("connections")
        self.connections: dict[str, list[str]] = (
            {str(k): [str(x) for x in v][:2] for k, v in raw.items() if isinstance(v, list) and len(v) == 2}
            if isinstance(raw, dict)
            else {}
        )
        last = state.get("last_when")
        self.last_when: str | None = last if isinstance(last, str) else None

    def state(self) -> dict[str, Any]:
        keep = dict(list(self.connections.items())[-_MAX_CONNECTIONS:])
        return {"connections": keep, "last_when": self.last_when}

    def _line(self, line: str, n: int) -> Row | Reject:
        if not line.strip():
            return Reject(n, "empty")
        if len(line) > MAX_LINE:
            return Reject(n, "too_long")
        m = _GENERAL.match(line)
        if m is None:
            # Server banners ("Tcp port: 3306 …", "Time Id Command Argument") and continued statements.
            return Reject(n, "continuation" if line[0] in " \t" else "ignored")
        when, conn, command, argument = m.groups()
        if when is None:
            if self.last_when is None:
                return Reject(n, "time")
            when = self.last_when
        try:
            ts = self.time(when.replace("T", " ") if "T" in when else when)
        except TimeRangeError:
            return Reject(n, "time_range")
        except ValueError:
            return Reject(n, "time")
        self.last_when = when
        command = command.strip()
        if command == "Connect":
            denied = _DENIED.search(argument)
            if denied is not None:
                return (
                    ts,
                    "auth",
                    denied.group(2)[:64],
                    denied.group(1)[:128],
                    "LOGIN",
                    "",
                    1045,
                    "fail",
                    -1,
                    -1,
                    "mysql",
                    "",
                    self.label,
                    n,
                )
            who = _CONNECT.match(argument)
            user, host = (who.group(1), who.group(2)) if who else ("", "")
            if len(self.connections) >= _MAX_CONNECTIONS:
                self.connections.pop(next(iter(self.connections)))
            self.connections[conn] = [user[:128], host[:64]]
            return (
                ts,
                "auth",
                host[:64],
                user[:128],
                "LOGIN",
                "",
                0,
                "ok",
                -1,
                -1,
                "mysql",
                "",
                self.label,
                n,
            )
        if command not in ("Query", "Execute"):
            return Reject(n, "ignored")
        user, host = self.connections.get(conn, ["", ""])
        verb, target = describe(argument)
        action = "PRIVILEGE" if is_privilege_change(verb, argument) else verb
        return (
            ts,
            "db",
            host,
            user,
            action,
            target or (verb if action == "PRIVILEGE" else ""),
            0,
            "ok",
            -1,
            -1,
            "mysql",
            "",
            self.label,
            n,
        )


class MariadbAuditParser(LineByLine):
    def __init__(self, options: Mapping[str, Any], state: Mapping[str, Any]) -> None:
        self.time = AnyTime(_zone(options))
        self.label = str(options.get("label", ""))

    def state(self) -> dict[str, Any]:
        return {}

    def _line(self, line: str, n: int) -> Row | Reject:
        if not line.strip():
            return Reject(n, "empty")
        if len(line) > MAX_LINE:
            return Reject(n, "too_long")
        m = _AUDIT.match(line)
        if m is None:
            return Reject(n, "format")
        when, _server, user, host, _conn, _query, operation, database, obj, retcode = m.groups()
        try:
            ts = self.time(when)
        except TimeRangeError:
            return Reject(n, "time_range")
        except ValueError:
            return Reject(n, "time")
        code = int(retcode or 0)
        if operation in ("CONNECT", "FAILED_CONNECT", "DISCONNECT"):
            if operation == "DISCONNECT":
                return Reject(n, "ignored")
            failed = operation == "FAILED_CONNECT" or code != 0
            return (
                ts,
                "auth",
                host[:64],
                user[:128],
                "LOGIN",
                database[:200],
                code,
                "fail" if failed else "ok",
                -1,
                -1,
                "mariadb",
                "",
                self.label,
                n,
            )
        statement = obj[1:-1].replace("\\'", "'") if obj.startswith("'") else obj
        if operation in ("QUERY", "QUERY_DDL", "QUERY_DML", "QUERY_DCL", "QUERY_DML_NO_SELECT"):
            verb, target = describe(statement)
            action = "PRIVILEGE" if is_privilege_change(verb, statement) else verb
            if action == "PRIVILEGE" and not target:
                target = verb
        else:  # READ / WRITE / CREATE / ALTER / DROP / RENAME on a table
            action, target = operation, (f"{database}.{statement}" if database and statement else statement)
        return (
            ts,
            "db",
            host[:64],
            user[:128],
            action[:32],
            target[:200],
            code,
            "fail" if code else "ok",
            -1,
            -1,
            "mariadb",
            "",
            self.label,
            n,
        )


register(
    Format(
        "mysql_general",
        "MySQL / MariaDB 一般查詢記錄（general log）",
        "MySQL / MariaDB general query log",
        "2026-05-04T02:13:07.123456Z\t   12 Query\tSELECT * FROM customers",
        MysqlGeneralParser,
    )
)
register(
    Format(
        "mariadb_audit",
        "MariaDB 稽核記錄（server_audit）",
        "MariaDB audit plugin log (server_audit)",
        "20260504 02:13:07,db1,alice,203.0.113.9,12,34,QUERY,crm,'SELECT * FROM customers',0",
        MariadbAuditParser,
    )
)
