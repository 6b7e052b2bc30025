"""Scan options shared by every reader and worker (picklable)."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """Limits and policies of one scan.

    ``max_size`` skips bigger files; ``max_line_chars`` skips files with a longer line; the ``zip_*``
    limits guard against archive bombs; ``min_confidence`` drops weaker findings.
    """

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_size: int = 1024 * MIB
    max_line_chars: int = 1_000_000
    zip_max_depth: int = 3
    zip_max_members: int = 10_000
    zip_max_ratio: float = 200.0
    zip_max_total: int = 2048 * MIB
    min_confidence: float = 0.5
    id_policy: str = "middle"
    block_chars: int = 256 * 1024
    batch_rows: int = 500
