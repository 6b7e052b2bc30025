"""Locating the requester's data through the scans' keyed digests: locations kept, identifiers never."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from shouhu.audit.models import AuditEvent
from shouhu.requests import services
from shouhu.requests.models import SubjectRequest
from shouhu.scans import services as scans

PHONE, NATIONAL_ID = "0912345678", "A123456789"


@pytest.fixture
def scanned(make_user: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any) -> None:
    (tmp_path / "members.csv").write_text(
        f"姓名,身分證字號,手機\n林小美,{NATIONAL_ID},{PHONE}\n", encoding="utf-8"
    )
    admin = make_user("admin", username="scanadmin")
    source = scans.create_source(
        actor=admin, data={"name": "會員匯出", "kind": "path", "path": str(tmp_path), "max_size_mb": 1}
    )
    with django_capture_on_commit_callbacks(execute=True):
        scans.start_run(actor=admin, source=source)


def test_locating_lists_the_columns_and_keeps_no_identifier(scanned, open_case, officer):
    case = services.locate_data(actor=officer, request=open_case(), identifiers=[PHONE, "a123456789"])
    assert sorted((r["location"].rsplit("/", 1)[-1], r["column"]) for r in case.located) == [
        ("members.csv", "手機"),
        ("members.csv", "身分證字號"),
    ]
    stored = str(SubjectRequest.objects.filter(pk=case.pk).values().get())
    audited = str(list(AuditEvent.objects.filter(action="requests.data_located").values("changes")))
    assert PHONE not in stored + audited
    assert NATIONAL_ID not in stored + audited


def test_an_unrecognisable_identifier_is_refused(scanned, open_case, officer):
    with pytest.raises(ValidationError):
        services.locate_data(actor=officer, request=open_case(), identifiers=["hello"])


def test_the_page_shows_where_the_data_is(scanned, open_case, officer, login_as):
    case = open_case()
    web = login_as(officer)
    web.post(reverse("requests:action", args=[case.pk, "locate"]), {"identifiers": PHONE})
    page = web.get(reverse("requests:detail", args=[case.pk])).content.decode()
    assert "members.csv" in page
    assert PHONE not in page


def test_the_api_answers_with_locations(scanned, open_case, officer, login_as):
    case = open_case()
    response = login_as(officer).post(
        f"/api/v1/requests/{case.pk}/locate", {"identifiers": [NATIONAL_ID]}, content_type="application/json"
    )
    assert response.status_code == 200
    assert [row["column"] for row in response.json()["locations"]] == ["身分證字號"]
    assert response.json()["all_sources_searched"] is True
