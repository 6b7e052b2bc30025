"""The public request page: token link, CSRF, honeypot, rate limit; a valid submission opens a case."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from shouhu.audit.models import AuditEvent
from shouhu.requests import intake
from shouhu.requests.models import Channel, IntakeLink, SubjectRequest

FORM = {
    "kind": "copy",
    "requester_name": "林小姐",
    "requester_email": "lin@example.com",
    "data_concerned": "會員資料",
}


@pytest.fixture
def link(officer: Any) -> IntakeLink:
    return intake.issue_link(actor=officer)


def _url(link: IntakeLink) -> str:
    return reverse("requests:intake", args=[link.token])


def test_a_submission_opens_a_web_case_with_its_deadline(client: Client, link: IntakeLink) -> None:
    response = client.post(_url(link), FORM)
    case = SubjectRequest.objects.get()
    assert response.status_code == 200
    assert case.number in response.content.decode()
    assert (case.channel, case.kind, case.created_by) == (Channel.WEB, "copy", None)
    assert case.due_at is not None
    assert AuditEvent.objects.get(action="requests.opened").channel == "public"


def test_an_unknown_or_replaced_token_is_not_found(client: Client, link: IntakeLink, officer: Any) -> None:
    assert client.get(reverse("requests:intake", args=["x" * 43])).status_code == 404
    intake.issue_link(actor=officer)
    assert client.get(_url(link)).status_code == 404


def test_a_closed_page_is_not_found(client: Client, link: IntakeLink, officer: Any) -> None:
    intake.close_link(actor=officer)
    assert client.get(_url(link)).status_code == 404


def test_a_post_without_the_csrf_token_is_refused(link: IntakeLink) -> None:
    response = Client(enforce_csrf_checks=True).post(_url(link), FORM)
    assert response.status_code == 403
    assert not SubjectRequest.objects.exists()


def test_a_filled_honeypot_opens_no_case_but_looks_accepted(client: Client, link: IntakeLink) -> None:
    response = client.post(_url(link), {**FORM, "website": "http://spam.example"})
    assert response.status_code == 200
    assert 'data-testid="intake-done"' in response.content.decode()
    assert not SubjectRequest.objects.exists()


def test_the_sixth_submission_in_an_hour_from_one_address_is_refused(
    client: Client, link: IntakeLink
) -> None:
    for _ in range(intake.PER_SOURCE_PER_HOUR):
        assert client.post(_url(link), FORM).status_code == 200
    response = client.post(_url(link), FORM)
    assert response.status_code == 429
    assert SubjectRequest.objects.count() == intake.PER_SOURCE_PER_HOUR


def test_another_address_is_not_limited_by_the_first(client: Client, link: IntakeLink) -> None:
    for _ in range(intake.PER_SOURCE_PER_HOUR):
        client.post(_url(link), FORM, REMOTE_ADDR="192.0.2.1")
    assert client.post(_url(link), FORM, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_submissions_refused_for_their_input_count_towards_the_limit(
    client: Client, link: IntakeLink
) -> None:
    # given an address that sent nothing but invalid forms (no e-mail, phone or address to answer to)
    for _ in range(intake.PER_SOURCE_PER_HOUR):
        response = client.post(_url(link), {**FORM, "requester_email": ""})
        assert 'data-testid="intake-form"' in response.content.decode()
    # when it sends a valid one, then it is refused too and nothing is opened
    assert client.post(_url(link), FORM).status_code == 429
    assert not SubjectRequest.objects.exists()


def test_a_form_missing_every_field_counts_as_well(client: Client, link: IntakeLink) -> None:
    for _ in range(intake.PER_SOURCE_PER_HOUR):
        client.post(_url(link), {})
    assert client.post(_url(link), {}).status_code == 429


def test_invalid_input_shows_the_form_again(client: Client, link: IntakeLink) -> None:
    response = client.post(_url(link), {**FORM, "requester_email": ""})
    assert response.status_code == 200
    assert 'data-testid="intake-form"' in response.content.decode()
    assert not SubjectRequest.objects.exists()


def test_only_a_manager_issues_the_link(auditor: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        intake.issue_link(actor=auditor)
