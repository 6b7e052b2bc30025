"""Migration 0008: clocks stored before the engine wrote English keep their Chinese explanation, get an empty
English one, and English pages show the Chinese marked as untranslated (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from shouhu.incidents import services
from shouhu.incidents.models import IncidentDeadline

BEFORE = [("incidents", "0007_system_text_messages")]
AFTER = [("incidents", "0008_deadline_explanation_en")]


def _migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_a_clock_from_before_the_migration_keeps_its_chinese_and_reads_as_untranslated(
    officer: Any, facts: dict[str, Any], company: Any
) -> None:
    incident = services.report_incident(actor=officer, data=facts)
    chinese = dict(incident.deadlines.values_list("pk", "explanation_zh"))
    assert chinese
    assert all(chinese.values())

    _migrate(BEFORE)  # the column is gone, as in a database from before this change
    _migrate(AFTER)

    rows = list(IncidentDeadline.objects.filter(pk__in=chinese))
    assert {r.pk: r.explanation_zh for r in rows} == chinese
    assert {r.explanation_en for r in rows} == {""}
    with translation.override("en"):
        assert [(r.explanation, r.explanation_untranslated) for r in rows] == [
            ("", r.explanation_zh) for r in rows
        ]
