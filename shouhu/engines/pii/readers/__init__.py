"""File readers: each yields text units (line blocks, table rows, JSON fields) with locations."""

from .dispatch import iter_units
from .units import CORRUPT_ERRORS, CORRUPT_REASON, Fields, Lines, Rows, SkipError, Unit

__all__ = ["CORRUPT_ERRORS", "CORRUPT_REASON", "Fields", "Lines", "Rows", "SkipError", "Unit", "iter_units"]
