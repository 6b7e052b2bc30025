"""The request API: open a case, read its engine deadline, decide it, check the suppression list."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def test_post_opens_a_case_with_the_engine_deadline(login_as, officer):
    web = login_as(officer)
    received = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    response = web.post(
        "/api/v1/requests/",
        {
            "kind": "supplement_or_correct",
            "received_at": received,
            "channel": "email",
            "requester_name": "林小姐",
            "requester_email": "lin@example.com",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["rule_id"] == "pdpa-art13-correction"
    assert body["due_at"] is not None
    assert web.get(f"/api/v1/requests/{body['id']}").json()["number"] == f"REQ-{body['id']}"


def test_an_invalid_request_type_is_a_422(login_as, officer):
    response = login_as(officer).post(
        "/api/v1/requests/",
        {
            "kind": "nonsense",
            "received_at": timezone.now().isoformat(),
            "channel": "email",
            "requester_name": "林小姐",
            "requester_email": "lin@example.com",
        },
        content_type="application/json",
    )
    assert response.status_code == 422


def test_suppression_check_answers_by_value(login_as, officer, open_case):
    open_case("marketing_refusal", requester_phone="0912-345-678", requester_email="")
    web = login_as(officer)
    hit = web.post(
        "/api/v1/requests/suppression/check",
        {"kind": "phone", "value": "+886912345678"},
        content_type="application/json",
    ).json()
    miss = web.post(
        "/api/v1/requests/suppression/check",
        {"kind": "phone", "value": "0922000000"},
        content_type="application/json",
    ).json()
    assert hit["suppressed"] is True
    assert miss == {"suppressed": False, "effective_at": None}
    assert [row["value"] for row in web.get("/api/v1/requests/suppression").json()] == ["0912345678"]


def test_extend_twice_over_the_api_is_a_422(login_as, officer, open_case):
    case = open_case("copy")
    web = login_as(officer)
    first = web.post(
        f"/api/v1/requests/{case.pk}/extend", {"reason": "需調閱備份"}, content_type="application/json"
    )
    second = web.post(
        f"/api/v1/requests/{case.pk}/extend", {"reason": "再延"}, content_type="application/json"
    )
    assert first.status_code == 200
    assert first.json()["current_due_at"] == first.json()["max_extended_due_at"]
    assert second.status_code == 422


def test_the_requests_endpoints_are_in_the_openapi_schema(login_as, officer):
    schema = login_as(officer).get("/api/v1/openapi.json").json()
    assert "/api/v1/requests/" in schema["paths"]
    assert "/api/v1/requests/suppression/check" in schema["paths"]
