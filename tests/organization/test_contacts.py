"""一般員工 see colleagues' names, departments and titles, not their e-mail or phone; other roles do."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from shouhu.accounts.services.tokens import create_token
from tests.factories import PersonFactory

EMAIL, PHONE = "colleague.private@example.com", "0911222333"


def _api(user: Any) -> Client:
    _, plain = create_token(actor=None, user=user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}")


@pytest.mark.parametrize(("role", "sees"), [("staff", False), ("auditor", True), ("pd_officer", True)])
def test_colleague_contacts_follow_the_role(make_user: Any, login_as: Any, role: str, sees: bool) -> None:
    person = PersonFactory(name="同事甲", email=EMAIL, phone=PHONE)
    user = make_user(role)
    pages = login_as(user).get("/organization/people/").content.decode()
    pages += login_as(user).get(f"/organization/people/{person.pk}/").content.decode()
    api = _api(user)
    answers = (
        api.get("/api/v1/org/people").content.decode()
        + api.get(f"/api/v1/org/people/{person.pk}").content.decode()
    )
    assert "同事甲" in pages
    assert (EMAIL in pages, EMAIL in answers, PHONE in answers) == (sees, sees, sees)


def test_staff_sees_their_own_contacts(make_user: Any) -> None:
    user = make_user("staff")
    mine = PersonFactory(name="我", email=EMAIL, phone=PHONE, user=user)
    assert _api(user).get(f"/api/v1/org/people/{mine.pk}").json()["email"] == EMAIL


@pytest.mark.parametrize("probe", [EMAIL, PHONE, "EMP-7731"])
def test_staff_cannot_find_a_colleague_by_searching_their_contacts(
    make_user: Any, login_as: Any, probe: str
) -> None:
    PersonFactory(name="同事甲", email=EMAIL, phone=PHONE, employee_no="EMP-7731")
    user = make_user("staff")
    page = login_as(user).get("/organization/people/", {"q": probe}).content.decode()
    answer = _api(user).get("/api/v1/org/people", {"q": probe}).json()
    assert "同事甲" not in page
    assert answer["items"] == []


def test_staff_still_finds_a_colleague_by_name(make_user: Any, login_as: Any) -> None:
    person = PersonFactory(name="同事甲", email=EMAIL, phone=PHONE, employee_no="EMP-7731")
    user = make_user("staff")
    answer = _api(user).get("/api/v1/org/people", {"q": "同事甲"}).json()
    assert [(p["id"], p["email"], p["phone"], p["employee_no"]) for p in answer["items"]] == [
        (person.pk, "", "", "")
    ]


def test_officer_finds_a_colleague_by_email(make_user: Any) -> None:
    person = PersonFactory(name="同事甲", email=EMAIL, phone=PHONE)
    answer = _api(make_user("pd_officer")).get("/api/v1/org/people", {"q": EMAIL}).json()
    assert [p["id"] for p in answer["items"]] == [person.pk]
