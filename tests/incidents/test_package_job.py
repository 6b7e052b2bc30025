"""附錄三 packages are built by the ``incidents.package`` job; the incident page polls until the ZIP is ready."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.evidence.services import read_bytes_internal, storage
from shouhu.incidents import package, selectors, services
from shouhu.incidents.models import Incident, PackageStatus, RegulatorPackage
from shouhu.jobs.models import Job
from shouhu.jobs.services import reap_stale, stale_seconds
from tests.incidents.test_package import LETTER


def _request(officer: Any, incident: Incident, capture: Any) -> RegulatorPackage:
    with capture(execute=True):  # the inline job backend runs the job when the request commits
        queued = package.request_build(actor=officer, incident=incident, letter=LETTER)
    return RegulatorPackage.objects.select_related("job", "archive").get(pk=queued.pk)


def test_request_queues_the_package_and_its_job_builds_the_zip(
    incident: Incident, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    built = _request(officer, incident, django_capture_on_commit_callbacks)
    assert built.status == PackageStatus.DONE
    assert built.job is not None
    assert (built.job.kind, built.job.params, built.job.status) == (
        "incidents.package",
        {"package_id": built.pk},
        Job.Status.SUCCEEDED,
    )
    assert built.job.result == {"package_id": built.pk, "files": len(built.manifest)}
    assert built.archive is not None
    assert package.verify_manifest(read_bytes_internal(built.archive)) == []
    actions = list(
        AuditEvent.objects.filter(action__startswith="incidents.package")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["incidents.package_requested", "incidents.package_built"]


def test_a_request_missing_letter_facts_queues_nothing(incident: Incident, officer: Any) -> None:
    with pytest.raises(ValidationError, match="來函字號"):
        package.request_build(actor=officer, incident=incident, letter={**LETTER, "inquiry_no": ""})
    assert not RegulatorPackage.objects.exists()
    assert not Job.objects.filter(kind="incidents.package").exists()


def test_a_failed_build_marks_the_package_failed(
    incident: Incident, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    link = services.attach_evidence(
        actor=officer, incident=incident, file=b"10.0.0.1 GET /admin\n", filename="access.log", category="log"
    )
    storage().delete(link.evidence.blob.storage_key)  # the stored file is gone: the build cannot finish
    failed = _request(officer, incident, django_capture_on_commit_callbacks)
    assert failed.status == PackageStatus.FAILED
    assert failed.archive is None
    assert failed.job is not None
    assert failed.job.status == Job.Status.FAILED
    assert selectors.latest_packages([incident.pk]) == {}


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("zh-hant", "的 ZIP 未能產生：產生函復資料時發生錯誤，請重新產生；若一再發生，請通知系統管理員。"),
        (
            "en",
            "could not be built: An error occurred while building the reply package; please build it again",
        ),
    ],
)
def test_a_failed_package_says_why_in_the_readers_language_with_a_way_to_build_it_again(
    incident: Incident,
    officer: Any,
    login_as: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
    language: str,
    said: str,
) -> None:
    link = services.attach_evidence(
        actor=officer, incident=incident, file=b"10.0.0.1 GET /admin\n", filename="access.log", category="log"
    )
    storage().delete(link.evidence.blob.storage_key)
    failed = _request(officer, incident, django_capture_on_commit_callbacks)
    assert failed.job is not None
    assert failed.job.error_key == package.BUILD_FAILED  # the job page says it too, in the reader's language
    web = login_as(officer)
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    partial = web.get(f"/incidents/{incident.pk}/packages/").content.decode()
    assert said in partial
    retry = f"/incidents/{incident.pk}/package/?retry={failed.pk}"
    assert f'href="{retry}" data-testid="package-retry"' in partial
    form = web.get(retry).content.decode()
    assert f'value="{LETTER["inquiry_no"]}"' in form  # the letter as it was typed


def test_a_lost_worker_fails_the_package_after_its_last_attempt(incident: Incident, officer: Any) -> None:
    queued = RegulatorPackage.objects.create(incident=incident, letter=LETTER, status=PackageStatus.QUEUED)
    long_ago = timezone.now() - dt.timedelta(seconds=stale_seconds() + 60)
    job = Job.objects.create(
        kind="incidents.package",
        params={"package_id": queued.pk},
        status=Job.Status.RUNNING,
        attempts=3,
        started_at=long_ago,
        heartbeat_at=long_ago,
        worker="gone:1",
    )
    assert reap_stale() == [job]
    queued.refresh_from_db()
    assert (queued.status, queued.error) == (
        PackageStatus.FAILED,
        "背景程序中斷，函復資料未完成；請重新產生。",
    )


def test_incident_page_polls_while_a_package_is_built_and_links_it_when_ready(
    incident: Incident, officer: Any, login_as: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = login_as(officer)
    queued = RegulatorPackage.objects.create(
        incident=incident, letter=LETTER, status=PackageStatus.QUEUED, created_by=officer
    )
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert f'hx-get="/incidents/{incident.pk}/packages/" hx-trigger="every 1s"' in page
    assert 'data-testid="package-queued"' in page

    queued.delete()
    built = _request(officer, incident, django_capture_on_commit_callbacks)
    partial = client.get(f"/incidents/{incident.pk}/packages/").content.decode()
    assert "hx-trigger" not in partial
    assert f'href="/incidents/packages/{built.pk}/" data-testid="package-download"' in partial


def test_submitting_the_package_form_returns_to_the_incident(
    incident: Incident, officer: Any, login_as: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = login_as(officer).post(f"/incidents/{incident.pk}/package/", LETTER)
    assert response.status_code == 302
    assert response.url == f"/incidents/{incident.pk}/#packages"
    assert RegulatorPackage.objects.get().status == PackageStatus.DONE


def test_a_queued_package_cannot_be_downloaded(incident: Incident, officer: Any, login_as: Any) -> None:
    queued = RegulatorPackage.objects.create(incident=incident, letter=LETTER, status=PackageStatus.QUEUED)
    assert login_as(officer).get(f"/incidents/packages/{queued.pk}/").status_code == 404
