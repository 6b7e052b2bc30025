"""Text encoding detection: BOMs, UTF-8, UTF-16 without BOM, Big5/CP950, then charset-normalizer."""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO

from .units import SkipError

#: Bytes read at a time while looking for the first non-ASCII byte of a file (see :func:`file_sample`).
_STEP = 1024 * 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _trial(sample: bytes, encoding: str, *, printable: bool = False) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        text = decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    if printable and text:
        good = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
        return good >= 0.95 * len(text)
    return True


def looks_binary(sample: bytes) -> bool:
    """Return whether a sample holds NUL bytes that are not UTF-16 text."""
    return b"\x00" in sample and detect_utf16(sample) is None


def detect_utf16(sample: bytes) -> str | None:
    """Guess BOM-less UTF-16 from the position of NUL bytes in ASCII-heavy text."""
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05 and _trial(sample, "utf-16-le", printable=True):
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05 and _trial(sample, "utf-16-be", printable=True):
        return "utf-16-be"
    return None


def detect_encoding(sample: bytes, *, guess: bool = True) -> str:
    """Return the encoding of a byte sample (the first 64 KiB of a file is enough).

    BOMs, UTF-16 without BOM, then strict trials of UTF-8 and Big5/CP950; ``guess=False`` stops there
    (the import framework accepts only those) instead of asking charset-normalizer.
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    utf16 = detect_utf16(sample)
    if utf16:
        return utf16
    if b"\x00" in sample:
        raise SkipError("二進位檔案 / binary file")
    if _trial(sample, "utf-8"):
        return "utf-8"
    if _trial(sample, "cp950"):
        return "cp950"
    if not guess:
        raise SkipError("無法辨識文字編碼 / unknown text encoding")
    try:
        import charset_normalizer
    except ImportError:  # optional dependency: without it only the trials above apply
        charset_normalizer = None  # type: ignore[assignment]
    if charset_normalizer is not None:
        best = charset_normalizer.from_bytes(sample).best()
        if best is not None:
            return str(best.encoding)
    raise SkipError("無法辨識文字編碼 / unknown text encoding")


def file_sample(handle: BinaryIO, size: int = 64 * 1024) -> bytes:
    """The bytes that tell a file's encoding: its first ``size`` bytes, or, when those are plain ASCII (no NUL,
    which may be UTF-16), up to ``size`` bytes from the first non-ASCII byte further on.

    A Big5 export often starts with many ASCII lines (numbers, codes); judged by its head alone it would be
    read as UTF-8 and fail (or be garbled) at its first Chinese line. The sample starts at that byte, which
    begins a character in UTF-8 and in Big5 alike (every byte before it is ASCII). Reads from the handle's
    current position; the caller seeks back."""
    head = handle.read(size)
    if not head.isascii() or b"\x00" in head or len(head) < size:
        return head
    while True:
        block = handle.read(_STEP)
        if not block:
            return head
        if not block.isascii():
            found = _NON_ASCII.search(block)
            sample = block[found.start() if found else 0 :][:size]
            return sample + handle.read(size - len(sample))
        if b"\x00" in block:
            return head
