"""The import framework: a spec per kind validates rows and commits them in bulk."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from shouhu.inventory.importing.reader import Row

Progress = Callable[[int, int, str], None]


class Spec(Protocol):
    kind: str
    title: str
    columns: Sequence[str]
    required: Sequence[str]

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
