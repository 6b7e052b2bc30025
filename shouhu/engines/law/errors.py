"""Errors raised by the law engines. Messages are zh-TW because they reach users unchanged."""

from __future__ import annotations


class LawEngineError(ValueError):
    """Base class: a fact, a date or the catalogue data is not acceptable."""


class InvalidFactError(LawEngineError):
    """A party or incident fact is impossible (negative capital, malformed code, …)."""


class NaiveDatetimeError(LawEngineError):
    """A datetime without a time zone was given where an aware one is required."""


class TimelineOrderError(LawEngineError):
    """Incident timestamps are out of order (e.g. 知悉 before 發現)."""


class InvalidLevelError(LawEngineError):
    """A 資安事件 level outside 1–4."""


class DateFormatError(LawEngineError):
    """A date or datetime string in a format the parser does not know."""


class CatalogueError(LawEngineError):
    """The law catalogue data files are inconsistent."""


class PreviewInputError(LawEngineError):
    """The JSON given to the deadline preview is malformed."""
