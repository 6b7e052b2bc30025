"""A compiled gate for a regex search whose every match holds one of some plain words.

Python's ``re`` tries such a search at every position its first character class allows (every
letter of a log line, for the ASCII context keywords: about 10 ms per MB of dense log text, nearly
always to find nothing). Hyperscan finds the words themselves in about a tenth of that; the regex
then runs only on the lines that hold one, which gives exactly its hits on the whole text as long
as no match crosses a line break and every match contains one of the words.

Without the ``hyperscan`` package (or with ``SHOUHU_PII_PREFILTER=0``, the plain regex path)
:meth:`LiteralGate.lines` answers ``None``: search the whole text.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from typing import Any, Final

try:  # optional, as in prefilter.py
    import hyperscan as _hs
except ImportError:  # pragma: no cover - depends on the platform
    _hs = None  # type: ignore[assignment]

#: More lines with a word than one per this many characters: one search of the whole text is
#: cheaper than a search per line.
CHARS_PER_LINE: Final = 2048


def _collect(_pattern: int, _start: int, end: int, _flags: int, ends: list[int]) -> None:
    ends.append(end)


class LiteralGate:
    """The lines of a text that hold one of ``words`` (compiled on first use, once per process)."""

    __slots__ = ("_db", "caseless", "words")

    def __init__(self, words: Iterable[str], *, caseless: bool) -> None:
        self.words = tuple(words)
        self.caseless = caseless
        self._db: Any = None

    def _database(self) -> Any:
        if self._db is None:
            flags = _hs.HS_FLAG_CASELESS if self.caseless else 0
            db = _hs.Database(mode=_hs.HS_MODE_BLOCK)
            db.compile(
                expressions=[b"".join(b"\\x%02X" % b for b in w.encode()) for w in self.words],
                ids=list(range(len(self.words))),
                elements=len(self.words),
                flags=[flags] * len(self.words),
            )
            self._db = db
        return self._db

    def lines(self, text: str) -> list[tuple[int, int]] | None:
        """Return ``(start, end)`` of each line of ``text`` (end at its line break, which is left out)
        that holds one of the words, in order, or ``None`` when the whole text should be searched."""
        if not AVAILABLE or not self.words:
            return None
        data = text.encode("utf-8", "surrogatepass")
        ends: list[int] = []
        with contextlib.suppress(_hs.ScanTerminated):
            self._database().scan(data, match_event_handler=_collect, context=ends)
        if not ends:
            return []
        if len(ends) > len(text) // CHARS_PER_LINE + 1:
            return None
        ends.sort()
        spans: list[tuple[int, int]] = []
        size = len(text)
        at = prev = 0
        hi = -1
        for end in ends:
            # the character offset of the byte offset: a word's last byte ends a character
            at += len(data[prev:end].decode("utf-8", "surrogatepass"))
            prev = end
            if at <= hi:
                continue  # on the line already taken
            lo = text.rfind("\n", 0, at - 1) + 1
            hi = text.find("\n", at - 1)
            hi = size if hi < 0 else hi
            spans.append((lo, hi))
        return spans


AVAILABLE: Final = _hs is not None and os.environ.get("SHOUHU_PII_PREFILTER", "1") != "0"
