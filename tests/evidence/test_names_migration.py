"""Migration 0004: files the system wrote before names had keys get their key and facts when the kind is
recognised with certainty (where they were stored and the exact name given); anything else stays as it was."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from shouhu.evidence import names, services
from shouhu.evidence.models import Evidence


def _migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_old_generated_files_are_named_for_the_reader_and_uploads_left_alone(make_user: Any) -> None:
    officer = make_user("pd_officer")
    old = services.store(actor=officer, file=b"SMS", filename="演練_當事人通知_簡訊_第4號事件_2.txt",
                         context="incidents.incident:4", check_perm=False)  # fmt: skip
    report = services.store(actor=officer, file=b"%PDF-1.4 x", check_perm=False, context="incidents.incident:4",
                            filename="表2_個資侵害事故通報與紀錄表_第4號事件_01.pdf")  # fmt: skip
    upload = services.store(actor=officer, file=b"note", filename="演練_當事人通知_簡訊_第4號事件_2.txt")

    _migrate([("evidence", "0003_whole_company")])  # as a database from before this change
    _migrate([("evidence", "0005_log_names")])

    rows = {e.pk: e for e in Evidence.objects.all()}
    assert (rows[old.pk].name_key, rows[old.pk].name_facts) == (
        names.DRILL_SUBJECT_NOTICE,
        {"channel": "sms", "incident": 4, "notice": 2},
    )
    assert rows[report.pk].name_key == names.REPORT
    assert (rows[upload.pk].name_key, rows[upload.pk].name_facts) == ("", {})
    with translation.override("en"):
        assert rows[old.pk].display_name == "Drill_subject-notice_SMS_INC-4_2.txt"
        assert rows[upload.pk].display_name == upload.original_name


LOG_MIGRATION = importlib.import_module("shouhu.evidence.migrations.0005_log_names")


@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        ("logwatch-3-2026-10.pdf", "logwatch.source:3", ("evidence.name.log_summary", {"source": 3, "month": "2026-10"})),
        ("logwatch-7-part002.zip", "logwatch.ingest:7", ("evidence.name.log_part", {"ingest": 7, "part": "002"})),
        ("logwatch-7-part002.zip", "logwatch.ingest:8", None),  # another ingest's name: not certain
        ("黑名單.txt", "logwatch.blocklist", None),  # an upload
    ],
)  # fmt: skip
def test_the_log_monitors_old_files_are_recognised(name: str, context: str, expected: Any) -> None:
    assert (LOG_MIGRATION._recognise(name, context) or None) == expected
