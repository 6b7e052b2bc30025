"""Detection core: run every recognizer over a text block or a batch of table cells.

Values are NFKC-normalised before matching. Matches carry normalised values only inside this
module and its callers in the engine; they are turned into :class:`Finding` objects (masked value
and keyed digest) before leaving the engine.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from hashlib import sha256
from operator import itemgetter
from typing import Any, Final

from . import prefilter
from .findings import Finding
from .masking import display_function, display_value
from .normalize import fold_width
from .recognizers.addresses import scan_addresses
from .recognizers.base import Match
from .recognizers.cells import whole_cell
from .recognizers.dates import TRIGGER as BIRTH_TRIGGER
from .recognizers.dates import scan_birth_dates
from .recognizers.names import has_name_dot, scan_dotted_cells, scan_name_cells_in, scan_names
from .recognizers.organisations import CONTACT, ORGANISATION, drop_organisation_contacts
from .recognizers.tokens import HintLookup, scan_tokens

_NO_HINTS: frozenset[str] = frozenset()
_START: Final = itemgetter(1)  # Match.start
_END: Final = itemgetter(2)  # Match.end


def _resolve(matches: list[Match], min_confidence: float) -> list[Match]:
    """Drop low-confidence matches; of overlapping matches keep the most confident (linear sweep)."""
    kept: list[Match] = []
    # by start, the longer first: two stable sorts on C-level keys (end descending, then start)
    ordered = sorted(matches, key=_END, reverse=True)
    ordered.sort(key=_START)
    for m in ordered:
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
    families: int = prefilter.ALL,
) -> list[Match]:
    """Return the matches in an NFKC-normalised ``text`` (offsets refer to ``text``).

    ``families`` limits the recognizers to those the prefilter found a reason to run.
    """
    found = list(scan_tokens(text, hints)) if families & prefilter.TOKENS else []
    if families & prefilter.BIRTH and (birth_hinted or BIRTH_TRIGGER.search(text)):
        found.extend(scan_birth_dates(text))
    if families & prefilter.NAMES:
        found.extend(scan_names(text))
    if families & prefilter.ADDRESSES:
        found.extend(scan_addresses(text))
    if found:
        found.extend(_names_beside(text, found))
    if len(found) > 1:
        return drop_organisation_contacts(text, _resolve(found, min_confidence))
    return drop_organisation_contacts(text, [m for m in found if m.confidence >= min_confidence])


def _names_beside(text: str, found: list[Match]) -> list[Match]:
    """Unlabelled names on lines that hold other personal data (王小明,0912345678)."""
    spans: list[tuple[int, int]] = []
    done = -1
    for m in sorted(found, key=_START):
        if m.start < done or m.category == "person_name" or m.confidence < 0.7:
            continue
        lo = text.rfind("\n", 0, m.start) + 1
        hi = text.find("\n", m.end)
        done = len(text) if hi < 0 else hi
        spans.append((lo, done))
    found = scan_name_cells_in(text, spans)
    if has_name_dot(text):
        found.extend(scan_dotted_cells(text, spans))  # 拉娃‧谷幸 0964962805
    return found


def detect_cells(
    cells: Sequence[str], cell_hints: Sequence[frozenset[str]], *, min_confidence: float = 0.5
) -> list[tuple[int, Match]]:
    """Return ``(cell index, match)`` pairs for a batch of cells.

    A cell of a hinted column that is exactly one value of the hinted category is decided by
    :func:`whole_cell`; every other cell goes through the general scan, all of them joined into
    one text (cells separated by newlines). Match offsets are not meaningful to callers.
    """
    pairs: list[tuple[int, Match]] = []
    rest: list[int] = []
    for idx, hints in enumerate(cell_hints):
        if hints:
            m = whole_cell(fold_width(cells[idx]), hints)
            if m is not None:
                if m.confidence >= min_confidence:
                    pairs.append((idx, m))
                continue
        rest.append(idx)
    if not rest:
        return pairs
    text = fold_width("\n".join([cells[i] for i in rest]))
    starts: list[int] = []
    pos = 0
    for i in rest:
        starts.append(pos)
        pos += len(cells[i]) + 1

    def lookup(offset: int) -> frozenset[str]:
        return cell_hints[rest[bisect_right(starts, offset) - 1]]

    birth = any("birth_date" in cell_hints[i] for i in rest)
    for m in detect(text, lookup, min_confidence=min_confidence, birth_hinted=birth):
        pairs.append((rest[bisect_right(starts, m.start) - 1], m))
    pairs.sort(key=lambda p: p[0])  # stable: keeps the scan order within a cell
    return _without_organisation_columns(pairs, cell_hints)


def _without_organisation_columns(
    pairs: list[tuple[int, Match]], cell_hints: Sequence[frozenset[str]]
) -> list[tuple[int, Match]]:
    """Drop an organisation's contact data found in a column named for it (總機, 公司地址, 公司戶)."""
    if not any(ORGANISATION in cell_hints[i] for i, _ in pairs):
        return pairs
    return [(i, m) for i, m in pairs if m.category not in CONTACT or ORGANISATION not in cell_hints[i]]


class Recorder:
    """Turns matches into findings for one source (masks and hashes; never keeps the value).

    The keyed digest is HMAC-SHA256 (RFC 2104) computed from SHA-256 states that already hold the
    key's inner and outer pads: per finding that is two state copies and two short updates, about
    a third of a one-shot ``hmac.digest`` call (OpenSSL fetches the algorithm and derives the pads
    again on every call). ``hashing.value_digest`` gives the same hex digest.
    """

    __slots__ = ("_inner", "_outer", "_shows", "id_policy", "source")

    def __init__(self, key: bytes, source: str, id_policy: str = "middle") -> None:
        self.source = source
        self.id_policy = id_policy
        if len(key) > _SHA256_BLOCK:
            key = sha256(key).digest()
        key = key.ljust(_SHA256_BLOCK, b"\0")
        self._inner = sha256(key.translate(_IPAD))
        self._outer = sha256(key.translate(_OPAD))
        self._shows: dict[str, Callable[[str], str]] = {}  # category → display function

    def __repr__(self) -> str:
        return f"Recorder(source={self.source!r})"

    def digest(self, category: str, normalized: str) -> str:
        """Return the hex HMAC-SHA256 of ``category`` and ``normalized`` under the key."""
        inner = self._inner.copy()
        inner.update(f"{category}\x1f{normalized}".encode())
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()

    def finding(self, m: Match, **location: Any) -> Finding:
        """Return the Finding of match ``m`` at ``location`` (path/line, sheet/row/column …)."""
        return Finding(
            m.category,
            self.source,
            m.confidence,
            display_value(m.category, m.normalized, id_policy=self.id_policy),
            self.digest(m.category, m.normalized),
            **location,
        )

    def line_findings(self, pairs: Iterable[tuple[int, Match]], path: str) -> list[Finding]:
        """Return the findings of ``(line number, match)`` pairs of one file (the hot loop of text scans)."""
        source, policy = self.source, self.id_policy
        inner, outer = self._inner, self._outer
        shows = self._shows
        out: list[Finding] = []
        add = out.append
        for line, (category, _, _, value, confidence) in pairs:
            h = inner.copy()
            h.update(f"{category}\x1f{value}".encode())
            o = outer.copy()
            o.update(h.digest())
            show = shows.get(category)
            if show is None:
                show = shows[category] = display_function(category, id_policy=policy)
            add(Finding(category, source, confidence, show(value), o.hexdigest(), path, line))
        return out


_SHA256_BLOCK: Final = 64
_IPAD: Final = bytes(b ^ 0x36 for b in range(256))
_OPAD: Final = bytes(b ^ 0x5C for b in range(256))


def scan_block(
    text: str, *, first_line: int = 1, hints: frozenset[str] = _NO_HINTS, min_confidence: float = 0.5
) -> list[tuple[int, Match]]:
    """Return ``(line number, match)`` pairs for a multi-line block starting at ``first_line``.

    With the compiled prefilter only the lines it marks are examined (same findings, less work).
    """
    if prefilter.AVAILABLE and not hints:
        return scan_utf8(
            text.encode("utf-8", "surrogatepass"), first_line=first_line, min_confidence=min_confidence
        )
    return _scan_text(text, first_line, hints, min_confidence)


def scan_utf8(data: bytes, *, first_line: int = 1, min_confidence: float = 0.5) -> list[tuple[int, Match]]:
    """Return ``(line number, match)`` pairs for UTF-8 bytes, decoding only the prefiltered lines.

    Lines end with ``\n`` (a ``\r`` before it is dropped with the line ending). The marked lines
    are batched: all lines that woke the same recognizer families are joined and detected in one
    call (every recognizer is line-local), which saves the per-call cost of a dozen regex searches
    on each marked line of sparse text.
    """
    groups: dict[int, tuple[list[str], list[int]]] = {}
    line = first_line
    pos = 0
    for lo, hi, families in prefilter.hit_ranges(data):
        line += data.count(b"\n", pos, lo)
        pos = lo
        chunk = data[lo:hi].decode("utf-8", "replace")
        if "\r" in chunk:
            chunk = chunk.replace("\r\n", "\n")
        if not chunk.endswith("\n"):
            chunk += "\n"  # the last line of the data: keep it apart from the next chunk
        parts, lines = groups.setdefault(families, ([], []))
        parts.append(chunk)
        lines.append(line)
    out: list[tuple[int, Match]] = []
    for families, (parts, lines) in groups.items():
        if len(parts) == 1:
            out.extend(_scan_text(parts[0], lines[0], _NO_HINTS, min_confidence, families))
            continue
        starts: list[int] = []
        offset = 0
        for part in parts:
            starts.append(offset)
            offset += len(part)
        norm = fold_width("".join(parts))
        idx, at, number = -1, 0, 0
        for m in detect(norm, _NO_HINTS, min_confidence=min_confidence, families=families):
            found = bisect_right(starts, m.start) - 1
            if found != idx:  # matches come in text order: count lines from where the last one was
                idx, at, number = found, starts[found], lines[found]
            number += norm.count("\n", at, m.start)
            at = m.start
            out.append((number, m))
    if len(groups) > 1:
        out.sort(key=lambda pair: (pair[0], pair[1].start))
    return out


def _scan_text(
    text: str, first_line: int, hints: frozenset[str], min_confidence: float, families: int = prefilter.ALL
) -> list[tuple[int, Match]]:
    norm = fold_width(text)
    out: list[tuple[int, Match]] = []
    line = first_line
    pos = 0
    for m in detect(norm, hints, min_confidence=min_confidence, families=families):
        line += norm.count("\n", pos, m.start)
        pos = m.start
        out.append((line, m))
    return out
