"""The incident page shows a 附錄三 package being built by its job and its download link as soon as it is
ready — or why it failed and a way to build it again — without a reload (htmx polling), in zh-TW and English."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from shouhu.evidence.services import storage
from shouhu.incidents import package, services
from shouhu.incidents.models import PackageStatus, RegulatorPackage
from shouhu.jobs.models import Job
from shouhu.jobs.services import execute
from shouhu.organization.models import Designation
from tests.browser.journeys import sign_in
from tests.factories import ClientFactory, CompanyFactory, PersonFactory
from tests.incidents.test_package import LETTER

pytestmark = pytest.mark.browser

TEXT = {
    "zh-hant": {
        "building": "正在產生 ZIP",
        "ready": "個檔案",
        "failed": "的 ZIP 未能產生：產生函復資料時發生錯誤，請重新產生；若一再發生，請通知系統管理員。",
        "retry": "重新產生 ZIP",
    },
    "en": {
        "building": "Building the ZIP",
        "ready": "files",
        "failed": "could not be built: An error occurred while building the reply package; please build it "
        "again, and tell your system administrator if it keeps happening.",
        "retry": "Build the ZIP again",
    },
}


def _incident_and_officer(make_user: Any, language: str) -> tuple[Any, Any]:
    CompanyFactory(address="臺北市大安區信義路三段41-3號", representative="黃大華")
    officer = make_user("pd_officer", username=f"package-officer-{language}")
    PersonFactory(user=officer, name="王小明", email="officer@example.com", phone="02-2700-0000")
    Designation.objects.create(
        kind=Designation.Kind.PRIVACY, person=PersonFactory(name="陳總"), position="副總經理"
    )
    now = timezone.now()
    incident = services.report_incident(
        actor=officer,
        data={
            "title": "會員資料外洩",
            "occurred_at": now - dt.timedelta(hours=30),
            "discovered_at": now - dt.timedelta(hours=20),
            "aware_at": now - dt.timedelta(hours=19),
            "kinds": ["leak"],
            "general_records": 1200,
            "summary": "駭客利用境外IP竊取消費者資料。",
            "damage": "已掌握 3 筆詐騙通報。",
            "consequences": "利用個資進行電話詐騙",
            "measures_taken": "已阻擋境外IP。",
            "measures_planned": "加上二次驗證。",
            "subject_notice_plan": "發送簡訊通知消費者。",
            "serious": True,
        },
        clients=[ClientFactory(name="甲電商股份有限公司")],
    )
    return incident, officer


def _queued(incident: Any, officer: Any) -> Job:
    """A package requested a moment ago whose job a worker has not picked up yet."""
    queued = RegulatorPackage.objects.create(
        incident=incident, letter=LETTER, status=PackageStatus.QUEUED, created_by=officer
    )
    job = Job.objects.create(kind=package.PACKAGE_JOB, params={"package_id": queued.pk}, created_by=officer)
    RegulatorPackage.objects.filter(pk=queued.pk).update(job=job)
    return job


@pytest.mark.parametrize("language", ["zh-hant", "en"])
@pytest.mark.django_db(transaction=True)
def test_download_link_appears_when_the_job_finishes(
    page: Any, make_user: Any, live_server: Any, language: str
) -> None:
    incident, officer = _incident_and_officer(make_user, language)
    job = _queued(incident, officer)

    sign_in(page, officer, live_server, language=language)
    page.goto(f"/incidents/{incident.pk}/")
    building = page.locator("[data-testid=package-queued]")
    assert TEXT[language]["building"] in building.inner_text()
    assert building.locator("progress").get_attribute("value") == "0"

    execute(job.pk)  # the worker runs the job; the page is not reloaded
    link = page.locator("[data-testid=package-download]")
    link.wait_for(timeout=10000)
    assert TEXT[language]["ready"] in page.inner_text("[data-testid=package-done]")
    assert page.locator("[data-testid=package-queued]").count() == 0
    with page.expect_download() as download_info:
        link.click()
    archive = open(download_info.value.path(), "rb").read()  # noqa: SIM115
    assert package.verify_manifest(archive) == []


@pytest.mark.parametrize("language", ["zh-hant", "en"])
@pytest.mark.django_db(transaction=True)
def test_a_failed_build_says_why_and_offers_to_build_again(
    page: Any, make_user: Any, live_server: Any, language: str
) -> None:
    incident, officer = _incident_and_officer(make_user, language)
    link = services.attach_evidence(
        actor=officer, incident=incident, file=b"10.0.0.1 GET /admin\n", filename="access.log", category="log"
    )
    storage().delete(link.evidence.blob.storage_key)  # the stored file is gone: the build cannot finish
    job = _queued(incident, officer)

    sign_in(page, officer, live_server, language=language)
    page.goto(f"/incidents/{incident.pk}/")
    assert TEXT[language]["building"] in page.inner_text("[data-testid=package-queued]")

    execute(job.pk)  # the worker fails; the page is not reloaded
    error = page.locator("[data-testid=package-error]")
    error.wait_for(timeout=10000)
    assert TEXT[language]["failed"] in error.inner_text()
    page.click("[data-testid=package-retry]")
    page.wait_for_url(f"**/incidents/{incident.pk}/package/?retry=*")
    assert page.input_value("input[name=inquiry_no]") == LETTER["inquiry_no"]
