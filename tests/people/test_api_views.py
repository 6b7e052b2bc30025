"""The access-review API and pages: reviewers reach only their own reviews, input is bounded, decisions
posted from the page are recorded."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_a_reviewer_lists_and_decides_through_the_api(reviewer, accounts, login_as):
    client = login_as(reviewer)
    assert [r["title"] for r in client.get("/api/v1/people/reviews").json()] == [accounts.title]
    account = accounts.accounts.get(username="temp01")
    answer = _post(
        client,
        f"/api/v1/people/accounts/{account.pk}/decision",
        {"decision": "revoke", "reason": "外包已結束"},
    )
    assert answer.status_code == 200
    assert answer.json()["decision"] == "revoke"


def test_another_employee_gets_403_for_a_review_not_assigned_to_them(bystander, accounts, login_as):
    client = login_as(bystander)
    assert client.get("/api/v1/people/reviews").json() == []
    assert client.get(f"/api/v1/people/reviews/{accounts.pk}").status_code == 403
    account = accounts.accounts.first()
    assert _post(client, f"/api/v1/people/accounts/{account.pk}/decision",
                 {"decision": "keep", "reason": "x"}).status_code == 403  # fmt: skip
    assert client.get(reverse("people:review", args=[accounts.pk])).status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        {"decision": "delete", "reason": "x"},
        {"decision": "keep", "reason": ""},
        {"decision": "keep", "reason": "x" * 501},
    ],
)
def test_out_of_bounds_decisions_are_refused(reviewer, accounts, login_as, body):
    account = accounts.accounts.first()
    assert (
        _post(login_as(reviewer), f"/api/v1/people/accounts/{account.pk}/decision", body).status_code == 422
    )


def test_the_api_adds_accounts_and_refuses_duplicates(officer, review, login_as):
    client = login_as(officer)
    rows = [{"username": "a1", "privileges": "read"}, {"username": "A1"}]
    assert (
        _post(client, f"/api/v1/people/reviews/{review.pk}/accounts", {"accounts": rows}).status_code == 422
    )
    answer = _post(client, f"/api/v1/people/reviews/{review.pk}/accounts", {"accounts": rows[:1]})
    assert answer.json() == {"created": 1, "updated": 0}


def test_the_api_refuses_to_close_with_undecided_accounts(officer, accounts, login_as):
    answer = _post(login_as(officer), f"/api/v1/people/reviews/{accounts.pk}/close", {})
    assert answer.status_code == 422
    assert answer.json()["errors"]["__all__"] == ["尚有 3 個帳號未決定，不能結案。"]


def test_a_decision_posted_from_the_page_is_recorded(reviewer, accounts, login_as):
    account = accounts.accounts.get(username="lee.k")
    login_as(reviewer).post(
        reverse("people:decide", args=[account.pk]), {"decision": "change", "reason": "改為唯讀"}
    )
    account.refresh_from_db()
    assert (account.decision, account.reason, account.decided_by) == ("change", "改為唯讀", reviewer)
