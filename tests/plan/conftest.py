"""Fixtures for the plan tests: the inventory's organisation and file builder, a 代表人 and a 總負責人."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from shouhu.accounts.models import User
from shouhu.evidence.services import read_bytes_internal
from shouhu.plan import services
from tests.factories import PersonFactory
from tests.inventory.conftest import file_data, make_file, officer, org, seeded, system  # noqa: F401

# The authorisation document a non-代表人 approver must upload (a PDF by content and name).
AUTH: dict[str, Any] = {
    "authorisation_file": b"%PDF-1.4 authorisation",
    "authorisation_filename": "授權書.pdf",
}


@pytest.fixture
def report_zip(django_capture_on_commit_callbacks: Any) -> Callable[..., zipfile.ZipFile]:
    """Build the 實施情形 report of the last ``days`` days up to today (its job run at commit) and open its ZIP."""

    def build(actor: Any, *, days: int = 365) -> zipfile.ZipFile:
        today = timezone.localdate()
        with django_capture_on_commit_callbacks(execute=True):
            report = services.request_report(actor=actor, start=today - dt.timedelta(days=days), end=today)
        report.refresh_from_db()
        return zipfile.ZipFile(io.BytesIO(read_bytes_internal(report.zip)))

    return build


@pytest.fixture
def chief(make_user: Callable[..., User], org: dict[str, Any]) -> User:  # noqa: F811
    """個資保護總負責人 (may approve as an authorised person); not the representative."""
    user = make_user("pd_chief", username="chief")
    PersonFactory(name="林志明", user=user, department=org["it"])
    return user


@pytest.fixture
def representative(make_user: Callable[..., User], org: dict[str, Any]) -> User:  # noqa: F811
    """The company's 代表人, holding the approving role."""
    org["company"].representative = "陳美玲"
    org["company"].save(update_fields=["representative"])
    user = make_user("pd_chief", username="rep")
    PersonFactory(name="陳美玲", user=user, department=org["it"])
    return user


def docx_text(evidence: Any) -> list[str]:
    """Every paragraph and table-cell text of a stored DOCX, in order."""
    from docx import Document

    doc = Document(io.BytesIO(read_bytes_internal(evidence)))
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            out.extend(cell.text for cell in row.cells)
    return out


def headings(evidence: Any) -> list[str]:
    from docx import Document

    doc = Document(io.BytesIO(read_bytes_internal(evidence)))
    return [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
