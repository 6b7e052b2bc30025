"""Text encoding detection: BOMs, UTF-8, UTF-16 without BOM, Big5/CP950, then charset-normalizer."""

from __future__ import annotations

import codecs

from .units import SkipError

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
