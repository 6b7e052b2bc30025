import pytest
from django.test import Client

from shouhu.accounts.services.tokens import create_token
from shouhu.assessment.models import Answer, Assessment

pytestmark = pytest.mark.django_db


def api(user):
    _, plain = create_token(actor=None, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}")


def test_catalogues_and_oscal(officer):
    c = api(officer)
    assert c.get("/api/v1/catalogs").json()[0]["id"] == "moea-idb-2021-12"
    body = c.get("/api/v1/catalogs/moea-idb-2021-12").json()
    assert [len(t["items"]) for t in body["tables"]] == [41, 52]
    assert (
        c.get("/api/v1/catalogs/moea-idb-2021-12/oscal").json()["catalog"]["metadata"]["version"]
        == "moea-idb-2021-12"
    )
    item = c.get("/api/v1/catalogs/moea-idb-2021-12/items/pd-11.1").json()
    assert item["notes"]
    assert "數位發展部" in item["notes"][0]
    assert c.get("/api/v1/catalogs/nope").status_code == 422
    assert c.get("/api/v1/catalogs/moea-idb-2021-12/items/pd-99").status_code == 422


def test_create_answer_complete_and_read_scores_and_findings(officer):
    c = api(officer)
    response = c.post(
        "/api/v1/assessments",
        {"company_name": "守護", "assessed_on": "2026-11-20", "tables": "pd", "assessor_ids": [officer.pk]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["total"] == 41
    for answer in Answer.objects.filter(assessment_id=pk):
        result = "nonconform" if answer.item_id == "pd-1.1.1" else "conform"
        r = c.put(
            f"/api/v1/assessments/{pk}/answers/{answer.item_id}",
            {"version": 0, "applicable": True, "result": result},
            content_type="application/json",
        )
        assert r.status_code == 200, r.content
    assert c.post(f"/api/v1/assessments/{pk}/complete").json()["state"] == "completed"
    scores = c.get(f"/api/v1/assessments/{pk}/scores").json()
    assert scores["overall"]["all"]["counted"] == 41
    assert scores["overall"]["all"]["earned"] == 40
    findings = c.get(f"/api/v1/assessments/{pk}/findings").json()
    assert [(f["item_id"], f["severity"]) for f in findings] == [("pd-1.1.1", "high")]
    assert c.get(f"/api/v1/assessments/{pk}/oscal").json()["assessment-results"]["results"]


def test_bad_input_is_refused_with_messages_and_no_change(officer, make_assessment, completed):
    c = api(officer)
    a = make_assessment()
    url = f"/api/v1/assessments/{a.pk}/answers"
    r = c.put(f"{url}/pd-42.1", {"version": 0, "result": "conform"}, content_type="application/json")
    assert r.status_code == 422
    assert "pd-42.1" in str(r.json())
    r = c.put(
        f"{url}/pd-1.1.1",
        {"version": 0, "applicable": False, "result": "na"},
        content_type="application/json",
    )
    assert r.status_code == 422
    assert "說明" in str(r.json())
    r = c.put(
        f"{url}/pd-7.1",
        {"version": 0, "ticked": ["o2"], "blanks": {"o2": {"b1": "偶爾"}}, "result": "conform"},
        content_type="application/json",
    )
    assert r.status_code == 422
    assert "頻率" in str(r.json())
    r = c.put(
        f"/api/v1/assessments/{completed.pk}/answers/pd-1.2.1",
        {"version": 1, "result": "nonconform"},
        content_type="application/json",
    )
    assert r.status_code == 422
    assert "鎖定" in str(r.json())
    assert not Answer.objects.filter(assessment=a).exclude(version=0).exists()
    assert Answer.objects.get(assessment=completed, item_id="pd-1.2.1").result == "conform"


def test_stale_version_returns_409_with_the_current_value(officer, make_assessment):
    c = api(officer)
    a = make_assessment()
    url = f"/api/v1/assessments/{a.pk}/answers/pd-1.2.1"
    assert (
        c.put(
            url, {"version": 0, "explanation": "甲", "result": "conform"}, content_type="application/json"
        ).status_code
        == 200
    )
    r = c.put(url, {"version": 0, "explanation": "乙", "result": "partial"}, content_type="application/json")
    assert r.status_code == 409
    assert r.json()["current"]["explanation"] == "甲"
    assert r.json()["current"]["version"] == 1


def test_auditor_reads_but_cannot_write_and_staff_is_denied(auditor, staff, make_assessment):
    a = make_assessment()
    c = api(auditor)
    assert c.get(f"/api/v1/assessments/{a.pk}").status_code == 200
    r = c.put(
        f"/api/v1/assessments/{a.pk}/answers/pd-1.1.1",
        {"version": 0, "result": "conform"},
        content_type="application/json",
    )
    assert r.status_code == 403
    assert (
        c.post(
            "/api/v1/assessments",
            {"company_name": "x", "assessed_on": "2026-01-01"},
            content_type="application/json",
        ).status_code
        == 403
    )
    s = api(staff)
    assert s.get("/api/v1/assessments").status_code == 403
    assert s.get("/api/v1/catalogs").status_code == 403
    assert Assessment.objects.count() == 1
