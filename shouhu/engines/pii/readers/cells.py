"""Conversion of spreadsheet and database cell values to text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def cell_text(value: object) -> str:
    """Return a cell value as text (dates as ISO, integral floats without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e19:
            return str(int(value))
        return repr(value)
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return ""
    return str(value)
