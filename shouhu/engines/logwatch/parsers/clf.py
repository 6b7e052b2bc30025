"""nginx and Apache access logs: the combined and the common log format (CLF).

    203.0.113.9 - alice [04/May/2026:02:13:07 +0800] "GET /api/customers/7 HTTP/1.1" 200 5120 "-" "curl/8.5"

Extra fields after the standard ones (request time, X-Forwarded-For, …) are allowed and ignored. Apache's
``\\"`` escapes and nginx's ``\\x22`` escapes inside quoted fields are both read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..events import MAX_FIELD, MAX_LINE, Reject, Row
from ..timeparse import ClfTime, TimeRangeError
from .base import Format, host_of, register, split_request

_Q = r'"([^"\\\n]*(?:\\[^\n][^"\\\n]*)*)"'
_FIELDS = r"(\S+) \S+ (\S+) \[([^\]\n]{1,40})\] " + _Q + r" (\d{3}|-) (\d{1,15}|-)(?: " + _Q + " " + _Q + ")?"
_CLF = re.compile(_FIELDS)
# The same over a whole chunk at once: one tuple per line, the last group holding a line that does not match.
_CHUNK = re.compile(r"^(?:" + _FIELDS + r"[^\n]*|([^\n]*))$", re.M)


class ClfParser:
    def __init__(self, options: Mapping[str, Any], state: Mapping[str, Any]) -> None:
        self.time = ClfTime()
        self.label = str(options.get("label", ""))

    def state(self) -> dict[str, Any]:
        return {}

    def _split(self, lines: list[str]) -> list[tuple[str, ...]]:
        """Fields of every line with one regular-expression call per chunk; per line if the chunk has
        characters that would make lines and matches disagree."""
        found = _CHUNK.findall("\n".join(lines))
        if len(found) == len(lines):
            return found
        out: list[tuple[str, ...]] = []
        for line in lines:
            m = _CLF.match(line)
            out.append((*m.groups(default=""), "") if m else ("",) * 8 + (line or " ",))
        return out

    def parse(self, lines: list[str], first_line: int) -> tuple[list[Row], list[Reject]]:
        rows: list[Row] = []
        rejects: list[Reject] = []
        add, bad, time, label = rows.append, rejects.append, self.time, self.label
        for n, fields in enumerate(self._split(lines), first_line):
            ip, user, when, request, status, size, referer, agent, other = fields
            if not ip:
                line = lines[n - first_line]
                if not line.strip():
                    bad(Reject(n, "empty"))
                else:
                    bad(Reject(n, "too_long" if len(line) > MAX_LINE else "format"))
                continue
            try:
                ts = time(when)
            except TimeRangeError:
                bad(Reject(n, "time_range"))
                continue
            except ValueError:
                bad(Reject(n, "time"))
                continue
            sp = request.find(" ")
            if sp > 0 and request[:sp].isupper() and request[:sp].isalpha():
                method = request[:sp][:16]
                end = request.find(" ", sp + 1)
                path = request[sp + 1 : end] if end > 0 else request[sp + 1 :]
                q = path.find("?")
                if q >= 0:
                    path = path[:q]
            else:
                method, path = split_request(request)
            add(
                (
                    ts,
                    "http",
                    ip[:64],
                    "" if user == "-" else user[:128],
                    method,
                    path[:MAX_FIELD],
                    -1 if status == "-" else int(status),
                    "",
                    -1 if size == "-" else int(size),
                    -1,
                    (agent or "")[:200],
                    host_of(referer) if referer else "",
                    label,
                    n,
                )
            )
        return rows, rejects


register(
    Format(
        "combined",
        "nginx / Apache combined 格式",
        "nginx / Apache combined format",
        '203.0.113.9 - alice [04/May/2026:02:13:07 +0800] "GET /api/customers/7 HTTP/1.1" 200 5120 "-" "curl/8.5"',
        ClfParser,
    )
)
register(
    Format(
        "common",
        "nginx / Apache common 格式（CLF）",
        "nginx / Apache common log format (CLF)",
        '203.0.113.9 - alice [04/May/2026:02:13:07 +0800] "GET /api/customers/7 HTTP/1.1" 200 5120',
        ClfParser,
    )
)
