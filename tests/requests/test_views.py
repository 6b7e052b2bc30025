"""Request pages: open a case from the form, act on it, download its letter, export the suppression list."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from shouhu.requests.models import State, SubjectRequest, Suppression


def test_the_form_opens_a_case_with_its_deadline(login_as, officer):
    web = login_as(officer)
    received = timezone.localtime() - dt.timedelta(hours=1)
    response = web.post(
        reverse("requests:new"),
        {
            "kind": "copy",
            "received_at": received.strftime("%Y-%m-%dT%H:%M"),
            "channel": "letter",
            "requester_name": "林小姐",
            "requester_address": "臺北市中正區重慶南路一段122號",
        },
    )
    case = SubjectRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("requests:detail", args=[case.pk])
    page = web.get(response["Location"]).content.decode()
    assert case.legal_basis_zh in page
    assert "延長並產生通知書" in page


def test_the_refuse_action_shows_the_letter_link(login_as, officer, open_case):
    case = open_case("query_or_read")
    web = login_as(officer)
    web.post(reverse("requests:action", args=[case.pk, "refuse"]), {"ground": "no_data", "reason": ""})
    case.refresh_from_db()
    assert case.state == State.REFUSED
    page = web.get(reverse("requests:detail", args=[case.pk])).content.decode()
    assert reverse("requests:evidence", args=[case.pk, case.refusal_letter_id]) in page
    download = web.get(reverse("requests:evidence", args=[case.pk, case.refusal_letter_id]))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith(".docx")


def test_a_service_error_comes_back_as_a_message(login_as, officer, open_case):
    case = open_case("delete")
    web = login_as(officer)
    response = web.post(
        reverse("requests:action", args=[case.pk, "refuse"]), {"ground": "art10_1"}, follow=True
    )
    assert "不適用於刪除之請求" in response.content.decode()
    case.refresh_from_db()
    assert case.state == State.OPEN


def test_evidence_of_another_case_is_not_reachable(login_as, officer, open_case):
    first = open_case("query_or_read")
    second = open_case("query_or_read")
    from shouhu.requests import services

    services.refuse(actor=officer, request=first, ground="no_data")
    first.refresh_from_db()
    web = login_as(officer)
    assert web.get(reverse("requests:evidence", args=[second.pk, first.refusal_letter_id])).status_code == 404


def test_an_auditor_reads_but_cannot_act(login_as, auditor, open_case):
    case = open_case()
    web = login_as(auditor)
    page = web.get(reverse("requests:detail", args=[case.pk])).content.decode()
    assert "記錄驗證" not in page
    response = web.post(reverse("requests:action", args=[case.pk, "withdraw"]), {"note": "撤回"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.state == State.OPEN


def test_the_suppression_csv_lists_opted_out_addresses(login_as, officer, open_case):
    open_case("marketing_refusal", requester_email="=cmd@example.com")
    response = login_as(officer).get(reverse("requests:suppression_csv"))
    text = response.content.decode("utf-8-sig")
    assert Suppression.objects.count() == 1
    assert "'=cmd@example.com" in text  # a formula-looking cell is neutralised
