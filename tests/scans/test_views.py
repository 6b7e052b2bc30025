"""Scan pages and API: permissions, browsing by source → file/table → column, starting runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.test import Client

from shouhu.accounts.models import User
from shouhu.accounts.services.tokens import create_token
from shouhu.scans.models import ScanRun, ScanSource

RunSource = Callable[[ScanSource], ScanRun]


def _api(user: User) -> Client:
    _, plain = create_token(actor=None, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}")


def test_list_page_shows_sources_to_viewers(auditor: User, path_source: ScanSource, login_as: Any) -> None:
    page = login_as(auditor).get("/scans/").content.decode()
    assert "匯出檔" in page
    assert 'data-testid="new-source"' not in page


def test_staff_cannot_see_scans(make_user: Callable[..., User], login_as: Any) -> None:
    assert login_as(make_user("staff")).get("/scans/").status_code == 403


def test_admin_creates_a_path_source_through_the_form(admin: User, data_dir: Path, login_as: Any) -> None:
    response = login_as(admin).post(
        "/scans/sources/new/",
        {"name": "表單來源", "kind": "path", "path": str(data_dir), "max_size_mb": 5, "sample_rows": 0},
    )
    source = ScanSource.objects.get(name="表單來源")
    assert response.url == f"/scans/sources/{source.pk}/"


def test_form_shows_validation_errors_in_chinese(admin: User, login_as: Any) -> None:
    response = login_as(admin).post(
        "/scans/sources/new/",
        {"name": "x", "kind": "database", "database_url": "redis://h/0", "max_size_mb": 5, "sample_rows": 0},
    )
    assert "資料庫連線網址須以 postgresql://" in response.content.decode()


def test_auditor_cannot_start_a_run(auditor: User, path_source: ScanSource, login_as: Any) -> None:
    assert login_as(auditor).post(f"/scans/sources/{path_source.pk}/run/").status_code == 403
    assert not ScanRun.objects.exists()


def test_run_button_starts_a_job_and_redirects_to_the_run(
    admin: User, path_source: ScanSource, login_as: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = login_as(admin).post(f"/scans/sources/{path_source.pk}/run/")
    run = ScanRun.objects.get()
    assert response.url == f"/scans/runs/{run.pk}/"
    page = login_as(admin).get(response.url).content.decode()
    assert "完成" in page
    assert "people.csv" in page


def test_htmx_poll_of_a_finished_run_refreshes_the_page(
    auditor: User, path_source: ScanSource, run_source: RunSource, login_as: Any
) -> None:
    run = run_source(path_source)
    response = login_as(auditor).get(f"/scans/runs/{run.pk}/", HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert 'data-testid="run-status">完成' in response.content.decode()


def test_location_page_lists_columns_with_badges_and_moj_codes(
    auditor: User, path_source: ScanSource, run_source: RunSource, login_as: Any, data_dir: Path
) -> None:
    run = run_source(path_source)
    loc = quote(str(data_dir / "people.csv"))
    page = login_as(auditor).get(f"/scans/runs/{run.pk}/location/?loc={loc}").content.decode()
    assert "身分證字號" in page
    assert "國民身分證統一編號" in page
    assert "C003" in page
    assert "A1******89" in page


def test_api_lists_sources_with_masked_urls(officer: User, settings: Any) -> None:
    from shouhu.scans import services

    settings.SHOUHU_SCAN_DB_HOSTS = ["db"]
    services.create_source(
        actor=officer,
        data={"name": "CRM", "kind": "database", "database_url": "mysql+pymysql://app:PW-123@db/crm"},
    )
    body = _api(officer).get("/api/v1/scans/sources").json()
    assert [(s["name"], s["target"]) for s in body] == [("CRM", "mysql+pymysql://app:***@db/crm")]


def test_api_starts_a_run_and_reads_status_and_results(
    admin: User, path_source: ScanSource, django_capture_on_commit_callbacks: Any
) -> None:
    api = _api(admin)
    with django_capture_on_commit_callbacks(execute=True):
        started = api.post(f"/api/v1/scans/sources/{path_source.pk}/runs")
    assert started.status_code == 202
    run_id = started.json()["id"]
    status = api.get(f"/api/v1/scans/runs/{run_id}").json()
    assert (status["status"], status["progress"], status["total"]) == ("succeeded", 2, 2)
    findings = api.get(f"/api/v1/scans/runs/{run_id}/findings").json()
    ids = [f for f in findings if f["category"] == "tw_national_id"]
    assert [(f["column"], f["count"], f["distinct"], f["moj_codes"]) for f in ids] == [
        ("身分證字號", 3, 2, ["C003"])
    ]


def test_api_refuses_runs_to_auditors(auditor: User, path_source: ScanSource) -> None:
    assert _api(auditor).post(f"/api/v1/scans/sources/{path_source.pk}/runs").status_code == 403


def test_dashboard_panel_lists_recent_runs(
    auditor: User, path_source: ScanSource, run_source: RunSource, login_as: Any
) -> None:
    run_source(path_source)
    page = login_as(auditor).get("/").content.decode()
    assert 'data-testid="scan-panel"' in page
    assert "匯出檔" in page
