"""One read of a log: chunks of lines -> parser -> countries -> detector -> store, with progress.

Memory stays bounded by the chunk size whatever the file's size: nothing keeps the lines of a finished
chunk. The caller owns the file, the offsets it saved and what happens to the findings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any, Protocol

from .detect import Detector
from .events import RejectTally, Row
from .geo import CountryLookup
from .parsers import Parser
from .reader import CHUNK, CorruptFileError, read_chunks


class Sink(Protocol):
    def write(self, rows: list[Row], countries: list[str]) -> None: ...


@dataclass
class ReadResult:
    start: int
    end: int  # offset to resume from next time
    lines: int  # lines read (complete lines, including skipped ones)
    end_line: int
    events: int = 0
    bytes_read: int = 0
    first_ms: int | None = None
    last_ms: int | None = None
    rejects: RejectTally = field(default_factory=RejectTally)
    parser_state: dict[str, Any] = field(default_factory=dict)
    corrupt: bool = False  # a compressed file broke off; everything before the break was read


def run(
    stream: IO[bytes],
    *,
    parser: Parser,
    sink: Sink | None,
    detector: Detector | None = None,
    countries: CountryLookup | None = None,
    start: int = 0,
    start_line: int = 0,
    final: bool = True,
    encoding: str = "utf-8",
    total_bytes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    chunk_size: int = CHUNK,
) -> ReadResult:
    lookup = countries or CountryLookup()
    result = ReadResult(start=start, end=start, lines=0, end_line=start_line)
    try:
        _read(
            stream, parser, sink, detector, lookup, result, final, encoding, total_bytes, progress, chunk_size
        )
    except CorruptFileError:
        result.corrupt = True
        result.rejects.add(result.end_line + 1, "corrupt")
    result.parser_state = parser.state()
    return result


def _read(
    stream: IO[bytes],
    parser: Parser,
    sink: Sink | None,
    detector: Detector | None,
    lookup: CountryLookup,
    result: ReadResult,
    final: bool,
    encoding: str,
    total_bytes: int | None,
    progress: Callable[[int, int], None] | None,
    chunk_size: int,
) -> None:
    start = result.start
    for chunk in read_chunks(
        stream, start=start, start_line=result.end_line, final=final, encoding=encoding, chunk_size=chunk_size
    ):
        rows, rejects = parser.parse(chunk.lines, chunk.first_line)
        result.rejects.extend(rejects)
        if rows:
            where = lookup.many([r[2] for r in rows])
            if detector is not None:
                detector.feed(rows, where)
            if sink is not None:
                sink.write(rows, where)
            low, high = min(r[0] for r in rows), max(r[0] for r in rows)
            result.first_ms = low if result.first_ms is None else min(result.first_ms, low)
            result.last_ms = high if result.last_ms is None else max(result.last_ms, high)
        result.events += len(rows)
        result.lines += len(chunk.lines)
        result.end, result.end_line = chunk.end, chunk.first_line + len(chunk.lines) - 1
        result.bytes_read = chunk.end - start
        if progress is not None:
            progress(chunk.end, total_bytes or chunk.end)
