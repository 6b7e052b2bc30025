"""Shouhu personal-data discovery engine (個資盤點掃描引擎): pure Python, no Django import.

Finds Taiwanese personal data in text, files (TXT/LOG, CSV/TSV, XLSX/XLS, DOCX, PDF, JSON/JSONL,
ZIP) and databases (PostgreSQL, MySQL/MariaDB, SQLite). Results never hold raw values: each
:class:`Finding` carries a masked value and a keyed HMAC-SHA256 digest for distinct counts.

Example::

    from shouhu.engines.pii import scan_path
    result = scan_path("/srv/exports", key=secret_key, workers=2, progress=print)
    summary = result.summary()
"""

from .categories import CATEGORIES, CATEGORY_LABELS, MOJ_CATEGORY_CODES, NON_PERSONAL, is_personal
from .db import DatabaseError, mask_url, scan_database
from .findings import Finding, ScanResult, ScanSummary, Skipped, summarize
from .hashing import load_key, value_digest
from .masking import mask_value
from .normalize import normalize_value
from .options import ScanOptions
from .scan import iter_scan_path, scan_path
from .text import scan_text

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "MOJ_CATEGORY_CODES",
    "NON_PERSONAL",
    "DatabaseError",
    "Finding",
    "ScanOptions",
    "ScanResult",
    "ScanSummary",
    "Skipped",
    "is_personal",
    "iter_scan_path",
    "load_key",
    "mask_url",
    "mask_value",
    "normalize_value",
    "scan_database",
    "scan_path",
    "scan_text",
    "summarize",
    "value_digest",
]
