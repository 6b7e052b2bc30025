"""Errors raised by the catalogue engine; messages are zh-TW for users."""

from __future__ import annotations


class CatalogueError(Exception):
    """Base class of catalogue errors."""


class UnknownCatalogueError(CatalogueError, LookupError):
    """A catalogue version id that is not shipped."""


class UnknownItemError(CatalogueError, LookupError):
    """An item or table id that the catalogue does not have."""


class CatalogueDataError(CatalogueError, ValueError):
    """A shipped catalogue file that breaks its own rules (a packaging bug)."""


class BlankValueError(CatalogueError, ValueError):
    """An answer's option id or fill-in value that does not fit the printed option."""
