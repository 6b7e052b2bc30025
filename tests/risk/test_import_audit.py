"""The shared import confirm step writes one chained audit entry per created or updated risk, with old and
new values; a re-import of unchanged rows writes none, and the chain still verifies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shouhu.audit.models import AuditEvent
from shouhu.audit.services import verify_chain
from shouhu.imports import services as imports
from shouhu.inventory.models import PersonalDataFile, System
from shouhu.risk.models import Risk
from tests.inventory.sheets import csv_bytes
from tests.risk.test_io_views import HEADERS, row


def _import(officer: Any, rows: list[list[Any]]) -> None:
    batch = imports.stage_import(
        actor=officer, kind="risks", filename="r.csv", data=csv_bytes(HEADERS, rows, "utf-8")
    )
    imports.confirm_import(actor=officer, batch=batch)


def _entries(verb: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=f"risk.risk.{verb}").order_by("id"))


def test_each_imported_risk_gets_its_own_entry_with_old_and_new_values(
    officer: Any, system: System, make_file: Callable[..., PersonalDataFile]
) -> None:
    _import(officer, [row(), row(**{"威脅": "竄改"})])
    created = _entries("created")
    assert sorted(e.object_id for e in created) == sorted(
        str(pk) for pk in Risk.objects.values_list("pk", flat=True)
    )
    assert created[0].changes["likelihood"] == [None, 4]
    assert created[0].changes["inherent_score"] == [None, 20]

    _import(officer, [row(), row(**{"威脅": "竄改"})])  # unchanged: nothing new in the log
    assert (len(_entries("created")), len(_entries("updated"))) == (2, 0)

    _import(officer, [row(**{"可能性": 3}), row(**{"威脅": "竄改"})])
    updated = _entries("updated")
    assert [e.object_id for e in updated] == [str(Risk.objects.get(threat="leakage").pk)]
    assert (updated[0].changes["likelihood"], updated[0].changes["inherent_score"]) == ([4, 3], [20, 15])
    assert updated[0].changes["version"] == [1, 2]
    assert verify_chain().ok
