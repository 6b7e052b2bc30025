"""The internal match record shared by recognizers (holds a normalised value: never leaves the engine)."""

from __future__ import annotations

from typing import NamedTuple


class Match(NamedTuple):
    """A recognised value inside one text (internal; converted to a Finding without the raw value)."""

    category: str
    start: int
    end: int
    normalized: str
    confidence: float
