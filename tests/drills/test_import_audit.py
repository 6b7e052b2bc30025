"""GoPhish results through the shared import confirm step: one chained audit entry per created or changed
result (old/new stage), none for an unchanged one."""

from __future__ import annotations

import pytest

from shouhu.audit.models import AuditEvent
from shouhu.audit.services import verify_chain
from shouhu.imports import services as imports
from tests.drills.conftest import gophish_csv

pytestmark = pytest.mark.django_db


def _import(officer, drill, *rows):
    batch = imports.stage_import(actor=officer, kind="drills.gophish", filename="results.csv",
                                 data=gophish_csv(*rows), params={"drill": str(drill.pk)})  # fmt: skip
    imports.confirm_import(actor=officer, batch=batch)


def _entries(verb):
    return list(AuditEvent.objects.filter(action=f"drills.result.{verb}").order_by("id"))


def test_each_imported_result_is_audited_once_with_its_changes(officer, staff, drill):
    _import(
        officer,
        drill,
        ("wu@example.com", "Clicked Link", "false"),
        ("chen@example.com", "Email Sent", "true"),
    )
    created = _entries("created")
    assert sorted(e.changes["person_id"][1] for e in created) == sorted([staff["wu"].pk, staff["chen"].pk])
    _import(
        officer,
        drill,
        ("wu@example.com", "Clicked Link", "false"),
        ("chen@example.com", "Email Sent", "true"),
    )
    assert (len(_entries("created")), len(_entries("updated"))) == (2, 0)
    _import(
        officer,
        drill,
        ("wu@example.com", "Submitted Data", "false"),
        ("chen@example.com", "Email Sent", "true"),
    )
    updated = _entries("updated")
    assert len(updated) == 1
    assert updated[0].changes["stage"][0] != updated[0].changes["stage"][1]
    assert verify_chain().ok
