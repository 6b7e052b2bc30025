"""With SHOUHU_LOGWATCH_STORE=postgres the events go to a month-partitioned table in the main database,
in the same transaction as the read's bookkeeping. Runs in the PostgreSQL pass of the suite."""

from __future__ import annotations

import pytest
from django.db import connection

from shouhu.logwatch.models import Alert
from shouhu.logwatch.storage import get_store
from tests.logwatch.conftest import clf

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the PostgreSQL store runs in the PostgreSQL pass"
    ),
]


def test_reads_go_to_monthly_partitions_and_alerts_read_them_back(officer, web_source, read, settings):
    settings.SHOUHU_LOGWATCH_STORE = "postgres"
    lines = [clf(f"30/Apr/2026:23:{i:02d}:00", user="chen.ops") for i in range(30)]
    lines += [clf(f"01/May/2026:02:{i:02d}:00", user="chen.ops") for i in range(55)]
    data = ("\n".join(lines) + "\n").encode()
    read(officer, web_source, data)
    read(officer, web_source, data)  # nothing new: not doubled
    store = get_store()
    assert store.count(web_source.pk) == 85
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_inherits WHERE inhparent = 'logwatch_event'::regclass")
        assert cur.fetchone()[0] == 2
    alert = Alert.objects.get(rule="after_hours", facts__day="2026-05-01")
    from shouhu.logwatch.selectors import alert_events

    assert [e["account"] for e in alert_events(alert)] == ["chen.ops"] * 20
