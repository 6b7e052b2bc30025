"""The one place where scans touch the inventory: through its service functions, never its tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from shouhu.inventory.models import Category, CountSource, PersonalDataFile
from shouhu.inventory.services import create_file as create_inventory_file
from shouhu.inventory.services import update_file


def category_codes(pd_file: PersonalDataFile) -> set[str]:
    return set(pd_file.categories.values_list("code", flat=True))


def set_scanned_count(
    *, actor: Any, pd_file: PersonalDataFile, records: int, counted_on: dt.date, add_codes: Iterable[str]
) -> PersonalDataFile:
    """Set the general record count from a scan (with its date), adding newly found MOJ categories."""
    data: dict[str, Any] = {
        "records_general": records,
        "counted_on": counted_on,
        "count_source": CountSource.SCAN,
    }
    codes = list(add_codes)
    if codes:
        data["categories"] = [*pd_file.categories.all(), *Category.objects.filter(code__in=codes)]
    return update_file(actor=actor, pd_file=pd_file, data=data)


def add_categories(*, actor: Any, pd_file: PersonalDataFile, codes: Iterable[str]) -> PersonalDataFile:
    """Add newly found MOJ categories without touching the record count."""
    data = {"categories": [*pd_file.categories.all(), *Category.objects.filter(code__in=list(codes))]}
    return update_file(actor=actor, pd_file=pd_file, data=data)


def create_file(*, actor: Any, data: dict[str, Any] | Any) -> PersonalDataFile:
    """A new personal-data file through the inventory's own service (its rules and audit)."""
    return create_inventory_file(actor=actor, data=data)
