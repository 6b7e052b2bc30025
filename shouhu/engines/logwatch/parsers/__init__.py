"""Log parsers: one module per family, all registered in ``FORMATS``."""

from . import clf, mapped, mysql, postgres  # noqa: F401  (each registers its formats)
from .base import FORMATS, Format, Parser, make_parser

__all__ = ["FORMATS", "Format", "Parser", "make_parser"]
