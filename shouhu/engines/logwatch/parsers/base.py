"""What every log parser offers, and the table of formats (one small class per family)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from ..events import Reject, Row


class Parser(Protocol):
    """Parses a chunk of lines; never raises on bad input. ``state()`` is what a later, incremental read of
    the same file needs (e.g. a CSV header, MySQL connection ids); pass it back as ``state=``."""

    def parse(self, lines: list[str], first_line: int) -> tuple[list[Row], list[Reject]]: ...

    def state(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Format:
    key: str
    label_zh: str
    label_en: str
    example: str
    factory: Callable[[Mapping[str, Any], Mapping[str, Any]], Parser]  # (options, state) -> Parser
    needs_mapping: bool = False


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    FORMATS[fmt.key] = fmt
    return fmt


def make_parser(
    key: str, options: Mapping[str, Any] | None = None, state: Mapping[str, Any] | None = None
) -> Parser:
    try:
        fmt = FORMATS[key]
    except KeyError:
        raise ValueError(f"unknown log format: {key}") from None
    return fmt.factory(options or {}, state or {})


def split_request(request: str) -> tuple[str, str]:
    """ "GET /a/b?x=1 HTTP/1.1" -> ("GET", "/a/b"). The query string is dropped: it may hold personal data."""
    parts = request.split(" ")
    if len(parts) >= 2 and parts[0].isalpha() and parts[0].isupper():
        path = parts[1]
    elif len(parts) == 1 and parts[0].startswith("/"):
        return "", parts[0].split("?", 1)[0]
    else:
        return "", ""  # garbage such as a TLS handshake sent to a plain-HTTP port
    cut = path.find("?")
    if cut >= 0:
        path = path[:cut]
    return parts[0][:16], path


def host_of(url: str) -> str:
    """Host of an absolute URL ("" for "-" or a relative one), lower case, without port or credentials."""
    if "://" not in url:
        return ""
    host = url.split("://", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1]
    if host.startswith("["):
        return host.split("]", 1)[0][1:].lower()
    return host.split(":", 1)[0].lower()


def to_int(text: str) -> int:
    """A log number: "-" or "" means unknown (-1)."""
    if text in ("-", ""):
        return -1
    return int(text)


class LineByLine:
    """``parse`` for the parsers that read each line on its own: ``_line`` gives a Row or a Reject."""

    def _line(self, line: str, n: int) -> Row | Reject:
        raise NotImplementedError

    def parse(self, lines: list[str], first_line: int) -> tuple[list[Row], list[Reject]]:
        rows: list[Row] = []
        rejects: list[Reject] = []
        for n, line in enumerate(lines, first_line):
            result = self._line(line, n)
            if isinstance(result, Reject):
                rejects.append(result)
            else:
                rows.append(result)
        return rows, rejects
