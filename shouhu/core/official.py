"""Official documents (表2, 附錄三, the guideline's forms, notices to clients and data subjects) are written in
the official language whatever language the person generating them reads the site in."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.utils import translation

P = ParamSpec("P")
R = TypeVar("R")


def in_official_language(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` with zh-TW active: choice labels, ``|roc`` dates and template text come out in Chinese."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override(settings.LANGUAGE_CODE):
            return fn(*args, **kwargs)

    return wrapper


# --- Official text shown beside a translation ------------------------------------------------------------
# English pages show Shouhu's own English of the guideline's tables and of law items, with the Chinese text of
# record behind a disclosure for comparison. Only texts a source registered here yields may be marked as
# official (``{% official %}``); anything else is rendered unmarked, so a page test sees it as UI text.

OfficialSource = Callable[[], Iterable[str]]
_SOURCES: dict[str, list[OfficialSource]] = {}


def register_official_source(kind: str, source: OfficialSource) -> None:
    """Add a source of the official texts of ``kind`` (``catalogue``, ``law``)."""
    _SOURCES.setdefault(kind, []).append(source)
    official_texts.cache_clear()


@functools.cache
def official_texts(kind: str) -> frozenset[str]:
    """Every official text of ``kind`` (empty for an unknown kind)."""
    return frozenset(text for source in _SOURCES.get(kind, []) for text in source() if text)


def official_kinds() -> tuple[str, ...]:
    return tuple(sorted(_SOURCES))


def is_official(kind: str, text: str) -> bool:
    return text in official_texts(kind)


def _catalogue_texts() -> Iterator[str]:
    """The guideline's self-check tables as published: every text the catalogue engine holds officially."""
    from shouhu.engines.catalog import available_versions, load_catalogue

    for version in available_versions():
        catalogue = load_catalogue(version)
        yield from (catalogue.title, catalogue.label, catalogue.publisher)
        for table in catalogue.tables:
            yield from (table.appendix, table.table_label, table.title)
            for section in table.sections:
                yield section.title
                yield from (sub.title for sub in section.subsections)
            for item in table.items:
                yield from (item.title, item.guidance or "", item.mark.printed, item.mark.scope or "")
                yield from item.applicability.legal_basis
                for option in item.options:
                    yield from (option.text, option.printed_text)
                    yield from (blank.label for blank in option.blanks)


register_official_source("catalogue", _catalogue_texts)
