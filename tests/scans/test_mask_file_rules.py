"""Column rules for file masking in the web app and the API: text rules on the page, structured picks and text
rules in ``POST /mask-jobs``, checked as for a database copy (422 naming the field, in the reader's language), a
CSV file's table being its uploaded name, and rules that match nothing listed in the job's notes."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from shouhu.accounts.services.tokens import create_token
from shouhu.audit.models import AuditEvent
from shouhu.evidence.models import Evidence
from shouhu.evidence.services import read_bytes_internal
from shouhu.jobs.models import Job

pytestmark = pytest.mark.django_db

CSV = "代碼,備註\nX-1,聯絡人 王小明\n".encode()


def _api(user: Any, language: str = "zh-hant") -> Client:
    _, plain = create_token(actor=None, user=user, name="mask")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}", HTTP_ACCEPT_LANGUAGE=language)


def _rows(job: Job) -> list[list[str]]:
    evidence = Evidence.objects.get(pk=job.result["evidence_id"])
    return list(csv.reader(io.StringIO(read_bytes_internal(evidence).decode("utf-8"))))


def test_api_picks_apply_to_the_uploaded_files_table_and_unmatched_ones_are_noted(
    make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    api = _api(make_user("pd_officer"), "en")
    upload = io.BytesIO(CSV)
    upload.name = "customers.csv"
    picks = [
        {"table": "customers", "column": "備註", "method": "remove"},
        {"table": "orders", "column": "代碼", "method": "remove"},
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/scans/mask-jobs", {"file": upload, "columns": json.dumps(picks), "rules": "代碼=keep"}
        )
    assert response.status_code == 202
    job = Job.objects.get()
    assert _rows(job) == [["代碼", "備註"], ["X-1", ""]]
    notes = api.get(f"/api/v1/scans/mask-jobs/{job.pk}").json()["notes"]
    assert notes == [
        "column rule “orders.代碼” matched no column and was not applied; such a column, if present, was masked "
        "only where detection found personal data"
    ]
    event = AuditEvent.objects.get(action="scans.mask_started", object_id=str(job.pk))
    assert event.changes["columns"] == [None, ["customers.備註=remove", "orders.代碼=remove", "代碼=keep"]]


@pytest.mark.parametrize(
    ("language", "field", "data", "text"),
    [
        (
            "zh-hant",
            "columns",
            {"columns": '[{"column": "a", "method": "blur"}]'},
            "第 1 筆欄位規則：未知的遮罩方式",
        ),
        (
            "en",
            "columns",
            {"columns": '[{"column": "a", "method": "blur"}]'},
            "column rule 1: unknown masking method",
        ),
        ("en", "columns", {"columns": '{"column": "a"}'}, "must be a JSON array"),
        ("zh-hant", "columns", {"columns": "not json"}, "應為 JSON 陣列"),
        ("en", "rules", {"rules": "a=blur"}, "line 1: unknown masking method"),
        ("zh-hant", "rules", {"rules": "just a name"}, "第 1 行格式應為"),
    ],
)
def test_api_refuses_bad_rules_with_422_naming_the_field(
    make_user: Any, language: str, field: str, data: dict[str, str], text: str
) -> None:
    upload = io.BytesIO(CSV)
    upload.name = "customers.csv"
    response = _api(make_user("pd_officer"), language).post(
        "/api/v1/scans/mask-jobs", {"file": upload, **data}
    )
    assert response.status_code == 422
    assert text in response.json()["errors"][field][0]
    assert not Job.objects.exists()


def test_page_takes_column_rules_and_shows_a_bad_one_on_the_field(
    client: Client, make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(make_user("pd_officer"))
    form = {"default": "partial", "birth_date": "generalize", "address": "partial"}
    refused = client.post(
        reverse("scans:mask"), {**form, "file": SimpleUploadedFile("a.csv", CSV), "rules": "備註=blur"}
    )
    assert refused.status_code == 200
    assert "第 1 行：未知的遮罩方式" in refused.content.decode()
    assert not Job.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("scans:mask"),
            {**form, "file": SimpleUploadedFile("a.csv", CSV), "rules": "a.備註=remove"},
        )
    job = Job.objects.get()
    assert response.status_code == 302
    assert _rows(job) == [["代碼", "備註"], ["X-1", ""]]
