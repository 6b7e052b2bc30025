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
import hashlib
import os
from collections.abc import Iterable, Sequence
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
        data = encoded(text)
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

#: The last text encoded by :func:`encoded` and its UTF-8 bytes, as one tuple (replaced in one
#: assignment, so a thread never sees one text's bytes under another text): the gates of one block
#: (keywords, names, addresses) share one encoding of it.
_last: tuple[str | None, bytes] = (None, b"")


def encoded(text: str) -> bytes:
    """``text`` as UTF-8 (surrogates passed through), remembered for the last text asked."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    data = text.encode("utf-8", "surrogatepass")
    _last = (text, data)
    return data


def _mark(pattern: int, _start: int, _end: int, _flags: int, found: list[int]) -> None:
    found[0] |= 1 << pattern


class GateSet:
    """Whether each of some regexes can match anywhere in a text, answered by one Hyperscan scan.

    Each gate is a Hyperscan pattern (:func:`byte_pattern` makes one from a regex source) that matches wherever its regex can match (the same
    regex, or a looser one): no gate hit means the regex finds nothing, so the caller skips it.
    :meth:`present` returns a bit per gate (bit ``i`` for the ``i``-th pattern), or ``-1`` without
    Hyperscan: the caller then runs its own cheap tests and the regex, exactly as before. Every
    pattern reports its first hit only (``HS_FLAG_SINGLEMATCH``), so a text costs one scan and at
    most one Python call per gate, however often the words occur.
    """

    __slots__ = ("_db", "_last", "patterns")

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)
        self._db: Any = None
        self._last: tuple[str | None, int] = (None, 0)  # the last text and its bits, replaced as one

    def _database(self) -> Any:
        if self._db is None:
            flags = _hs.HS_FLAG_SINGLEMATCH | _hs.HS_FLAG_MULTILINE
            path = _cache_file(repr((self.patterns, flags, getattr(_hs, "__version__", ""))))
            db = load_database(path)
            if db is None:
                db = _hs.Database(mode=_hs.HS_MODE_BLOCK)
                db.compile(
                    expressions=[p.encode() for p in self.patterns],
                    ids=list(range(len(self.patterns))),
                    elements=len(self.patterns),
                    flags=[flags] * len(self.patterns),
                )
                store_database(path, db)
            self._db = db
        return self._db

    def present(self, text: str) -> int:
        """Bit ``i`` set when gate ``i`` matches somewhere in ``text``; ``-1`` without Hyperscan."""
        if not AVAILABLE:
            return -1
        last = self._last
        if last[0] is text:
            return last[1]
        found = [0]
        self._database().scan(encoded(text), match_event_handler=_mark, context=found)
        self._last = (text, found[0])
        return found[0]


def byte_pattern(source: str) -> str:
    """A regex source for Hyperscan's byte mode: each character class that holds non-ASCII characters
    becomes an alternation (``[:：=]`` → ``(?:[:=]|：)``), so each character is matched as its UTF-8
    bytes. Only what the gates use is supported: plain characters, escapes and ASCII ranges in
    classes (a non-ASCII range or a negated class with non-ASCII characters raises ``ValueError``).
    """
    out: list[str] = []
    i, n = 0, len(source)
    while i < n:
        char = source[i]
        if char == "\\":
            out.append(source[i : i + 2])
            i += 2
            continue
        if char != "[":
            out.append(char)
            i += 1
            continue
        j = i + 1
        if source[j : j + 1] == "^":
            j += 1
        if source[j : j + 1] == "]":
            j += 1
        while source[j] != "]":
            j += 2 if source[j] == "\\" else 1
        body = source[i + 1 : j]
        wide = [c for c in body if not c.isascii()]
        if not wide:
            out.append(source[i : j + 1])
        elif body.startswith("^") or "-" in body.replace("\\-", ""):
            raise ValueError(f"unsupported class for a byte gate: [{body}]")
        else:
            narrow = "".join(c for c in body if c.isascii())
            parts = ([f"[{narrow}]"] if narrow else []) + wide
            out.append("(?:" + "|".join(parts) + ")")
        i = j + 1
    return "".join(out)


def _cache_file(material: str) -> str | None:
    """Where a compiled gate database is kept between processes (``None``: no cache), as for the
    prefilter (``prefilter._cache_file``): compiling the names gates takes about 50 ms of CPU in
    every process that scans (each worker too), loading them well under one."""
    folder = os.environ.get("SHOUHU_PII_CACHE")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "shouhu")
    if not folder:
        return None
    tag = hashlib.sha256(material.encode()).hexdigest()[:32]
    return os.path.join(folder, f"pii-gate-{tag}.hsdb")


def load_database(path: str | None) -> Any:
    """A compiled Hyperscan database cached at ``path`` (checked by its SHA-256), or None to compile again."""
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            blob = handle.read()
        digest, data = blob[:32], blob[32:]
        if hashlib.sha256(data).digest() != digest:
            return None  # truncated or damaged: compile again
        db = _hs.loadb(data, _hs.HS_MODE_BLOCK)
        db.scratch = _hs.Scratch(db)  # a loaded database has no scratch space yet
        return db
    except (OSError, _hs.error):
        return None


def store_database(path: str | None, db: Any) -> None:
    """Cache a compiled database at ``path`` for the next process (written atomically; failures ignored)."""
    if path is None:
        return
    try:
        data = _hs.dumpb(db)
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as handle:
            handle.write(hashlib.sha256(data).digest() + data)
        os.replace(tmp, path)  # atomic: a parallel worker reads the old file or the new one
    except (OSError, _hs.error):
        pass  # the cache is an optimisation; scanning never depends on it
