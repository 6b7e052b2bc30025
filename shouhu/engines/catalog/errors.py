"""Errors raised by the catalogue engine; messages are zh-TW for users."""

from __future__ import annotations

from typing import Any


class CatalogueError(Exception):
    """Base class of catalogue errors."""


class UnknownCatalogueError(CatalogueError, LookupError):
    """A catalogue version id that is not shipped."""


class UnknownItemError(CatalogueError, LookupError):
    """An item or table id that the catalogue does not have."""


class CatalogueDataError(CatalogueError, ValueError):
    """A shipped catalogue file that breaks its own rules (a packaging bug)."""


class BlankValueError(CatalogueError, ValueError):
    """An answer's option id or fill-in value that does not fit the printed option.

    The engine speaks no language but zh-TW, so the error also says what went wrong as data: ``code`` (one
    of ``BLANK_PROBLEMS``) and ``facts`` — ``item`` (an ``Item``), ``option`` (an ``Option``, or the unknown
    option id), ``blank`` (a ``Blank``), ``limit``, ``blanks`` — for the app to put in the reader's words.
    The exception's text is the zh-TW sentence.
    """

    def __init__(self, text: str, *, code: str = "", facts: dict[str, Any] | None = None) -> None:
        super().__init__(text)
        self.code = code
        self.facts = facts or {}


# The problems a blank value can have (``BlankValueError.code``).
BLANK_PROBLEMS = (
    "no_option",
    "unknown_blanks",
    "required",
    "text",
    "too_long",
    "number",
    "range",
    "frequency",
)
