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
