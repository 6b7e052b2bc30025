"""The company profile's capital: the browser offers no negative amount, and one posted anyway is refused in
the reader's language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from shouhu.organization.models import CompanyProfile

URL = "/organization/company/edit/"
FORM = {"name": "守護資訊股份有限公司", "ubn": "04595257", "capital_twd": "-5", "company_type": "corporation"}


def _client(login_as: Any, user: Any, language: str) -> Client:
    client: Client = login_as(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _capital_input(html: str) -> str:
    return re.findall(r"<input[^>]*name=\"capital_twd\"[^>]*>", html)[0]


def test_the_capital_input_allows_no_negative_number(admin_user: Any, login_as: Any) -> None:
    html = _client(login_as, admin_user, "zh-hant").get(URL).content.decode()

    assert 'min="0"' in _capital_input(html)


@pytest.mark.parametrize(
    ("language", "message"),
    [("zh-hant", "實收資本額不可為負數。"), ("en", "Paid-in capital cannot be negative.")],
)
def test_a_negative_capital_is_refused_in_the_readers_language(
    admin_user: Any, login_as: Any, language: str, message: str
) -> None:
    response = _client(login_as, admin_user, language).post(URL, FORM)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CompanyProfile.objects.exists()
