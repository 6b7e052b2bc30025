"""The authorisation document of a non-代表人 approver is kept on file and chosen again at later approvals while
it is valid; the 代表人 is recognised by their person record, or by a name written another way."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.organization import services as organization
from shouhu.organization.models import Person
from shouhu.plan import services
from shouhu.plan.models import Authorisation, State
from tests.factories import PersonFactory
from tests.plan.conftest import AUTH

pytestmark = pytest.mark.django_db


def _approve_with_upload(officer, chief, **extra):
    draft = services.generate_draft(actor=officer)
    services.approve(actor=chief, version=draft, capacity="authorised", authorisation="董事會115年11月1日決議",
                     **AUTH, **extra)  # fmt: skip
    return draft


def test_an_uploaded_authorisation_goes_on_file_with_its_validity(officer, chief):
    until = timezone.localdate() + dt.timedelta(days=365)
    draft = _approve_with_upload(officer, chief, authorisation_valid_until=until)
    filed = Authorisation.objects.get()
    assert (filed.user, filed.basis, filed.valid_until, filed.person_name) == (
        chief,
        "董事會115年11月1日決議",
        until,
        "林志明",
    )
    draft.refresh_from_db()
    assert (draft.authorisation_record, draft.authorisation_file) == (filed, filed.file)
    assert (
        AuditEvent.objects.get(action="plan.authorisation_filed").changes["sha256"][1]
        == filed.file.blob.sha256
    )


def test_a_later_approval_chooses_the_authorisation_on_file_without_uploading(officer, chief):
    _approve_with_upload(officer, chief)
    filed = Authorisation.objects.get()
    second = services.generate_draft(actor=officer)
    services.approve(actor=chief, version=second, capacity="authorised", authorisation_id=filed.pk)
    second.refresh_from_db()
    assert (second.state, second.authorisation, second.authorisation_file) == (
        State.APPROVED,
        "董事會115年11月1日決議",
        filed.file,
    )
    assert Authorisation.objects.count() == 1  # nothing uploaded again
    event = AuditEvent.objects.filter(action="plan.version_approved").latest("id")
    assert event.changes["authorisation_on_file"] == [None, filed.pk]


def test_an_authorisation_past_its_validity_cannot_be_chosen(officer, chief):
    _approve_with_upload(officer, chief, authorisation_valid_until=timezone.localdate())
    Authorisation.objects.update(valid_until=timezone.localdate() - dt.timedelta(days=1))  # time has passed
    second = services.generate_draft(actor=officer)
    with pytest.raises(ValidationError) as refused:
        services.approve(actor=chief, version=second, capacity="authorised",
                         authorisation_id=Authorisation.objects.get().pk)  # fmt: skip
    assert "有效期限" in refused.value.message_dict["authorisation_on_file"][0]
    assert "已過" in refused.value.message_dict["authorisation_on_file"][0]


def test_a_new_document_already_past_its_end_date_is_refused(officer, chief):
    with pytest.raises(ValidationError) as refused:
        _approve_with_upload(
            officer, chief, authorisation_valid_until=timezone.localdate() - dt.timedelta(days=1)
        )
    assert "有效期限已過" in refused.value.message_dict["authorisation_valid_until"][0]
    assert not Authorisation.objects.exists()


def test_someone_elses_authorisation_cannot_be_chosen(officer, chief, make_user, org):
    _approve_with_upload(officer, chief)
    other = make_user("pd_chief", username="other")
    PersonFactory(name="王小明", user=other, department=org["it"])
    second = services.generate_draft(actor=officer)
    with pytest.raises(ValidationError) as refused:
        services.approve(actor=other, version=second, capacity="authorised", authorisation="董事會決議",
                         authorisation_id=Authorisation.objects.get().pk)  # fmt: skip
    assert "找不到您已存檔的這份授權文件" in refused.value.message_dict["authorisation_on_file"][0]


def test_choosing_one_on_file_and_uploading_another_is_refused(officer, chief):
    _approve_with_upload(officer, chief)
    second = services.generate_draft(actor=officer)
    with pytest.raises(ValidationError, match="請擇一"):
        services.approve(actor=chief, version=second, capacity="authorised",
                         authorisation_id=Authorisation.objects.get().pk, **AUTH)  # fmt: skip


def test_the_approve_form_offers_only_the_approvers_valid_authorisations(officer, chief, login_as):
    _approve_with_upload(officer, chief)
    filed = Authorisation.objects.get()
    second = services.generate_draft(actor=officer)
    client = login_as(chief)
    page = client.get(reverse("plan:detail", args=[second.pk])).content.decode()
    assert 'name="authorisation_on_file"' in page
    assert "授權書.pdf" in page
    response = client.post(
        reverse("plan:detail", args=[second.pk]),
        {"capacity": "authorised", "authorisation_on_file": str(filed.pk), "confirm": "on"},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.state, second.authorisation_file) == (State.APPROVED, filed.file)


def test_the_approve_form_without_any_on_file_asks_for_an_upload(officer, chief, login_as):
    draft = services.generate_draft(actor=officer)
    page = login_as(chief).get(reverse("plan:detail", args=[draft.pk])).content.decode()
    assert 'name="authorisation_on_file"' not in page
    assert 'name="authorisation_file"' in page


def test_the_api_lists_and_reuses_the_authorisation_on_file(officer, chief, login_as):
    _approve_with_upload(officer, chief)
    client = login_as(chief)
    listed = client.get("/api/v1/plan/authorisations").json()
    assert [(a["basis"], a["filename"]) for a in listed] == [("董事會115年11月1日決議", "授權書.pdf")]
    second = services.generate_draft(actor=officer)
    response = client.post(
        f"/api/v1/plan/versions/{second.pk}/approve",
        json.dumps({"capacity": "authorised", "authorisation_id": listed[0]["id"]}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["authorisation_sha256"] == listed[0]["sha256"]


# --- who is the 代表人 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("registered", ["陳 美玲", "陳　美玲", "陈美玲", " 陳美玲 "])
def test_the_representative_is_recognised_by_a_name_written_another_way(
    officer, representative, org, registered
):
    org["company"].representative = registered
    org["company"].save(update_fields=["representative"])
    draft = services.generate_draft(actor=officer)
    services.approve(actor=representative, version=draft, capacity="representative")
    draft.refresh_from_db()
    assert draft.state == State.APPROVED


def test_a_different_name_is_still_refused(officer, representative, org):
    org["company"].representative = "陳美鈴"
    org["company"].save(update_fields=["representative"])
    draft = services.generate_draft(actor=officer)
    with pytest.raises(ValidationError, match="您不是公司登記之代表人"):
        services.approve(actor=representative, version=draft, capacity="representative")


def test_with_the_representatives_person_linked_a_namesake_is_refused(
    officer, representative, org, make_user
):
    company = org["company"]
    company.representative_person = Person.objects.get(user=representative)
    company.save(update_fields=["representative_person"])
    namesake = make_user("pd_chief", username="namesake")
    PersonFactory(name="陳美玲", user=namesake, department=org["it"])
    draft = services.generate_draft(actor=officer)
    with pytest.raises(ValidationError, match="您不是公司登記之代表人"):
        services.approve(actor=namesake, version=draft, capacity="representative")
    services.approve(actor=representative, version=draft, capacity="representative")


def test_linking_the_representatives_person_checks_the_registered_name(admin_user, org):
    person = PersonFactory(name="陳美玲", department=org["it"])
    base = {"name": org["company"].name, "ubn": org["company"].ubn, "company_type": "corporation"}
    with pytest.raises(ValidationError) as refused:
        organization.save_company(actor=admin_user, data={**base, "representative": "林志明",
                                                          "representative_person": person})  # fmt: skip
    assert "與登記之代表人姓名" in refused.value.message_dict["representative_person"][0]
    saved = organization.save_company(actor=admin_user, data={**base, "representative": "",
                                                              "representative_person": person})  # fmt: skip
    assert (saved.representative, saved.representative_person) == ("陳美玲", person)
