"""API: incidents, deadlines (from the engine), timeline; permissions and bad input."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from shouhu.accounts.services.tokens import create_token
from shouhu.incidents.models import Incident


def api(user: Any) -> Client:
    _, plain = create_token(actor=None, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}")


def test_create_list_and_deadlines(company: Any, officer: Any, client_a: Any, now: dt.datetime) -> None:
    c = api(officer)
    response = c.post(
        "/api/v1/incidents/",
        {
            "title": "API 事件",
            "discovered_at": (now - dt.timedelta(hours=2)).isoformat(),
            "aware_at": (now - dt.timedelta(hours=1)).isoformat(),
            "kinds": ["leak"],
            "serious": True,
            "client_ids": [client_a.pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kinds"] == ["theft", "leak"]
    assert body["client_ids"] == [client_a.pk]
    assert [i["id"] for i in c.get("/api/v1/incidents/").json()] == [body["id"]]
    deadlines = c.get(f"/api/v1/incidents/{body['id']}/deadlines").json()
    incident = Incident.objects.get(pk=body["id"])
    assert {(d["rule_id"], d["party_id"]) for d in deadlines} == set(
        incident.deadlines.filter(active=True).values_list("rule_id", "party_id")
    )
    moda = next(d for d in deadlines if d["rule_id"] == "moda-art8-report")
    assert dt.datetime.fromisoformat(moda["due_at"]) == incident.aware_at + dt.timedelta(hours=72)
    assert moda["status"] == "ok"


def test_patch_recomputes(incident: Incident, officer: Any) -> None:
    c = api(officer)
    new_aware = incident.aware_at + dt.timedelta(hours=1)
    response = c.patch(
        f"/api/v1/incidents/{incident.pk}",
        {"aware_at": new_aware.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200
    moda = next(
        d
        for d in c.get(f"/api/v1/incidents/{incident.pk}/deadlines").json()
        if d["rule_id"] == "moda-art8-report"
    )
    assert dt.datetime.fromisoformat(moda["due_at"]) == new_aware + dt.timedelta(hours=72)


def test_out_of_order_is_422(incident: Incident, officer: Any) -> None:
    response = api(officer).patch(
        f"/api/v1/incidents/{incident.pk}",
        {"discovered_at": (incident.aware_at + dt.timedelta(hours=1)).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "不可早於" in response.json()["errors"]["aware_at"][0]


def test_timeline_append(incident: Incident, officer: Any) -> None:
    c = api(officer)
    response = c.post(
        f"/api/v1/incidents/{incident.pk}/timeline",
        {"text": "已調取防火牆 log"},
        content_type="application/json",
    )
    assert response.status_code == 201
    texts = [e["text"] for e in c.get(f"/api/v1/incidents/{incident.pk}/timeline").json()]
    assert texts[-1] == "已調取防火牆 log"


def test_permissions(incident: Incident, make_user: Any) -> None:
    auditor = make_user("auditor")
    assert api(auditor).get(f"/api/v1/incidents/{incident.pk}/deadlines").status_code == 200
    assert (
        api(auditor)
        .patch(f"/api/v1/incidents/{incident.pk}", {"title": "x"}, content_type="application/json")
        .status_code
        == 403
    )
    staff = make_user("staff")
    assert api(staff).get(f"/api/v1/incidents/{incident.pk}").status_code == 403
    assert api(staff).get("/api/v1/incidents/").json() == []


def test_api_first_hour_facts_give_pending_deadlines_and_no_needs_reason(
    company: Any, officer: Any, now: dt.datetime
) -> None:
    c = api(officer)
    created = c.post(
        "/api/v1/incidents/",
        {"title": "API 初報", "discovered_at": (now - dt.timedelta(hours=1)).isoformat()},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["serious"] is None
    rows = {r["rule_id"]: r for r in c.get(f"/api/v1/incidents/{pk}/deadlines").json()}
    moda = rows["moda-art8-report"]
    assert [p["key"] for p in moda["pending"]] == ["serious"]
    assert moda["pending_zh"] == "待判斷：是否危及正常營運或大量當事人權益"
    assert moda["pending"][0]["answer_url"] == f"/incidents/{pk}/facts/serious/"
    refused = c.post(
        f"/api/v1/incidents/{pk}/facts/serious", {"value": False}, content_type="application/json"
    )
    assert refused.status_code == 422
    done = c.post(
        f"/api/v1/incidents/{pk}/facts/serious",
        {"value": False, "reason": "測試資料"},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert done.json()[0]["value"] is False
    assert "moda-art8-report" not in {r["rule_id"] for r in c.get(f"/api/v1/incidents/{pk}/deadlines").json()}
    assert c.get(f"/api/v1/incidents/{pk}/decisions").json()[0]["reason"] == "測試資料"


def test_api_staff_reports_suspected_and_officer_triages(
    company: Any, officer: Any, make_user: Any, now: dt.datetime, django_capture_on_commit_callbacks: Any
) -> None:
    staff = api(make_user("staff", username="worker"))
    with django_capture_on_commit_callbacks(execute=True):
        created = staff.post(
            "/api/v1/incidents/suspected",
            {"what": "USB 隨身碟遺失", "data_items": "員工名冊"},
            content_type="application/json",
        )
    assert created.status_code == 201, created.content
    assert created.json()["state"] == "suspected"
    pk = created.json()["id"]
    assert (
        staff.post(
            f"/api/v1/incidents/{pk}/triage", {"decision": "confirm"}, content_type="application/json"
        ).status_code
        == 403
    )
    c = api(officer)
    refused = c.post(
        f"/api/v1/incidents/{pk}/triage", {"decision": "dismiss"}, content_type="application/json"
    )
    assert refused.status_code == 422
    done = c.post(
        f"/api/v1/incidents/{pk}/triage",
        {"decision": "dismiss", "reason": "已尋獲，內容加密"},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert (done.json()["state"], done.json()["dismiss_reason"]) == ("dismissed", "已尋獲，內容加密")


def test_timeline_gives_system_entries_in_both_languages(incident: Incident, officer: Any) -> None:
    # given: the report entry the system wrote in zh-TW, and one a person typed
    c = api(officer)
    c.post(
        f"/api/v1/incidents/{incident.pk}/timeline",
        {"text": "已調取防火牆 log"},
        content_type="application/json",
    )
    # when
    entries = c.get(f"/api/v1/incidents/{incident.pk}/timeline", HTTP_ACCEPT_LANGUAGE="zh-hant").json()
    # then: the system's sentence in each language, `text` kept as stored; a typed entry reads as typed
    reported = entries[0]
    assert (reported["automatic"], reported["text"], reported["text_zh"]) == (True, "通報事件", "通報事件")
    assert reported["text_en"] == "Incident reported"
    typed = entries[-1]
    assert (typed["text"], typed["text_zh"], typed["text_en"]) == ("已調取防火牆 log",) * 3


def test_timeline_schema_documents_both_languages() -> None:
    from shouhu.api.main import api as ninja_api

    schema = ninja_api.get_openapi_schema()["components"]["schemas"]["TimelineOut"]
    assert {"text", "text_zh", "text_en"} <= set(schema["required"])
    assert "English" in schema["properties"]["text_en"]["description"]
