"""The document register: versions kept, approval, review dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouhu.documents import selectors, services
from shouhu.documents.models import VersionState

pytestmark = pytest.mark.django_db


def test_approving_a_new_version_keeps_the_old_one_as_superseded(officer, chief, policy):
    doc = policy.document
    v2 = services.add_version(actor=officer, document=doc, file=b"%PDF-1.4\n v2", filename="policy-v2.pdf",
                              change_summary="新增國際傳輸規定")  # fmt: skip
    services.approve_version(actor=chief, version=v2, effective_on=dt.date(2026, 12, 1))
    policy.refresh_from_db()
    assert [(v.number, v.state) for v in selectors.versions(doc)] == [
        (2, VersionState.APPROVED), (1, VersionState.SUPERSEDED),
    ]  # fmt: skip
    assert selectors.current_version(doc).next_review_on == dt.date(2027, 12, 1)
    assert policy.file.blob.sha256 != v2.file.blob.sha256


def test_document_codes_are_unique(officer, policy):
    with pytest.raises(ValidationError, match="已存在"):
        services.create_document(actor=officer, code="p-01", title="另一份", tier="procedure")


def test_the_officer_uploads_but_does_not_approve(officer, policy):
    v2 = services.add_version(
        actor=officer, document=policy.document, file=b"%PDF-1.4\n v2", filename="v2.pdf"
    )
    with pytest.raises(PermissionDenied):
        services.approve_version(actor=officer, version=v2)


def test_an_employee_cannot_add_documents(employee):
    with pytest.raises(PermissionDenied):
        services.create_document(actor=employee, code="X", title="X", tier="form")


def test_summary_counts_approved_documents_per_tier_and_overdue_reviews(officer, chief, policy):
    summary = selectors.summary(on=policy.next_review_on + dt.timedelta(days=1))
    assert summary.approved_per_tier["一階：政策"] == 1
    assert summary.approved_per_tier["二階：程序"] == 0
    assert summary.review_overdue == 1
