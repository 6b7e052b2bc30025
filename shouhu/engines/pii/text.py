"""Scanning a string (API and Django forms use this for pasted text)."""

from __future__ import annotations

from .engine import Recorder, detect_cells, scan_block
from .findings import Finding
from .options import ScanOptions
from .recognizers.keywords import column_hints


def scan_text(
    text: str,
    *,
    key: bytes,
    context_hint: str | None = None,
    source: str = "text",
    options: ScanOptions | None = None,
) -> list[Finding]:
    """Return the findings in ``text``; line numbers are 1-based.

    ``context_hint`` is a column or field name (``身分證字號``, ``email``): when given, ``text`` is
    treated as one cell value of that column, so names, addresses and bare numbers are recognised
    from the hint.
    """
    opts = options or ScanOptions()
    rec = Recorder(key=key, source=source, id_policy=opts.id_policy)
    if context_hint is not None:
        hints = column_hints(context_hint)
        pairs = detect_cells([text], [hints], min_confidence=opts.min_confidence)
        return [rec.finding(m, line=1, field=context_hint) for _, m in pairs]
    return [
        rec.finding(m, line=line)
        for line, m in scan_block(text, first_line=1, min_confidence=opts.min_confidence)
    ]
