"""The plan and document pages in English."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_plan_and_document_pages_are_translated(officer, login_as):
    client = login_as(officer)
    client.cookies["django_language"] = "en"
    plan = client.get(reverse("plan:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Generate a new draft from the records" in plan
    docs = client.get(reverse("documents:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Policies and documents" in docs
    training = client.get(reverse("training:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Training</h1>" in training
    assert "新增課程" not in training


def test_the_plan_is_written_in_traditional_chinese_whatever_the_page_language(officer, chief, org):
    from django.utils import translation

    from shouhu.documents import services as documents
    from shouhu.plan import services

    doc = documents.create_document(actor=officer, code="P-01", title="政策", tier="policy")
    version = documents.add_version(actor=officer, document=doc, file=b"%PDF-1.4\n v1", filename="p.pdf")
    documents.approve_version(actor=chief, version=version)
    with translation.override("en"):
        content = services.generate_draft(actor=officer).content
    assert ["已核定文件：一階：政策", "1", "政策及文件登錄"] in content["chapters"][4]["facts"]
