"""Detection core: run every recognizer over a text block or a batch of table cells.

Values are NFKC-normalised before matching. Matches carry normalised values only inside this
module and its callers in the engine; they are turned into :class:`Finding` objects (masked value
and keyed digest) before leaving the engine.
"""

from __future__ import annotations

import hashlib
import hmac
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from .findings import Finding
from .masking import mask_value
from .normalize import fold_width
from .recognizers.addresses import classify_address_cell, scan_addresses
from .recognizers.base import Match
from .recognizers.dates import TRIGGER as BIRTH_TRIGGER
from .recognizers.dates import parse_date, scan_birth_dates
from .recognizers.names import classify_name_cell, scan_names
from .recognizers.tokens import HintLookup, scan_tokens

_NO_HINTS: frozenset[str] = frozenset()


def _resolve(matches: list[Match], min_confidence: float) -> list[Match]:
    """Drop low-confidence matches; of overlapping matches keep the most confident (linear sweep)."""
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -m.end)):
        if m.confidence < min_confidence:
            continue
        if kept and m.start < kept[-1].end:
            if m.confidence > kept[-1].confidence:
                kept[-1] = m
            continue
        kept.append(m)
    return kept


def detect(
    text: str,
    hints: frozenset[str] | HintLookup = _NO_HINTS,
    *,
    min_confidence: float = 0.5,
    birth_hinted: bool = False,
) -> list[Match]:
    """Return the matches in an NFKC-normalised ``text`` (offsets refer to ``text``)."""
    found = list(scan_tokens(text, hints))
    if birth_hinted or BIRTH_TRIGGER.search(text):
        found.extend(scan_birth_dates(text))
    found.extend(scan_names(text))
    found.extend(scan_addresses(text))
    if len(found) > 1:
        return _resolve(found, min_confidence)
    return [m for m in found if m.confidence >= min_confidence]


def classify_cell(value: str, hints: frozenset[str]) -> list[Match]:
    """Whole-cell checks for columns whose name suggests a category (name, address, birth date)."""
    out: list[Match] = []
    text = value.strip()
    if not text:
        return out
    if "person_name" in hints:
        conf = classify_name_cell(text)
        if conf:
            out.append(Match("person_name", 0, len(value), text, conf))
    if "address" in hints:
        addr = classify_address_cell(text)
        if addr is not None:
            out.append(Match("address", 0, len(value), addr, 0.95))
    if "birth_date" in hints:
        iso = parse_date(text)
        if iso is not None:
            out.append(Match("birth_date", 0, len(value), iso, 0.95))
    return out


_WHOLE_CELL = frozenset({"person_name", "address", "birth_date"})


def detect_cells(
    cells: Sequence[str], cell_hints: Sequence[frozenset[str]], *, min_confidence: float = 0.5
) -> list[tuple[int, Match]]:
    """Return ``(cell index, match)`` pairs for a batch of cells scanned as one joined text.

    Match offsets refer to the joined text (cells separated by a newline), not to the cell.
    """
    text = fold_width("\n".join(cells))
    starts: list[int] = []
    pos = 0
    for c in cells:
        starts.append(pos)
        pos += len(c) + 1

    def lookup(offset: int) -> frozenset[str]:
        return cell_hints[bisect_right(starts, offset) - 1]

    distinct = set(cell_hints)
    birth = any("birth_date" in h for h in distinct)
    pairs = [
        (bisect_right(starts, m.start) - 1, m)
        for m in detect(text, lookup, min_confidence=min_confidence, birth_hinted=birth)
    ]
    if all(h.isdisjoint(_WHOLE_CELL) for h in distinct):
        return pairs
    seen = {(i, m.category, m.normalized): n for n, (i, m) in enumerate(pairs)}
    extra: list[tuple[int, Match]] = []
    for idx, hints in enumerate(cell_hints):
        if hints.isdisjoint(_WHOLE_CELL) or not cells[idx]:
            continue
        base = starts[idx]
        for m in classify_cell(text[base : base + len(cells[idx])], hints):
            if m.confidence < min_confidence:
                continue
            m = m._replace(start=base + m.start, end=base + m.end)
            n = seen.get((idx, m.category, m.normalized))
            if n is None:
                extra.append((idx, m))
            elif pairs[n][1].confidence < m.confidence:
                pairs[n] = (idx, m)
    if extra:
        pairs.extend(extra)
        pairs.sort(key=lambda p: (p[1].start, p[1].category))
    return pairs


class Recorder:
    """Turns matches into findings for one source (masks and hashes; never keeps the value)."""

    __slots__ = ("_mac", "id_policy", "source")

    def __init__(self, key: bytes, source: str, id_policy: str = "middle") -> None:
        self.source = source
        self.id_policy = id_policy
        self._mac = hmac.new(key, digestmod=hashlib.sha256)

    def __repr__(self) -> str:
        return f"Recorder(source={self.source!r})"

    def finding(self, m: Match, **location: Any) -> Finding:
        """Return the Finding of match ``m`` at ``location`` (path/line, sheet/row/column …)."""
        mac = self._mac.copy()
        mac.update(f"{m.category}\x1f{m.normalized}".encode())
        return Finding(
            m.category,
            self.source,
            m.confidence,
            mask_value(m.category, m.normalized, id_policy=self.id_policy),
            mac.hexdigest(),
            **location,
        )


def scan_block(
    text: str, *, first_line: int = 1, hints: frozenset[str] = _NO_HINTS, min_confidence: float = 0.5
) -> list[tuple[int, Match]]:
    """Return ``(line number, match)`` pairs for a multi-line block starting at ``first_line``."""
    norm = fold_width(text)
    out: list[tuple[int, Match]] = []
    line = first_line
    pos = 0
    for m in detect(norm, hints, min_confidence=min_confidence):
        line += norm.count("\n", pos, m.start)
        pos = m.start
        out.append((line, m))
    return out
