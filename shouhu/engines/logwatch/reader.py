"""Read a log file in chunks of whole lines, from where the last read stopped, never the whole file.

gzip files are recognised by their magic bytes; their offsets count decompressed bytes. A last line
without its newline is left for the next read unless the file is final (an upload), so a file being
written while it is read never yields half a line.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

CHUNK = 4 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"


class CorruptFileError(ValueError):
    """A compressed file that cannot be read on (its readable part has been yielded)."""


@dataclass(frozen=True)
class Chunk:
    start: int  # offset of the first byte of the chunk
    end: int  # offset just past the chunk's last newline
    first_line: int  # line number of the chunk's first line (1-based)
    lines: list[str]


def is_gzip(stream: IO[bytes]) -> bool:
    pos = stream.tell()
    head = stream.read(2)
    stream.seek(pos)
    return head == GZIP_MAGIC


def open_text_stream(stream: IO[bytes]) -> IO[bytes]:
    """The byte stream to read lines from: the decompressed one for gzip."""
    stream.seek(0)
    if is_gzip(stream):
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    return stream


def read_chunks(
    stream: IO[bytes],
    *,
    start: int = 0,
    start_line: int = 0,
    final: bool = True,
    encoding: str = "utf-8",
    chunk_size: int = CHUNK,
) -> Iterator[Chunk]:
    """Yield chunks of complete lines from ``start`` (a byte offset after a newline)."""
    source = open_text_stream(stream)
    if start:
        try:
            source.seek(start)
        except (OSError, io.UnsupportedOperation):
            remaining = start
            while remaining:
                skipped = source.read(min(remaining, chunk_size))
                if not skipped:
                    return
                remaining -= len(skipped)
    offset, line_no, carry = start, start_line, b""
    while True:
        try:
            block = source.read(chunk_size)
        except (OSError, EOFError, zlib.error) as exc:
            raise CorruptFileError("corrupt compressed file") from exc
        if not block:
            break
        data = carry + block
        cut = data.rfind(b"\n")
        if cut < 0:
            carry = data
            continue
        body, carry = data[: cut + 1], data[cut + 1 :]
        lines = _decode(body[:-1], encoding)
        yield Chunk(offset, offset + len(body), line_no + 1, lines)
        offset += len(body)
        line_no += len(lines)
    if carry and final:
        lines = _decode(carry, encoding)
        yield Chunk(offset, offset + len(carry), line_no + 1, lines)


def _decode(body: bytes, encoding: str) -> list[str]:
    text = body.decode(encoding, errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return text.split("\n")
