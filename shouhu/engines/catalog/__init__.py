"""Self-check catalogues of the MOEA guideline (附錄一 and 附錄二) as versioned, typed data.

Pure Python, no Django import. The JSON files under ``data/`` are the source of truth;
the printed text is kept as published and notes on since-changed rules sit beside it.
"""

from shouhu.engines.catalog.blanks import FrequencyUnit, validate_blanks
from shouhu.engines.catalog.errors import (
    BlankValueError,
    CatalogueDataError,
    CatalogueError,
    UnknownCatalogueError,
    UnknownItemError,
)
from shouhu.engines.catalog.loader import DEFAULT_VERSION, available_versions, load_catalogue
from shouhu.engines.catalog.model import (
    Applicability,
    ApplicabilityMode,
    Blank,
    BlankType,
    Catalogue,
    ChangedLawNote,
    EnglishInfo,
    Item,
    Mark,
    MarkKind,
    Option,
    Section,
    Subsection,
    Table,
    missing_english,
)


def get_item(item_id: str, version_id: str = DEFAULT_VERSION) -> Item:
    """Look up an item by id (``pd-1.1.1``, ``is-2.3.2``) in a catalogue version."""
    return load_catalogue(version_id).item(item_id)


__all__ = [
    "DEFAULT_VERSION",
    "Applicability",
    "ApplicabilityMode",
    "Blank",
    "BlankType",
    "BlankValueError",
    "Catalogue",
    "CatalogueDataError",
    "CatalogueError",
    "ChangedLawNote",
    "EnglishInfo",
    "FrequencyUnit",
    "Item",
    "Mark",
    "MarkKind",
    "Option",
    "Section",
    "Subsection",
    "Table",
    "UnknownCatalogueError",
    "UnknownItemError",
    "available_versions",
    "get_item",
    "load_catalogue",
    "missing_english",
    "validate_blanks",
]
