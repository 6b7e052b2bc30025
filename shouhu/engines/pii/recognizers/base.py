"""The internal match record shared by recognizers (holds a normalised value: never leaves the engine)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Final, NamedTuple, cast


class Match(NamedTuple):
    """A recognised value inside one text (internal; converted to a Finding without the raw value)."""

    category: str
    start: int
    end: int
    normalized: str
    confidence: float


#: ``new_match((category, start, end, normalized, confidence))`` is ``Match(category, start, …)``
#: without the Python-level ``__new__`` that NamedTuple generates: one C call, half the cost (the
#: recognizers build one per value found: about 13,000 per MB of dense text).
new_match: Final = cast(Callable[[tuple[str, int, int, str, float]], Match], partial(tuple.__new__, Match))
