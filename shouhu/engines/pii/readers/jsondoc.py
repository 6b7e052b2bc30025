"""JSON and JSON Lines: leaf values with JSON pointers; key names act as column hints."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..options import ScanOptions
from .text import open_text
from .units import Fields, Lines, SkipError

_BATCH = 2000


def _leaves(node: Any, pointer: str, key: str, out: list[tuple[str, str, str]]) -> None:
    stack = [(node, pointer, key)]
    while stack:
        value, ptr, name = stack.pop()
        if isinstance(value, dict):
            for k, v in reversed(list(value.items())):
                k = str(k)
                stack.append((v, f"{ptr}/{k.replace('~', '~0').replace('/', '~1')}", k))
        elif isinstance(value, list):
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], f"{ptr}/{i}", name))
        elif value is not None and not isinstance(value, bool):
            out.append((ptr, name, str(value)))


def read_json(handle: BinaryIO, opts: ScanOptions) -> Iterator[Fields | Lines]:
    """Yield the leaves of a JSON document; text that is not JSON is scanned as plain lines."""
    stream = open_text(handle)
    text = stream.read()
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        yield from _as_lines(text, opts)
        return
    leaves: list[tuple[str, str, str]] = []
    _leaves(document, "", "", leaves)
    for i in range(0, len(leaves), _BATCH):
        yield Fields([(None, p, k, v) for p, k, v in leaves[i : i + _BATCH]])


def _as_lines(text: str, opts: ScanOptions) -> Iterator[Lines]:
    if any(len(line) > opts.max_line_chars for line in text.splitlines()):
        raise SkipError("行過長 / line longer than the limit")
    yield Lines(text, 1)


def read_jsonl(handle: BinaryIO, opts: ScanOptions) -> Iterator[Fields | Lines]:
    """Yield the leaves of each JSON line (``line`` is set); invalid lines are scanned as text."""
    stream = open_text(handle)
    items: list[tuple[int | None, str, str, str]] = []
    number = 0
    while True:
        line = stream.readline(opts.max_line_chars + 1)
        if not line:
            break
        number += 1
        if len(line) > opts.max_line_chars:
            raise SkipError(f"第 {number} 行過長 / line {number} too long")
        if not line.strip():
            continue
        try:
            document = json.loads(line)
        except (ValueError, RecursionError):
            if items:
                yield Fields(items)
                items = []
            yield Lines(line if line.endswith("\n") else line + "\n", number)
            continue
        leaves: list[tuple[str, str, str]] = []
        _leaves(document, "", "", leaves)
        items.extend((number, p, k, v) for p, k, v in leaves)
        if len(items) >= _BATCH:
            yield Fields(items)
            items = []
    if items:
        yield Fields(items)
