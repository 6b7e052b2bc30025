"""A job whose worker dies is failed (or re-queued when idempotent) instead of running forever."""

import datetime as dt
import signal
import subprocess
import sys

import pytest
from django.utils import timezone

from shouhu.jobs import services
from shouhu.jobs.models import Job
from tests.processes import ROOT, process_env, query, shouhu, stop, wait_for


def _running(kind, *, beat_seconds_ago, attempts=1):
    beat = timezone.now() - dt.timedelta(seconds=beat_seconds_ago)
    return Job.objects.create(
        kind=kind,
        status=Job.Status.RUNNING,
        started_at=beat,
        heartbeat_at=beat,
        worker="h:1",
        attempts=attempts,
    )


@pytest.mark.django_db
def test_stale_job_of_a_plain_handler_is_failed_with_a_message(settings):
    settings.SHOUHU_JOB_STALE_SECONDS = 60
    job = _running("evidence.verify", beat_seconds_ago=61, attempts=services.MAX_ATTEMPTS)
    services.reap_stale()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "心跳逾時" in job.error


@pytest.mark.django_db
def test_stale_job_of_an_idempotent_handler_is_requeued(settings, django_capture_on_commit_callbacks):
    settings.SHOUHU_JOB_STALE_SECONDS = 60
    job = _running("audit.verify", beat_seconds_ago=61)
    with django_capture_on_commit_callbacks(execute=True):
        services.reap_stale()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED  # re-queued, then run inline by the test backend
    assert job.attempts == 2


@pytest.mark.django_db
def test_job_with_a_recent_heartbeat_is_left_running(settings):
    settings.SHOUHU_JOB_STALE_SECONDS = 60
    job = _running("evidence.verify", beat_seconds_ago=30)
    assert services.reap_stale() == []
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING


@pytest.mark.django_db
def test_job_page_shows_a_dead_workers_job_as_failed(settings, client, make_user, login_as):
    settings.SHOUHU_JOB_STALE_SECONDS = 60
    login_as(make_user("admin"))
    job = _running("evidence.verify", beat_seconds_ago=600, attempts=services.MAX_ATTEMPTS)
    body = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "失敗" in body
    assert "心跳逾時" in body


@pytest.mark.django_db
def test_api_shows_a_dead_workers_job_as_failed(settings, client, make_user, login_as):
    settings.SHOUHU_JOB_STALE_SECONDS = 60
    login_as(make_user("admin"))
    job = _running("evidence.verify", beat_seconds_ago=600, attempts=services.MAX_ATTEMPTS)
    data = client.get(f"/api/v1/jobs/{job.pk}").json()
    assert data["status"] == "failed"
    assert "心跳逾時" in data["error"]


def _start_worker(home, env):
    return subprocess.Popen(
        [sys.executable, "-m", "tests.jobs.slowjob", "worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _enqueue(env, kind):
    out = subprocess.run(
        [sys.executable, "-m", "tests.jobs.slowjob", "enqueue", kind],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def _status(home, pk):
    return query(home, "SELECT status, attempts, error FROM jobs_job WHERE id = ?", (pk,))[0]


def test_killed_worker_leaves_a_failed_or_requeued_job(process_home):
    home = process_home
    env = process_env(home, SHOUHU_JOB_HEARTBEAT_SECONDS="1", SHOUHU_JOB_STALE_SECONDS="3")
    workers = []
    try:
        # A plain job: its worker is killed mid-way.
        plain = _enqueue(env, "test.slow")
        workers.append(_start_worker(home, env))
        wait_for(lambda: _status(home, plain)[0] == "running", timeout=90, what="the first job to start")
        workers[-1].send_signal(signal.SIGKILL)
        workers[-1].wait()
        # An idempotent job: its worker is killed too; the plain job is reaped by this second worker.
        idem = _enqueue(env, "test.slow_idempotent")
        workers.append(_start_worker(home, env))
        wait_for(lambda: _status(home, idem)[0] == "running", timeout=90, what="the second job to start")
        wait_for(lambda: _status(home, plain)[0] == "failed", timeout=30, what="the first job to be failed")
        workers[-1].send_signal(signal.SIGKILL)
        workers[-1].wait()
        # A third worker re-queues the idempotent job and runs it to the end.
        workers.append(_start_worker(home, env))
        wait_for(lambda: _status(home, idem)[0] == "succeeded", timeout=60, what="the re-queued job")
    finally:
        for proc in workers:
            stop(proc)
    status, attempts, error = _status(home, plain)
    assert (status, attempts) == ("failed", 1)
    assert "心跳逾時" in error
    assert _status(home, idem)[:2] == ("succeeded", 2)
    listing = shouhu(home, "jobs", "list", env=env).stdout
    assert f"#{plain}\ttest.slow\t失敗" in listing
    assert "背景程序已停止回應" in listing
    lost = query(home, "SELECT object_id FROM audit_auditevent WHERE action = 'jobs.worker_lost'")
    assert sorted(int(row[0]) for row in lost) == sorted([plain, idem])


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/jobs/{pk}/", "/jobs/", "/api/v1/jobs/{pk}"])
def test_reading_a_dead_workers_job_writes_nothing(settings, client, make_user, login_as, url):
    from shouhu.audit.models import AuditEvent

    settings.SHOUHU_JOB_STALE_SECONDS = 60
    login_as(make_user("admin"))
    job = _running("evidence.verify", beat_seconds_ago=600, attempts=services.MAX_ATTEMPTS)
    audit_rows = AuditEvent.objects.count()
    body = client.get(url.format(pk=job.pk)).content.decode()
    job.refresh_from_db()
    assert (job.status, job.error, AuditEvent.objects.count()) == (Job.Status.RUNNING, "", audit_rows)
    assert "失敗" in body or '"failed"' in body


@pytest.mark.django_db
@pytest.mark.parametrize("args", [("list",), ("show", "{pk}")])
def test_jobs_command_shows_a_dead_workers_job_as_failed_without_writing(settings, args):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    from shouhu.audit.models import AuditEvent

    settings.SHOUHU_JOB_STALE_SECONDS = 60
    job = _running("evidence.verify", beat_seconds_ago=600, attempts=services.MAX_ATTEMPTS)
    audit_rows = AuditEvent.objects.count()
    out = io.StringIO()
    try:
        call_command("jobs", *(a.format(pk=job.pk) for a in args), stdout=out)
    except CommandError as failed:  # `show` of a failed job exits non-zero with the reason
        out.write(str(failed))
    job.refresh_from_db()
    assert (job.status, job.error, AuditEvent.objects.count()) == (Job.Status.RUNNING, "", audit_rows)
    assert "失敗" in out.getvalue()
    assert "心跳逾時" in out.getvalue()
