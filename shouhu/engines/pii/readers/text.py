"""Plain text and log files, read in blocks of whole lines."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from ..options import ScanOptions
from .encoding import detect_encoding, file_sample
from .units import Lines, SkipError

SAMPLE = 64 * 1024


def open_text(handle: BinaryIO) -> io.TextIOWrapper:
    """Wrap a binary handle in a decoder for its detected encoding (newline translation on).

    The encoding is judged on the first ``SAMPLE`` bytes, or past them when they are plain ASCII (see
    :func:`file_sample`): a Big5 export whose first lines are ASCII is not read as UTF-8."""
    sample = file_sample(handle, SAMPLE)
    handle.seek(0)
    encoding = detect_encoding(sample)
    return io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline=None)


def read_text(handle: BinaryIO, opts: ScanOptions) -> Iterator[Lines]:
    """Yield blocks of lines; a line longer than ``max_line_chars`` skips the file."""
    stream = open_text(handle)
    limit = opts.max_line_chars
    parts: list[str] = []
    size = 0
    first = 1
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            break
        number += 1
        if len(line) > limit:
            raise SkipError(f"第 {number} 行過長 / line {number} longer than {limit} characters")
        parts.append(line)
        size += len(line)
        if size >= opts.block_chars:
            yield Lines("".join(parts), first)
            first = number + 1
            parts, size = [], 0
    if parts:
        yield Lines("".join(parts), first)
