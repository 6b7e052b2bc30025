"""Migration 0006: open requests stored before the English explanation get it from the engine; closed ones keep
the Chinese and English pages say it is untranslated (issue 12)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from shouhu.requests import services
from shouhu.requests.models import SubjectRequest

BEFORE = [("subject_requests", "0005_subjectrequest_located_departments")]
AFTER = [("subject_requests", "0006_deadline_explanation_en")]


FIELDS = ("explanation_zh", "explanation_en", "engine_notes", "engine_notes_en", "state")


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return [node for node in executor.loader.graph.leaf_nodes() if node[0] == "subject_requests"]


def _migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_open_requests_get_the_english_explanation_and_closed_ones_keep_the_chinese(
    officer: Any, open_case: Callable[..., Any]
) -> None:
    still_open = open_case("query_or_read")
    closed = services.withdraw(actor=officer, request=open_case("delete"), note="請求人來電撤回")
    english = {c.pk: (c.explanation_en, c.engine_notes_en) for c in (still_open, closed)}

    _migrate(BEFORE)  # the columns are gone, as in a database from before this change
    try:
        _migrate(AFTER)
        rows = {r.pk: r for r in SubjectRequest.objects.only(*FIELDS)}
    finally:
        _migrate(_latest())  # later migrations of the app, for the tests that follow
    assert (rows[still_open.pk].explanation_en, rows[still_open.pk].engine_notes_en) == english[still_open.pk]
    assert english[still_open.pk][0]
    assert (rows[closed.pk].explanation_en, rows[closed.pk].engine_notes_en) == ("", [])
    with translation.override("en"):
        assert rows[closed.pk].deadline_explanation == ""
        assert rows[closed.pk].deadline_explanation_untranslated == closed.explanation_zh
