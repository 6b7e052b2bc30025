"""The table and column picker of a masked database copy: what the source holds (tables with row counts;
columns with the category the latest scan found there, or else the one the scanner sees in a sample) and
the choices a submitted picker form makes (tables to copy, a method per column).

A column's form field is named ``col:<length of the table name>:<table>.<column>``, so any table or column
name (with dots, colons or spaces in it) reads back unambiguously; its category comes in ``cat:<same>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Protocol

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shouhu.core.bilingual import pick
from shouhu.engines.pii import DatabaseError
from shouhu.engines.pii.categories import CATEGORIES, CATEGORY_LABELS, CATEGORY_LABELS_EN
from shouhu.engines.pii.mask.core import ColumnRule
from shouhu.engines.pii.mask.methods import METHODS
from shouhu.scans.models import RunStatus, ScanSource
from shouhu.scans.services import source_url
from shouhu.scans.validation import TargetRefused, connect_url

#: ``auto``: no rule, the scanner decides per value and the page's methods apply (what the copy did before).
AUTO: Final = "auto"
PICKER_METHODS: Final = (
    (AUTO, gettext_lazy("自動偵測")),
    ("partial", gettext_lazy("部分遮罩")),
    ("pseudonym", gettext_lazy("假名")),
    ("hash", gettext_lazy("金鑰雜湊")),
    ("generalize", gettext_lazy("概化")),
    ("remove", gettext_lazy("刪除")),
    ("keep", gettext_lazy("保留")),
)
#: Method proposed for a column a category was found in (deterministic, so joins survive).
_PROPOSED: Final = {"birth_date": "generalize", "address": "generalize"}
#: Longest table or column name taken from a form (databases allow 64–128 characters).
_LONGEST: Final = 128


class Form(Protocol):
    """A submitted form (Django's ``QueryDict`` / ``MultiValueDict``)."""

    def getlist(self, key: str) -> list[str]: ...

    def keys(self) -> Any: ...


@dataclass(frozen=True)
class PickerColumn:
    name: str
    type: str
    key: bool
    category: str
    label: str
    field: str
    method: str


@dataclass(frozen=True)
class PickerTable:
    name: str
    rows: int
    columns: tuple[PickerColumn, ...]
    checked: bool
    #: ``rows`` is the database's estimate (shown as 約 / about), not a count.
    estimated: bool = False


def column_field(table: str, column: str) -> str:
    """The form field name of a column's method (``cat:`` + the rest names its category field)."""
    return f"col:{len(table)}:{table}.{column}"


def parse_field(name: str) -> tuple[str, str] | None:
    """``(table, column)`` of a field named by :func:`column_field`, or ``None`` for any other name."""
    head, sep, rest = name.partition(":")
    if head != "col" or not sep:
        return None
    length, sep, named = rest.partition(":")
    if not sep or not length.isascii() or not length.isdigit() or len(length) > 3:
        return None
    size = int(length)
    table, dot, column = named[:size], named[size : size + 1], named[size + 1 :]
    if dot != "." or not table or not column or len(table) != size:
        return None
    if len(table) > _LONGEST or len(column) > _LONGEST or any(ch in name for ch in "\r\n\x00"):
        return None
    return table, column


def _found_categories(source: ScanSource) -> dict[tuple[str, str], str]:
    """(table, column) → the category the latest finished scan found most there."""
    run = source.runs.filter(status=RunStatus.SUCCEEDED).first()
    if run is None:
        return {}
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for location, column, category, count in run.findings.exclude(column="").values_list(
        "location", "column", "category", "count"
    ):
        place = (str(location).rsplit("#", 1)[-1], str(column))
        if count > best.get(place, (0, ""))[0]:
            best[place] = (count, category)
    return {place: category for place, (_n, category) in best.items()}


def source_tables(
    source: ScanSource, *, chosen: Form | None = None, exact: bool = False
) -> list[PickerTable]:
    """The source's tables for the picker (connects read-only; ``ValueError`` with a message to show when
    it cannot). ``chosen``: a submitted picker, whose choices are kept. Big tables' row counts are the
    database's estimate unless ``exact``."""
    from shouhu.engines.pii.mask.schema import describe

    try:
        url = source_url(source)
        tables = describe(url if source.url_set_by_admin else connect_url(url), exact=exact)
    except (DatabaseError, TargetRefused, ImportError):
        raise ValueError(_("無法連線或讀取來源資料庫，請確認掃描來源的連線設定。")) from None
    except Exception as exc:  # the driver's message may quote values or the URL: only its type is logged
        import logging

        logging.getLogger(__name__).warning("picker for source %s: %s", source.pk, type(exc).__name__)
        raise ValueError(_("無法連線或讀取來源資料庫，請確認掃描來源的連線設定。")) from None
    found = _found_categories(source)
    checked = set(chosen.getlist("pick_table")) if chosen is not None else None
    out = []
    for table in tables:
        columns = []
        for col in table.columns:
            category = found.get((table.name, col.name)) or col.category
            field = column_field(table.name, col.name)
            method = _PROPOSED.get(category, "pseudonym") if category else AUTO
            if chosen is not None:
                method = (chosen.getlist(field) or [method])[-1]
            label = (
                pick(CATEGORY_LABELS.get(category, category), CATEGORY_LABELS_EN.get(category))
                if category
                else ""
            )
            columns.append(PickerColumn(col.name, col.type, col.key, category, label, field, method))
        out.append(
            PickerTable(
                table.name,
                table.rows,
                tuple(columns),
                checked is None or table.name in checked,
                table.estimated,
            )
        )
    return out


def picked(form: Form) -> tuple[list[str], list[ColumnRule]]:
    """The tables ticked in a submitted picker and a rule per column of those tables whose method is not
    ``auto`` (``table.column`` taken literally). Raises ``ValueError`` (a message to show) for an unknown
    method or no table."""
    getlist = form.getlist
    tables = sorted({t for t in getlist("pick_table") if t and len(t) <= _LONGEST})
    if not tables:
        raise ValueError(_("請至少勾選一個資料表。"))
    rules = []
    for name in sorted(form.keys()):
        place = parse_field(name)
        if place is None or place[0] not in tables:
            continue
        method = (getlist(name) or [AUTO])[-1]
        if method == AUTO:
            continue
        if method not in METHODS:
            raise ValueError(_("未知的遮罩方式：%(column)s") % {"column": f"{place[0]}.{place[1]}"[:80]})
        category = (getlist("cat:" + name[4:]) or [""])[-1]
        rules.append(
            ColumnRule(
                place[1], method, category if category in CATEGORIES else None, table=place[0], exact=True
            )
        )
    return tables, rules
