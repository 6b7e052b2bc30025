"""The spec machinery: a spec per kind validates rows and commits them in bulk; kinds are registered here."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import connection
from django.db.models import Model
from django.urls import reverse
from django.utils.translation import get_language, gettext_noop

from shouhu.core.importing.fields import CellError
from shouhu.core.importing.reader import Row, Said
from shouhu.core.messages import Message, define

# progress(done, total, message): a ``core.messages`` Message reads in the reader's language on the job page.
Progress = Callable[[int, int, "str | Message"], None]
DONE = define("imports.done", gettext_noop("完成"), context="progress")
# What an import applies to beyond its kind (e.g. {"session_id": 5} for one training session's attendance):
# read from the upload page's query by the spec's optional ``params_from``, kept on the batch, given to
# ``validate`` and ``commit``. JSON values only.
Params = Mapping[str, Any]


class Spec(Protocol):
    kind: str  # the batch kind, unique across apps (e.g. "files", "risks", "training.attendance")
    title: Any  # zh-TW name shown on the preview page (gettext_lazy: English pages show the English)
    permission: str  # the permission code needed to stage, fix and confirm this kind
    list_url: str  # URL name of the page the import belongs to (the preview's way back)

    @property
    def columns(self) -> Sequence[str]: ...

    @property
    def required(self) -> Sequence[str]: ...

    def validate(self, rows: list[Row], *, actor: Any, params: Params) -> list[Any]:
        """Add errors to ``rows`` (by column header) and return one parsed record (or None) per row."""
        ...

    def commit(self, records: list[Any], *, actor: Any, progress: Progress, params: Params) -> dict[str, Any]:
        """Write the parsed records in bulk; return counts. Runs inside a transaction.

        Counts: ``created``, ``updated``, ``created_ids``, ``updated_ids`` (optional ``unchanged``), and
        ``rows``: a :class:`RowChange` per created or updated row, which the confirm step turns into one
        chained audit entry each (old/new values); unchanged rows are left out and write none. A spec that
        audits its rows itself (inventory, training) leaves ``rows`` out."""
        ...

    # Optional, looked up with getattr:
    #   example: dict[str, str]  — the downloadable template's example row
    #   aliases: dict[str, tuple[str, ...]]  — other header names a column is recognised by (English headers
    #       of real exports; see reader.read_table), listed in the template's column guide
    #   english: dict[str, str]  — each column's English header: shown for the column on English pages
    #       (preview, row fix, added columns, messages naming it), accepted on upload like an alias, and the
    #       header of the English template (offered only when every column has one). A fixed name, not a
    #       catalogue entry, so a file's headers never depend on the translation.
    #   params_from(args: Mapping[str, str], *, actor) -> dict  — the upload page's query → params; raise
    #       ValidationError (zh-TW) for a missing or unknown target, PermissionDenied when the actor may not
    #       import into it. Called by stage_import, so params are always checked.
    #   back_url(params) -> str  — the page the import belongs to (default: reverse(list_url))
    #   heading(params) -> str  — the upload and preview pages' title (default: title)


def params_from(spec: Spec, args: Mapping[str, str], *, actor: Any) -> dict[str, Any]:
    fn = getattr(spec, "params_from", None)
    return dict(fn(args, actor=actor)) if fn else {}


def back_url(spec: Spec, params: Params) -> str:
    fn = getattr(spec, "back_url", None)
    return str(fn(params)) if fn else reverse(spec.list_url)


def heading(spec: Spec, params: Params) -> str:
    fn = getattr(spec, "heading", None)
    return str(fn(params)) if fn else str(spec.title)


def english(spec: Spec) -> Mapping[str, str]:
    return getattr(spec, "english", None) or {}


def english_page() -> bool:
    return (get_language() or "").startswith("en")


def column_label(spec: Spec, header: str) -> str:
    """How a column is named to the reader: its English header on English pages, else the header itself."""
    return english(spec).get(header, header) if english_page() else header


def column_labels(spec: Spec, headers: Sequence[str]) -> list[str]:
    return [column_label(spec, h) for h in headers]


def has_english_headers(spec: Spec) -> bool:
    """Every column has an English header, so a file with English headers imports like the zh-TW one."""
    names = english(spec)
    return all(names.get(c) for c in spec.columns)


def header_aliases(spec: Spec) -> dict[str, tuple[str, ...]]:
    """The names each column is recognised by besides its own: its English header first, then the spec's
    aliases (export headers)."""
    names, aliases = english(spec), getattr(spec, "aliases", None) or {}
    return {
        c: tuple(dict.fromkeys(a for a in (names.get(c), *aliases.get(c, ())) if a and a != c))
        for c in spec.columns
    }


_SPECS: dict[str, Spec] = {}


def register(spec: Spec) -> Spec:
    _SPECS[spec.kind] = spec
    return spec


def spec_for(kind: str) -> Spec:
    return _SPECS[kind]


def is_registered(kind: str) -> bool:
    return kind in _SPECS


@dataclass(frozen=True)
class RowChange:
    """One row an import created (``before`` empty) or updated, with the values of its audited fields
    before and after (column attribute names, e.g. ``system_id``). The confirm step writes the audit entry
    ``<model>.created`` / ``<model>.updated`` with ``{field: [old, new]}`` for the fields that differ."""

    model: str  # the model's ``_meta.label_lower`` ("risk.risk")
    object_id: int | str
    label: str  # how the row reads in the audit log (its name)
    before: Mapping[str, Any]
    after: Mapping[str, Any]

    @classmethod
    def of(cls, obj: Model, fields: Sequence[str], before: Mapping[str, Any] | None = None) -> RowChange:
        """The change of ``obj`` (saved, with its pk) over ``fields`` (attribute names)."""
        return cls(obj._meta.label_lower, obj.pk, str(obj)[:200], dict(before or {}),
                   {f: getattr(obj, f) for f in fields})  # fmt: skip


@dataclass
class Checked:
    rows: list[Row]
    records: list[Any]


def run_validation(spec: Spec, rows: list[Row], *, actor: Any, params: Params | None = None) -> Checked:
    for row in rows:
        row.errors = {k: list(v) for k, v in row.read_errors.items()}  # found while reading (formula cells)
    records = spec.validate(rows, actor=actor, params=params or {})
    return Checked(rows, records)


def update_rows(model: type[Model], rows: list[tuple[int, dict[str, Any]]]) -> None:
    """UPDATE many rows with one executemany (``bulk_update`` builds CASE expressions that grow with the
    batch and took over a minute for 10,000 rows × 25 columns). ``rows`` holds (pk, {attname: value})."""
    if not rows:
        return
    names = list(rows[0][1])
    fields = {f.attname: f for f in model._meta.concrete_fields}
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(f"{connection.ops.quote_name(str(fields[n].column))} = %s" for n in names)
    sql = (
        f"UPDATE {table} SET {assignments} WHERE {connection.ops.quote_name(str(model._meta.pk.column))} = %s"  # noqa: S608
    )
    params = [
        [fields[n].get_db_prep_save(values[n], connection) for n in names] + [pk] for pk, values in rows
    ]
    with connection.cursor() as cursor:
        for i in range(0, len(params), 2000):
            cursor.executemany(sql, params[i : i + 2000])


def attnames(model: type[Model], names: Sequence[str]) -> list[str]:
    """Column attribute names (``department`` → ``department_id``) for concrete fields."""
    by_name = {f.name: f.attname for f in model._meta.concrete_fields}
    return [by_name[n] for n in names]


def cell(row: Row, header: str, fn: Callable[[str], Any], default: Any = None) -> Any:
    """Parse one cell with ``fn``; a ``CellError`` becomes that column's error and ``default`` is returned."""
    try:
        return fn(row.values.get(header, ""))
    except CellError as exc:
        row.errors.setdefault(header, []).append(exc.message)
        return default


def add_error(row: Row, header: str, message: Said) -> None:
    """One error under a column: a ``core.messages`` Message (``compose``), so the preview reads it in the
    language of whoever opens it."""
    row.errors.setdefault(header, []).append(message)


def map_errors(row: Row, errors: Mapping[str, Sequence[Said]], columns: dict[str, str]) -> None:
    """Put a rule's field errors on the row, under the column each field came from. The shared rules
    (``inventory.validation``, ``risk.scoring``) give ``core.messages`` Sentences, which keep their message."""
    header_of = {v: k for k, v in columns.items()}
    for field_name, messages in errors.items():
        header = header_of.get(field_name, next(iter(columns)))
        for message in messages:
            if message not in row.errors.get(header, []):
                row.errors.setdefault(header, []).append(message)
