"""The request and transfer pages read in English when English is chosen."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from shouhu.requests.models import Kind
from shouhu.thirdparties.models import ContractItemKey


def test_labels_have_english_translations():
    with translation.override("en"):
        assert str(Kind.MARKETING.label) == "Refuse marketing (opt-out)"
        assert str(ContractItemKey.RETURN.label).startswith("Return of data carriers")


def test_the_request_list_reads_in_english(login_as, officer):
    web = login_as(officer)
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = web.get(reverse("requests:list")).content.decode()
    assert "Data-subject requests" in page
    assert "Receive a request" in page
