"""The import framework: a spec per kind validates rows and commits them in bulk."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import connection
from django.db.models import Model

from shouhu.inventory.importing.reader import Row

Progress = Callable[[int, int, str], None]


class Spec(Protocol):
    kind: str
    title: str

    @property
    def columns(self) -> Sequence[str]: ...

    @property
    def required(self) -> Sequence[str]: ...

    def validate(self, rows: list[Row], *, actor: Any) -> list[Any]:
        """Add errors to ``rows`` (by column header) and return one parsed record (or None) per row."""
        ...

    def commit(self, records: list[Any], *, actor: Any, progress: Progress) -> dict[str, Any]:
        """Write the parsed records in bulk; return counts. Runs inside a transaction."""
        ...


_SPECS: dict[str, Spec] = {}


def register(spec: Spec) -> Spec:
    _SPECS[spec.kind] = spec
    return spec


def spec_for(kind: str) -> Spec:
    return _SPECS[kind]


@dataclass
class Checked:
    rows: list[Row]
    records: list[Any]


def run_validation(spec: Spec, rows: list[Row], *, actor: Any) -> Checked:
    for row in rows:
        row.errors = {k: list(v) for k, v in row.read_errors.items()}  # found while reading (formula cells)
    records = spec.validate(rows, actor=actor)
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
