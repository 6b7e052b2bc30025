"""The drills API: list, one, create, correct, delete (with the results confirmation) and the results."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from shouhu.accounts.services.tokens import create_token
from shouhu.audit.models import AuditEvent
from shouhu.drills import services
from shouhu.drills.models import Drill, Stage

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    _, plain = create_token(actor=None, user=user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}")


def _send(client, method, path, body=None):
    return getattr(client, method)(path, data=json.dumps(body or {}), content_type="application/json")


def _new(**overrides):
    body = {"title": "115年上半年社交工程演練", "held_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            "scenario": "假冒物流到貨通知", "audience": "全體員工"}  # fmt: skip
    return {**body, **overrides}


def test_create_read_and_list_a_drill(officer, staff):
    api = _client(officer)
    created = _send(api, "post", "/api/v1/drills/", _new(department_ids=[staff["it"].pk]))
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["title"], body["department_ids"], body["total"]) == (
        "115年上半年社交工程演練",
        [staff["it"].pk],
        0,
    )
    assert api.get(f"/api/v1/drills/{body['id']}").json()["scenario"] == "假冒物流到貨通知"
    listed = api.get("/api/v1/drills/").json()
    assert (listed["count"], listed["items"][0]["id"]) == (1, body["id"])
    assert AuditEvent.objects.filter(action="drills.drill.created").exists()


def test_bad_input_answers_422_with_the_fields(officer):
    api = _client(officer)
    response = _send(api, "post", "/api/v1/drills/", _new(scenario="  ", department_ids=[987654]))
    assert response.status_code == 422
    too_long = _send(api, "post", "/api/v1/drills/", _new(title="演" * 201))
    assert too_long.status_code == 422
    assert not Drill.objects.exists()


def test_an_unknown_department_is_a_field_error(officer):
    response = _send(_client(officer), "post", "/api/v1/drills/", _new(department_ids=[987654]))
    assert response.status_code == 422
    assert "找不到部門" in json.dumps(response.json()["errors"], ensure_ascii=False)


def test_patch_corrects_only_the_given_fields_and_refuses_null(officer, drill, staff):
    api = _client(officer)
    response = _send(api, "patch", f"/api/v1/drills/{drill.pk}", {"title": "更正後名稱"})
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["scenario"]) == ("更正後名稱", drill.scenario)
    assert _send(api, "patch", f"/api/v1/drills/{drill.pk}", {"scenario": None}).status_code == 422
    assert Drill.objects.get().scenario == drill.scenario


def test_delete_with_results_needs_confirm_results(officer, drill, staff):
    services.record_result(actor=officer, drill=drill, person=staff["wu"], stage=Stage.CLICKED, reported=None)
    api = _client(officer)
    refused = api.delete(f"/api/v1/drills/{drill.pk}")
    assert refused.status_code == 422
    assert "已有 1 筆結果" in json.dumps(refused.json(), ensure_ascii=False)
    assert api.delete(f"/api/v1/drills/{drill.pk}?confirm_results=true").status_code == 204
    assert not Drill.objects.exists()


def test_results_are_read_with_the_remedial_state(officer, drill, staff):
    staff["lee"].active = False
    staff["lee"].save()
    services.record_result(
        actor=officer, drill=drill, person=staff["lee"], stage=Stage.SUBMITTED, reported=False
    )
    rows = _client(officer).get(f"/api/v1/drills/{drill.pk}/results").json()["items"]
    assert [(r["person_name"], r["department"], r["stage"], r["remedial"]) for r in rows] == [
        ("李冠廷", "資訊部", "submitted", "leaver")
    ]


def test_an_auditor_reads_but_cannot_write_and_staff_cannot_read(make_user, drill):
    auditor = _client(make_user("auditor"))
    assert auditor.get("/api/v1/drills/").status_code == 200
    assert _send(auditor, "post", "/api/v1/drills/", _new()).status_code == 403
    assert auditor.delete(f"/api/v1/drills/{drill.pk}").status_code == 403
    assert _client(make_user("staff")).get(f"/api/v1/drills/{drill.pk}/results").status_code == 403


@pytest.mark.parametrize("pk", [2**63, 0, -1])
def test_huge_or_negative_ids_are_not_found(officer, pk):
    assert _client(officer).get(f"/api/v1/drills/{pk}").status_code in (404, 422)
