"""Pages and API: permissions per role, upload through the page, decisions through the API, OpenAPI."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shouhu.logwatch.models import Alert, AlertStatus, Ingest
from tests.logwatch.conftest import SAMPLES, clf

pytestmark = pytest.mark.django_db

NIGHT = "".join(
    clf(f"09/May/2026:03:{i:02d}:00", user="chen.ops", size=2048) + "\n" for i in range(60)
).encode()


@pytest.mark.parametrize(
    ("role", "status"), [("pd_officer", 200), ("auditor", 200), ("is_chief", 200), ("staff", 403)]
)
def test_alert_list_by_role(make_user, login_as, role, status):
    client = login_as(make_user(role))
    assert client.get(reverse("logwatch:alerts")).status_code == status


def test_upload_page_to_alert_page(officer, login_as, web_source, django_capture_on_commit_callbacks):
    client = login_as(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("logwatch:source", args=[web_source.pk]),
            {"file": SimpleUploadedFile("access.log", NIGHT)},
        )
    ingest = Ingest.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("logwatch:ingest", args=[ingest.pk])
    page = client.get(response.url).content.decode()
    assert "非上班時間存取" in page
    assert 'data-testid="events">60<' in page
    alert = Alert.objects.get()
    detail = client.get(reverse("logwatch:alert", args=[alert.pk])).content.decode()
    assert "chen.ops" in detail
    assert 'data-testid="alert-events"' in detail
    client.post(reverse("logwatch:alert_acknowledge", args=[alert.pk]))
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED


def test_english_page_uses_the_english_explanation(officer, login_as, web_source, read):
    read(officer, web_source, NIGHT)
    client = login_as(officer)
    client.cookies["django_language"] = "en"
    page = client.get(
        reverse("logwatch:alert", args=[Alert.objects.get().pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "outside working hours" in page


def test_rules_form_shows_range_errors(officer, login_as, web_source):
    client = login_as(officer)
    response = client.post(
        reverse("logwatch:source_rules", args=[web_source.pk]),
        {"after_hours.enabled": "on", "after_hours.min_events": "-3"},
    )
    assert response.status_code == 200
    assert "須介於" in response.content.decode()


def test_api_send_lines_then_decide(officer, login_as, web_source, django_capture_on_commit_callbacks):
    client = login_as(officer)
    lines = [clf(f"09/May/2026:03:{i:02d}:00", user="chen.ops") for i in range(60)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/v1/logwatch/sources/{web_source.pk}/lines",
            {"lines": lines, "batch": "b-1"},
            content_type="application/json",
        )
    assert response.status_code == 202
    status = client.get(f"/api/v1/logwatch/ingests/{response.json()['id']}").json()
    assert (status["status"], status["events"], status["alerts"]) == ("succeeded", 60, 1)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            f"/api/v1/logwatch/sources/{web_source.pk}/lines",
            {"lines": lines, "batch": "b-1"},
            content_type="application/json",
        )
    repeated = client.get(f"/api/v1/logwatch/ingests/{again.json()['id']}").json()
    assert repeated["events"] == 0
    assert len(repeated["notes"]) == len(repeated["notes_en"]) >= 1  # the batch was read before: said in both
    assert all(re.search(r"[\u4e00-\u9fff]", note) for note in repeated["notes"])
    assert not any(re.search(r"[\u4e00-\u9fff]", note) for note in repeated["notes_en"])
    assert (repeated["error"], repeated["error_en"]) == ("", "")
    (alert,) = client.get("/api/v1/logwatch/alerts").json()
    bad = client.post(
        f"/api/v1/logwatch/alerts/{alert['id']}/close", {"reason": "other"}, content_type="application/json"
    )
    assert bad.status_code == 422
    made = client.post(f"/api/v1/logwatch/alerts/{alert['id']}/incident")
    assert made.status_code == 201
    assert made.json()["alert"]["status"] == "incident"


def test_api_upload_file_and_permissions(make_user, login_as, web_source, django_capture_on_commit_callbacks):
    auditor = login_as(make_user("auditor"))
    response = auditor.post(
        f"/api/v1/logwatch/sources/{web_source.pk}/files", {"file": SimpleUploadedFile("a.log", b"x\n")}
    )
    assert response.status_code == 403


def test_openapi_lists_the_logwatch_endpoints(officer, login_as):
    schema = login_as(officer).get("/api/v1/openapi.json").json()
    assert "/api/v1/logwatch/alerts/{alert_id}/incident" in schema["paths"]
    assert "/api/v1/logwatch/sources/{source_id}/files" in schema["paths"]


def test_source_pages_render(officer, login_as, web_source, read):
    read(officer, web_source, (SAMPLES / "nginx_combined.log").read_bytes())
    client = login_as(officer)
    for name, args in [("sources", []), ("source", [web_source.pk]), ("source_edit", [web_source.pk]), ("source_create", []),
                       ("blocklists", []), ("drills", []), ("summaries", []), ("source_rules", [web_source.pk])]:  # fmt: skip
        assert client.get(reverse(f"logwatch:{name}", args=args)).status_code == 200, name
