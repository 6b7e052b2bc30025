import pytest
from django.utils import translation

from shouhu.audit.services import record
from shouhu.jobs import services
from shouhu.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_job_runs_after_commit_and_records_result(make_user, django_capture_on_commit_callbacks):
    user = make_user("admin")
    record(actor=None, action="x")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(actor=user, kind="audit.verify")
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result["ok"] is True
    assert job.percent == 100


def test_job_is_idempotent_once_done(make_user, django_capture_on_commit_callbacks):
    user = make_user("admin")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(actor=user, kind="audit.verify")
    job.refresh_from_db()
    finished = job.finished_at
    services.execute(job.pk)
    job.refresh_from_db()
    assert job.finished_at == finished
    assert job.attempts == 1


def test_failing_job_keeps_the_error_on_its_row(make_user, django_capture_on_commit_callbacks):
    @services.handler("test.fail", permission="jobs.run")
    def fail(job, progress):
        raise services.JobError("壞掉了")

    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(actor=make_user("admin"), kind="test.fail")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "壞掉了" in job.error


def test_unknown_kind_is_refused(make_user):
    with pytest.raises(services.UnknownJobKind):
        services.enqueue(actor=make_user("admin"), kind="nope")


@pytest.mark.parametrize(
    ("language", "said"), [("zh-hant", "未知的工作類型：nope"), ("en", "Unknown job kind: nope")]
)
def test_unknown_kind_is_said_in_one_language(make_user, language, said):
    admin = make_user("admin")
    with translation.override(language), pytest.raises(services.UnknownJobKind) as refused:
        services.enqueue(actor=admin, kind="nope")
    assert str(refused.value) == said


def test_job_page_shows_progress(client, make_user, login_as):
    user = make_user("admin")
    login_as(user)
    job = Job.objects.create(kind="audit.verify", progress=5, total=10, status=Job.Status.RUNNING)
    body = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'value="50"' in body


@pytest.mark.django_db(transaction=True)
def test_worker_command_processes_the_database_queue(make_user, settings, django_capture_on_commit_callbacks):
    import io

    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(actor=make_user("admin"), kind="audit.verify")
    assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED
    call_command("worker", "--batch", stdout=io.StringIO())
    assert Job.objects.get(pk=job.pk).status == Job.Status.SUCCEEDED


def test_jobs_command_shows_the_progress_of_one_job(make_user):
    import io

    from django.core.management import call_command

    job = Job.objects.create(
        kind="audit.verify", progress=3, total=4, status=Job.Status.RUNNING, message="檢查中"
    )
    out = io.StringIO()
    call_command("jobs", "show", str(job.pk), stdout=out)
    assert f"#{job.pk} audit.verify" in out.getvalue()
    assert " 75% 執行中 檢查中" in out.getvalue()


def test_an_unexpected_error_message_is_not_kept_or_logged(
    make_user, django_capture_on_commit_callbacks, caplog
):
    @services.handler("test.leak", permission="jobs.run")
    def leak(job, progress):
        value = "".join(["A1234", "56789"])  # built at run time, as data would be
        raise ValueError(f"{value} could not be parsed")

    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(actor=make_user("admin"), kind="test.leak")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "ValueError" in job.error
    assert "A123456789" not in job.error
    assert "A123456789" not in caplog.text


def test_a_job_error_raised_from_a_failure_logs_the_failures_type_and_frames_not_its_message(
    make_user, django_capture_on_commit_callbacks, caplog
):
    def parse_the_upload():
        raise ValueError("".join(["A1234", "56789"]) + " could not be parsed")

    @services.handler("test.wrapped", permission="jobs.run")
    def wrapped(job, progress):
        try:
            parse_the_upload()
        except ValueError as exc:
            raise services.JobError("產生失敗，請重新產生。") from exc

    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(actor=make_user("admin"), kind="test.wrapped")
    job.refresh_from_db()
    assert job.error == "產生失敗，請重新產生。"
    assert "caused by ValueError" in caplog.text
    assert "parse_the_upload" in caplog.text
    assert "A123456789" not in caplog.text


def test_schedule_enqueues_each_kind_once_per_interval(django_capture_on_commit_callbacks, settings):
    import datetime as dt

    from django.utils import timezone

    from shouhu.jobs.schedule import SCHEDULE, enqueue_due

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        first = enqueue_due(now=now)
        again = enqueue_due(now=now + dt.timedelta(minutes=1))
        later = enqueue_due(now=now + dt.timedelta(minutes=6))
    assert sorted(j.kind for j in first) == sorted(s.kind for s in SCHEDULE)
    assert again == []
    assert [j.kind for j in later] == ["incidents.remind"]
