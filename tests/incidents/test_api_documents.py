"""API: 表2 generated and marked sent (通報時間, question 9); notices to data subjects drafted, checked, sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shouhu.incidents.models import Incident
from tests.factories import PersonFactory
from tests.incidents.test_api import api


def test_report_generated_and_marked_sent(incident: Incident, officer: Any) -> None:
    c = api(officer)
    reporter = PersonFactory(name="林資安", job_title="資安長", phone="(02)2345-6789")
    response = c.post(
        f"/api/v1/incidents/{incident.pk}/reports",
        {"reporter_id": reporter.pk, "with_pdf": False},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["stage"], body["reporter"], body["report_time"]) == ("初報", "林資安", "尚未送出")
    sent = incident.discovered_at + dt.timedelta(hours=3)
    response = c.post(
        f"/api/v1/incidents/reports/{body['id']}/submitted",
        {"submitted_at": sent.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    done = response.json()
    assert done["report_time"].startswith("民國")
    assert done["within_72h"] == "☑是 ☐否，理由："
    assert done["docx_evidence_id"] != body["docx_evidence_id"]
    assert [r["id"] for r in c.get(f"/api/v1/incidents/{incident.pk}/reports").json()] == [body["id"]]


def test_report_without_a_reporting_person_is_422(incident: Incident, make_user: Any) -> None:
    c = api(make_user("pd_officer", username="nobody"))
    response = c.post(
        f"/api/v1/incidents/{incident.pk}/reports", {"with_pdf": False}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "通報人" in response.json()["errors"]["__all__"][0]


def test_subject_notice_checked_and_sent(incident: Incident, officer: Any, client_a: Any) -> None:
    c = api(officer)
    payload = {
        "channel": "sms",
        "client_id": client_a.pk,
        "kinds": ["leak"],
        "data_items": "姓名、電話",
        "measures": "已封鎖來源",
        "hotline": "",
    }
    response = c.post(
        f"/api/v1/incidents/{incident.pk}/subject-notices", payload, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    draft = response.json()
    assert draft["signer"] == "甲電商股份有限公司"
    assert draft["passes"] is False
    assert [x["label"] for x in draft["checks"] if not x["ok"]] == ["查詢專線或管道"]
    refused = c.post(
        f"/api/v1/incidents/subject-notices/{draft['id']}/sent", {}, content_type="application/json"
    )
    assert refused.status_code == 422
    response = c.post(
        f"/api/v1/incidents/{incident.pk}/subject-notices",
        payload | {"hotline": "0800-123-456"},
        content_type="application/json",
    )
    ready = response.json()
    assert ready["passes"] is True
    sent = c.post(
        f"/api/v1/incidents/subject-notices/{ready['id']}/sent",
        {"recipients": 300},
        content_type="application/json",
    ).json()
    assert sent["recipients"] == 300
    assert sent["sent_at"] is not None
