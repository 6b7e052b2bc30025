"""Drills measure time to alert and to a person; summaries are kept as evidence; both complete the
compliance calendar's obligations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shouhu.jobs.services import enqueue, execute
from shouhu.law.models import Obligation
from shouhu.law.services import sync_calendar
from shouhu.logwatch import drills, services, summaries
from shouhu.logwatch.models import Alert, Drill, DrillStatus
from tests.logwatch.conftest import clf

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(admin_user):
    sync_calendar(actor=admin_user)
    return Obligation.objects


@pytest.mark.parametrize("fmt", ["combined", "jsonl", "postgres", "mysql_general", "mariadb_audit"])
def test_failed_login_drill_in_every_format_raises_a_labelled_alert(
    officer, fmt, django_capture_on_commit_callbacks
):
    source = services.create_source(actor=officer, data={"name": fmt, "format": fmt})
    drill = drills.schedule(actor=officer, source=source, scenario="failed_logins", when=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        drills.run_now(actor=officer, drill=drill)
    drill.refresh_from_db()
    rules = set(Alert.objects.filter(drill=drill).values_list("rule", flat=True))
    assert (rules, drill.status) == ({"failed_logins"}, DrillStatus.ALERTED)
    assert drill.seconds_to_alert is not None
    assert drill.seconds_to_alert >= 0


def test_confirming_a_drill_alert_measures_and_completes_the_obligation(
    officer, web_source, calendar, django_capture_on_commit_callbacks
):
    drill = drills.schedule(
        actor=officer,
        source=web_source,
        scenario="foreign_country",
        when=timezone.now() - dt.timedelta(minutes=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(actor=officer, kind=drills.DRILL_JOB)  # the schedule's job: injects what is due
    alert = Alert.objects.get(drill=drill)
    assert alert.rule == "foreign_country"
    services.acknowledge(actor=officer, alert=alert)
    drill.refresh_from_db()
    assert drill.status == DrillStatus.ACKNOWLEDGED
    assert drill.seconds_to_ack >= drill.seconds_to_alert
    obligation = calendar.get(key="access-monitoring-drill")
    assert obligation.last_done_on == timezone.localdate()
    assert "演練" in obligation.completions.get().note


def test_a_drill_is_refused_when_its_rule_is_off(officer, web_source):
    services.set_rules(actor=officer, source=web_source, data={"failed_logins": {"enabled": False}})
    with pytest.raises(ValidationError):
        drills.schedule(actor=officer, source=web_source, scenario="failed_logins", when=timezone.now())


def test_an_injected_drill_without_alert_is_marked_missed(officer, web_source):
    drill = Drill.objects.create(source=web_source, scheduled_for=timezone.now(), status=DrillStatus.INJECTED,
                                 injected_at=timezone.now() - dt.timedelta(hours=2))  # fmt: skip
    job = enqueue(actor=officer, kind=drills.DRILL_JOB)
    execute(job.pk)
    drill.refresh_from_db()
    assert drill.status == DrillStatus.MISSED


def test_monthly_summary_is_evidence_and_completes_monitoring(officer, web_source, read, calendar):
    read(
        officer,
        web_source,
        "".join(clf(f"0{d}/May/2026:10:00:00", user="wang.mei") + "\n" for d in range(4, 8)).encode(),
    )
    summary = summaries.create(actor=officer, source=web_source, month="2026-05")
    assert summary.figures["events"] == 4
    assert [d["day"] for d in summary.figures["days"]] == [
        "2026-05-04",
        "2026-05-05",
        "2026-05-06",
        "2026-05-07",
    ]
    assert summary.evidence.blob.kind == "pdf"
    assert calendar.get(key="access-log-monitoring").last_done_on == timezone.localdate()
    with pytest.raises(ValidationError, match="已經產生過"):
        summaries.create(actor=officer, source=web_source, month="2026-05")


def test_summary_month_is_checked(officer, web_source):
    with pytest.raises(ValidationError):
        summaries.create(actor=officer, source=web_source, month="2026-13")
    future = (timezone.localdate() + dt.timedelta(days=40)).strftime("%Y-%m")
    with pytest.raises(ValidationError):
        summaries.create(actor=officer, source=web_source, month=future)


def test_bar_chart_geometry():
    chart = summaries.bar_chart([("01", 10), ("02", 5)], width=260, height=140)
    assert [b["h"] for b in chart.bars] == [100.0, 50.0]
    assert chart.bars[1]["y"] == 60.0


def test_the_monthly_job_summarises_last_month_once_per_source(
    officer, web_source, calendar, django_capture_on_commit_callbacks
):
    from shouhu.jobs import services as jobs
    from shouhu.logwatch.models import LogSource

    LogSource.objects.filter(pk=web_source.pk).update(created_at=timezone.now() - dt.timedelta(days=70))
    month = summaries.previous_month(timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.enqueue(actor=None, kind="logwatch.monthly", check_perm=False)
    job.refresh_from_db()
    assert job.result == {"created": 1, "failed": 0}
    assert web_source.summaries.get().month == month
    with django_capture_on_commit_callbacks(execute=True):
        again = jobs.enqueue(actor=None, kind="logwatch.monthly", check_perm=False)
    again.refresh_from_db()
    assert again.result == {"created": 0, "failed": 0}


def test_the_monthly_job_skips_a_source_created_this_month(officer, web_source):
    assert summaries.create_due() == {"created": 0, "failed": 0}
    assert not web_source.summaries.exists()


@pytest.mark.parametrize(
    ("today", "month"), [(dt.date(2026, 1, 15), "2025-12"), (dt.date(2026, 3, 1), "2026-02")]
)
def test_previous_month(today, month):
    assert summaries.previous_month(today) == month
