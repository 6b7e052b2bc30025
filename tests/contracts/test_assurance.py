"""The assurance pack: chosen evidence as a ZIP with a SHA-256 manifest, built by a background job."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.contracts import assurance, services
from shouhu.contracts.models import AssurancePack, PackStatus
from shouhu.evidence.services import store
from shouhu.jobs.models import Job


def _zip(login_as, user, pack) -> zipfile.ZipFile:
    response = login_as(user).get(reverse("contracts:pack_download", args=[pack.pk]))
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def certificate(officer):
    return store(
        actor=officer, file=b"%PDF-1.4\n% ISO 27001\n", filename="ISO27001證書.pdf", check_perm=False
    )


def test_a_pack_holds_the_chosen_sections_and_a_manifest_that_checks(
    login_as, officer, client_a, system, certificate, django_capture_on_commit_callbacks
):
    services.save_test(
        actor=officer,
        data={
            "system": system,
            "kind": "pentest",
            "tested_on": timezone.localdate() - dt.timedelta(days=20),
            "tester": "資安公司",
            "high_count": 0,
            "medium_count": 2,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        pack = assurance.request_pack(
            actor=officer,
            sections=["tests", "training", "selfcheck", "certificates"],
            client=client_a,
            evidence_ids=[certificate.pk],
        )
    pack.refresh_from_db()
    assert pack.status == PackStatus.DONE
    archive = _zip(login_as, officer, pack)
    names = set(archive.namelist())
    assert {"01_摘要.txt", "03_安全檢測摘要.csv", "SHA256SUMS.txt"} <= names
    assert any(n.startswith("04_證書及佐證/") and n.endswith("ISO27001證書.pdf") for n in names)
    for line in archive.read("SHA256SUMS.txt").decode().splitlines():
        digest, path = line.split("  ", 1)
        assert hashlib.sha256(archive.read(path)).hexdigest() == digest
    summary = archive.read("01_摘要.txt").decode()
    assert "提供對象：甲電商股份有限公司" in summary
    assert "尚無已完成之自我檢查" in summary  # said, not left out
    assert "會員系統" in archive.read("03_安全檢測摘要.csv").decode("utf-8-sig")
    assert Job.objects.get(pk=pack.job_id).status == "succeeded"
    assert AuditEvent.objects.filter(action="contracts.assurance_pack_built").count() == 1


def test_a_pack_needs_a_section(officer):
    with pytest.raises(ValidationError) as caught:
        assurance.request_pack(actor=officer, sections=[])
    assert caught.value.message_dict["sections"] == ["請選擇至少一項內容"]


def test_certificates_need_files(officer):
    with pytest.raises(ValidationError) as caught:
        assurance.request_pack(actor=officer, sections=["certificates"])
    assert "evidence_ids" in caught.value.message_dict


def test_an_auditor_cannot_build_a_pack(auditor):
    with pytest.raises(PermissionDenied):
        assurance.request_pack(actor=auditor, sections=["training"])


def test_the_page_queues_a_pack_and_shows_its_job(login_as, officer, django_capture_on_commit_callbacks):
    web = login_as(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = web.post(reverse("contracts:packs"), {"sections": ["training", "tests"]})
    pack = AssurancePack.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[pack.job_id])
    assert 'data-testid="pack-download"' in web.get(reverse("contracts:packs")).content.decode()


@pytest.mark.parametrize(
    ("language", "said"),
    [("zh-hant", "產生失敗，請重新產生。"), ("en", "The pack could not be built; please build it again.")],
)
def test_a_failed_pack_says_why_in_the_readers_language_and_builds_again_with_the_same_contents(
    login_as, officer, client_a, certificate, settings, django_capture_on_commit_callbacks, language, said
):
    from shouhu.evidence.services import storage

    storage().delete(certificate.blob.storage_key)  # the certificate's file is gone: the build cannot finish
    with django_capture_on_commit_callbacks(execute=True):
        failed = assurance.request_pack(
            actor=officer,
            sections=["training", "certificates"],
            client=client_a,
            evidence_ids=[certificate.pk],
        )
    failed.refresh_from_db()
    assert failed.status == PackStatus.FAILED
    web = login_as(officer)
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    job_page = web.get(reverse("jobs:detail", args=[failed.job_id])).content.decode()
    assert said in job_page  # where the user waits for it
    page = web.get(reverse("contracts:packs")).content.decode()
    assert f'<span data-testid="pack-error">{said}</span>' in page
    assert reverse("contracts:pack_retry", args=[failed.pk]) in page

    with django_capture_on_commit_callbacks(execute=False):
        response = web.post(reverse("contracts:pack_retry", args=[failed.pk]))
    again = AssurancePack.objects.exclude(pk=failed.pk).get()
    assert response["Location"] == reverse("jobs:detail", args=[again.job_id])
    assert (again.status, again.sections, again.client, again.evidence_ids) == (
        PackStatus.QUEUED, ["training", "certificates"], client_a, [certificate.pk],
    )  # fmt: skip


def test_only_a_failed_pack_is_built_again(officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        built = assurance.request_pack(actor=officer, sections=["training"])
    built.refresh_from_db()
    with pytest.raises(ValidationError):
        assurance.retry_pack(actor=officer, pack=built)
