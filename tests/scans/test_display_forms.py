"""Every surface a scan finding reaches shows its display form only (issue 16: an ID as A1******89, a mobile as
09**-***-678, cards and NHI numbers by their last four): never the raw value, its normalised form, or the longer
partial-masking form (A12****789, 0912-***-678, 411111******1111) of the masked copies. One test per surface,
each over every category the engine reports."""

from __future__ import annotations

import importlib
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import openpyxl
import pytest
from django.db import models

from shouhu.accounts.models import User
from shouhu.audit.models import AuditEvent
from shouhu.engines.pii.categories import CATEGORIES
from shouhu.engines.pii.masking import display_value, mask_value
from shouhu.jobs.models import Job
from shouhu.scans import services
from shouhu.scans.models import ScanFinding, ScanRun, ScanSource
from tests.engines.pii.test_privacy import EVERY_CATEGORY
from tests.scans.test_views import _api

pytestmark = pytest.mark.django_db


#: Per category: a column name that hints it, the value as written, and its normalised form (the engine's
#: CLI privacy test uses the same values).
VALUES: dict[str, tuple[str, str, str]] = EVERY_CATEGORY


def test_every_category_has_a_sample() -> None:
    assert sorted(VALUES) == sorted(CATEGORIES)


def _forbidden(category: str) -> list[str]:
    """What must never be shown: the value as written, normalised, and every longer masked form."""
    _, written, normalized = VALUES[category]
    shown = display_value(category, normalized)
    longer = [mask_value(category, normalized), mask_value(category, normalized, id_policy="last4")]
    return sorted({written, normalized, *(form for form in longer if form != shown)})


def _leaks(category: str, text: str) -> list[str]:
    return [form for form in _forbidden(category) if form in text]


@pytest.fixture(params=CATEGORIES)
def scanned(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    admin: User,
    run_source: Callable[[ScanSource], ScanRun],
) -> tuple[str, ScanRun]:
    """A scan of a folder whose CSV holds one category's value (twice) and a text file that mentions it."""
    category = request.param
    header, written, _ = VALUES[category]
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "people.csv").write_text(f"{header},備註\n{written},客戶\n{written},員工\n", encoding="utf-8")
    source = services.create_source(
        actor=admin,
        data={"name": "匯出檔", "kind": "path", "path": str(folder), "max_size_mb": 1, "sample_rows": 0},
    )
    run = run_source(source)
    assert run.findings.filter(category=category).exists()
    return category, run


def _shown(category: str) -> str:
    return display_value(category, VALUES[category][2])


def test_pages_and_partials_show_only_the_display_form(
    scanned: tuple[str, ScanRun], admin: User, login_as: Any
) -> None:
    category, run = scanned
    client = login_as(admin)
    urls = ["/", "/scans/", f"/scans/sources/{run.source_id}/", f"/scans/runs/{run.pk}/", "/jobs/"]
    urls += [f"/jobs/{run.job_id}/", f"/scans/runs/{run.pk}/inventory/"]
    urls += [
        f"/scans/runs/{run.pk}/location/?loc={quote(loc)}"
        for loc in set(run.findings.values_list("location", flat=True))
    ]
    pages = []
    for url in urls:
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.get(url, **headers)
            assert response.status_code == 200, url
            pages.append(response.content.decode())
    text = "\n".join(pages)
    assert _shown(category) in text
    assert _leaks(category, text) == []


def test_api_shows_only_the_display_form(scanned: tuple[str, ScanRun], admin: User) -> None:
    category, run = scanned
    api = _api(admin)
    urls = ["/api/v1/scans/sources", f"/api/v1/scans/runs/{run.pk}", f"/api/v1/scans/runs/{run.pk}/findings"]
    urls += [f"/api/v1/jobs/{run.job_id}"]
    answers = []
    for url in urls:
        response = api.get(url)
        assert response.status_code == 200, url
        answers.append(json.dumps(response.json(), ensure_ascii=False))  # names unescaped
    text = "\n".join(answers)
    assert _shown(category) in text
    assert _leaks(category, text) == []


def _xlsx_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row
    )


def test_audit_log_page_and_exports_show_no_longer_form(
    scanned: tuple[str, ScanRun], admin: User, login_as: Any
) -> None:
    category, run = scanned
    client = login_as(admin)
    client.post(f"/scans/runs/{run.pk}/inventory/")
    page = client.get("/audit/").content.decode()
    exported = client.get("/audit/?format=csv")
    workbook = client.get("/audit/?format=xlsx")
    assert (exported.status_code, workbook.status_code) == (200, 200)
    text = "\n".join([page, exported.content.decode("utf-8-sig"), _xlsx_text(workbook.content)])
    assert "scans.run_finished" in text or "完成掃描" in text
    assert _leaks(category, text) == []


def _rows(model: type[models.Model]) -> str:
    return "\n".join(str(row) for row in model.objects.values())


def test_stored_rows_hold_only_the_display_form(scanned: tuple[str, ScanRun]) -> None:
    category, _ = scanned
    assert list(ScanFinding.objects.filter(category=category).values_list("samples", flat=True)) == [
        [_shown(category)]
    ]
    stored = "\n".join(_rows(m) for m in (ScanSource, ScanRun, ScanFinding, Job, AuditEvent))
    assert _leaks(category, stored) == []


#: Samples a run stored before scan results showed less, and what they are after migration 0005.
_OLD_SAMPLES = {
    "tw_national_id": (
        ["A12****789", "B12****000", "A12345****"],
        ["A1******89", "B1******00", "A12345****"],
    ),
    "tw_resident_id": (["A80****005"], ["A8******05"]),
    "mobile_phone": (["0912-***-678", "0987-***-321", "09**-***-678"], ["09**-***-678", "09**-***-321"]),
    "credit_card": (["411111******1111", "5500-****-****-0004"], ["************1111", "***************0004"]),
    "nhi_card": (["00******5678"], ["********5678"]),
    "email": (["m***@example.com"], ["m***@example.com"]),
}


@pytest.mark.parametrize("category", sorted(_OLD_SAMPLES))
def test_samples_stored_in_the_longer_form_are_shortened_by_the_migration(
    path_source: ScanSource, category: str
) -> None:
    from django.apps import apps

    migration = importlib.import_module("shouhu.scans.migrations.0005_display_samples")
    run = ScanRun.objects.create(source=path_source)
    old, new = _OLD_SAMPLES[category]
    finding = ScanFinding.objects.create(
        run=run, location="old.csv#x", column="x", category=category, count=3, distinct=3, samples=old
    )
    migration.shorten_samples(apps, None)
    finding.refresh_from_db()
    assert finding.samples == new


def test_english_pages_name_categories_in_english(
    path_source: ScanSource, run_source: Callable[[ScanSource], ScanRun], admin: User, login_as: Any
) -> None:
    run = run_source(path_source)
    client = login_as(admin)
    client.cookies["django_language"] = "en"
    location = run.findings.filter(category="mobile_phone").values_list("location", flat=True).first()
    run_page = client.get(f"/scans/runs/{run.pk}/").content.decode()
    location_page = client.get(f"/scans/runs/{run.pk}/location/?loc={quote(str(location))}").content.decode()
    for page in (run_page, location_page):
        assert "Mobile phone" in page
        assert "行動電話" not in page
    assert re.search(r"\b[0-9]+ files \(", run_page)  # "2 files (…)", not "2files (…)"


@pytest.mark.parametrize("category", CATEGORIES)
def test_mask_report_page_and_api_hold_no_value_the_scan_reports(
    category: str, make_user: Callable[..., User], login_as: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given: a file without a header row: the value sits in its first row, beside long integers no rule covers
    from shouhu.scans.masking import start_mask

    _, written, _ = VALUES[category]
    upload = "\n".join(f"{written},{n}2345678901" for n in (1, 2, 3)).encode()
    officer = make_user("pd_officer")
    with django_capture_on_commit_callbacks(execute=True):
        job = start_mask(
            actor=officer, upload=io.BytesIO(upload), filename="客戶.csv", default="partial", methods={}
        )
    job.refresh_from_db()
    assert job.status == "succeeded"
    # when: the report is read on the job page (and its htmx refresh) and from the API
    client = login_as(officer)
    pages = [
        client.get(f"/jobs/{job.pk}/", **headers).content.decode()
        for headers in ({}, {"HTTP_HX_REQUEST": "true"})
    ]
    answer = _api(officer).get(f"/api/v1/scans/mask-jobs/{job.pk}")
    text = "\n".join([*pages, json.dumps(answer.json(), ensure_ascii=False), str(job.result), job.message])
    # then: counts and column letters only, never a value of the file
    assert _leaks(category, text) == []
    assert "12345678901" not in text
