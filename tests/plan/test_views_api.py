"""Plan pages and API: generate, see the missing items, approve with the sign-off form."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shouhu.plan import services
from shouhu.plan.models import PlanVersion, State

pytestmark = pytest.mark.django_db


def test_generate_button_creates_a_draft_and_shows_its_missing_items(officer, login_as):
    client = login_as(officer)
    response = client.post(reverse("plan:generate"), follow=True)
    page = response.content.decode()
    assert PlanVersion.objects.get().state == State.DRAFT
    assert "委外監督紀錄" in page
    assert 'data-testid="plan-approve-form"' not in page  # the officer may not approve


def test_version_list_counts_the_missing_records_not_the_chapters(officer, login_as):
    version = services.generate_draft(actor=officer)
    missing = sum(len(c["missing"]) for c in version.content["chapters"])
    assert missing != len(version.content["chapters"])  # the two counts differ for an empty company

    page = login_as(officer).get(reverse("plan:list")).content.decode()

    assert f'<td data-testid="plan-missing-count">{missing} 項</td>' in page


def test_approve_form_preselects_approval_in_person_for_the_representative_only(
    officer, chief, representative, login_as
):
    draft = services.generate_draft(actor=officer)

    def checked(user):
        html = login_as(user).get(reverse("plan:detail", args=[draft.pk])).content.decode()
        return re.findall(r'<input type="radio" name="capacity" value="(\w+)"[^>]*\bchecked\b', html)

    assert checked(representative) == ["representative"]
    assert checked(chief) == []


def test_approve_form_records_the_authorisation(officer, chief, login_as):
    draft = services.generate_draft(actor=officer)
    client = login_as(chief)
    response = client.post(
        reverse("plan:detail", args=[draft.pk]),
        {
            "capacity": "authorised",
            "authorisation": "授權書 115-07",
            "note": "",
            "confirm": "on",
            "authorisation_file": SimpleUploadedFile("授權書.pdf", b"%PDF-1.4 letter"),
        },
        follow=True,
    )
    assert 'data-testid="plan-authorisation-file"' in response.content.decode()
    draft.refresh_from_db()
    assert (draft.state, draft.authorisation) == (State.APPROVED, "授權書 115-07")
    assert draft.authorisation_file.original_name == "授權書.pdf"


def test_approve_form_without_the_authorisation_document_says_so_on_the_form(officer, chief, login_as):
    draft = services.generate_draft(actor=officer)
    response = login_as(chief).post(
        reverse("plan:detail", args=[draft.pk]),
        {"capacity": "authorised", "authorisation": "授權書 115-07", "confirm": "on"},
    )
    assert "請上傳授權文件" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_approve_form_shows_the_service_refusal_on_the_form(officer, chief, login_as):
    draft = services.generate_draft(actor=officer)
    client = login_as(chief)
    response = client.post(
        reverse("plan:detail", args=[draft.pk]),
        {"capacity": "authorised", "authorisation": "", "confirm": "on"},
    )
    assert "請填寫授權依據" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_api_generates_lists_and_approves(officer, chief, login_as):
    created = login_as(officer).post("/api/v1/plan/versions")
    assert created.status_code == 201
    assert "內部管理程序：尚未建立：委外監督紀錄" in created.json()["missing"]
    version_id = created.json()["id"]
    approved = login_as(chief).post(
        f"/api/v1/plan/versions/{version_id}/approve",
        {
            "capacity": "authorised",
            "authorisation": "董事會決議",
            "authorisation_filename": "授權書.pdf",
            "authorisation_file_base64": base64.b64encode(b"%PDF-1.4 letter").decode(),
        },
        content_type="application/json",
    )
    assert approved.status_code == 200
    assert approved.json()["state"] == "approved"
    assert approved.json()["authorisation_sha256"] == hashlib.sha256(b"%PDF-1.4 letter").hexdigest()


def test_api_refuses_an_authorised_approval_without_the_document(officer, chief, login_as):
    version = services.generate_draft(actor=officer)
    response = login_as(chief).post(
        f"/api/v1/plan/versions/{version.pk}/approve",
        {"capacity": "authorised", "authorisation": "董事會決議", "authorisation_file_base64": "not base64!"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "base64" in response.content.decode()


def test_api_refuses_an_approval_by_the_officer(officer, login_as):
    version = services.generate_draft(actor=officer)
    response = login_as(officer).post(
        f"/api/v1/plan/versions/{version.pk}/approve",
        {"capacity": "authorised", "authorisation": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_list_page_shows_the_art18_measures_in_words(officer, login_as):
    page = login_as(officer).get(reverse("plan:list")).content.decode()
    assert "第18條年度措施：風險評估及管理" in page
    assert "moda-art18" not in page


def test_report_form_starts_the_job_and_leads_to_its_progress(
    officer, login_as, django_capture_on_commit_callbacks
):
    client = login_as(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plan:report_create"), {"start": "2026-01-01", "end": "2026-06-30"})
    from shouhu.plan.models import ImplementationReport

    report = ImplementationReport.objects.get()
    assert response.url == reverse("jobs:detail", args=[report.job_id])
    report.refresh_from_db()
    assert report.status == "done"
