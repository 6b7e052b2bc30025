import pytest
from django.core.exceptions import ValidationError

from shouhu.audit.models import AuditEvent
from shouhu.organization import services
from shouhu.organization.models import Person
from shouhu.organization.validators import validate_ubn

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "ubn", ["04595252", "10458570", "04595257", "10458575", "10458574", "00501503", "12345675"]
)
def test_valid_ubns_including_the_2023_mod5_rule(ubn):
    validate_ubn(ubn)  # raises on an invalid number


@pytest.mark.parametrize(
    "ubn", ["00501502", "00277103", "12345678", "1234567", "abcdefgh", "０４５９５２５２"]
)
def test_invalid_ubns(ubn):
    with pytest.raises(ValidationError):
        validate_ubn(ubn)


def test_company_with_bad_ubn_is_refused_in_zh(admin_user):
    with pytest.raises(ValidationError) as exc:
        services.save_company(actor=admin_user, data={"name": "公司", "ubn": "12345678"})
    assert "統一編號" in str(exc.value)


def test_updating_a_person_audits_old_and_new_values(admin_user):
    person = services.create_person(actor=admin_user, data={"name": "王小明", "job_title": "工程師"})
    services.update_person(actor=admin_user, person=person, data={"job_title": "資深工程師"})
    event = AuditEvent.objects.get(action="organization.person.updated")
    assert event.changes == {"job_title": ["工程師", "資深工程師"]}


def test_a_user_account_cannot_be_shared_by_two_people(admin_user):
    services.create_person(actor=admin_user, data={"name": "甲", "user": admin_user})
    with pytest.raises(ValidationError, match="不可共用"):
        services.create_person(actor=admin_user, data={"name": "乙", "user": admin_user})


@pytest.mark.parametrize(
    ("position", "warns"), [("總經理", False), ("資安長", False), ("法務長", True), ("工程師", True)]
)
def test_designation_warns_when_position_is_not_senior(admin_user, make_user, position, warns):
    person = services.create_person(actor=admin_user, data={"name": "陳", "user": make_user(username="chen")})
    _, warning = services.designate(
        actor=admin_user, data={"kind": "privacy", "person": person, "position": position}
    )
    assert (warning is not None) == warns


def _active_roles(user):
    from shouhu.accounts.models import RoleAssignment

    return sorted(
        RoleAssignment.objects.filter(user=user, ends_on__isnull=True).values_list("role", flat=True)
    )


def test_designation_gives_the_matching_role_and_takes_it_from_the_replaced_person(admin_user, make_user):
    from shouhu.audit.models import AuditEvent

    old_user, new_user = make_user("pd_chief", username="old"), make_user("staff", username="new")
    a = services.create_person(actor=admin_user, data={"name": "甲", "user": old_user})
    b = services.create_person(actor=admin_user, data={"name": "乙", "user": new_user})
    services.designate(actor=admin_user, data={"kind": "privacy", "person": a, "position": "法遵長"})
    assert _active_roles(old_user) == ["pd_chief"]  # already held: not given twice
    services.designate(actor=admin_user, data={"kind": "privacy", "person": b, "position": "總經理"})
    assert (_active_roles(old_user), _active_roles(new_user)) == ([], ["pd_chief", "staff"])
    event = AuditEvent.objects.filter(action="organization.designation_role_synced").latest("pk")
    assert (event.actor_id, event.changes["granted"], event.changes["ended"]) == (
        admin_user.pk,
        [None, ["new"]],
        [None, ["old"]],
    )


def test_designating_a_person_without_account_warns_that_the_role_cannot_follow(admin_user):
    person = services.create_person(actor=admin_user, data={"name": "無帳號"})
    _, warning = services.designate(
        actor=admin_user, data={"kind": "security", "person": person, "position": "資安長"}
    )
    assert (
        warning
        == "此人員尚無帳號，無法授予對應之總負責人角色；請先為其建立帳號（建立後重新指定即可同步角色）。"
    )


def test_new_designation_ends_the_previous_one(admin_user):
    a = services.create_person(actor=admin_user, data={"name": "甲"})
    b = services.create_person(actor=admin_user, data={"name": "乙"})
    first, _ = services.designate(
        actor=admin_user, data={"kind": "security", "person": a, "position": "資安長"}
    )
    services.designate(actor=admin_user, data={"kind": "security", "person": b, "position": "資安長"})
    first.refresh_from_db()
    assert first.until is not None


def test_department_cannot_be_its_own_ancestor(admin_user):
    parent = services.create_department(actor=admin_user, data={"name": "上層"})
    child = services.create_department(actor=admin_user, data={"name": "下層", "parent": parent})
    with pytest.raises(ValidationError, match="上層部門"):
        services.update_department(actor=admin_user, department=parent, data={"parent": child})


def test_department_in_use_cannot_be_deleted(admin_user):
    dep = services.create_department(actor=admin_user, data={"name": "資訊部"})
    services.create_person(actor=admin_user, data={"name": "甲", "department": dep})
    with pytest.raises(ValidationError, match="無法刪除"):
        services.delete_department(actor=admin_user, department=dep)


def test_unknown_client_service_type_is_refused(admin_user):
    with pytest.raises(ValidationError, match="未知的服務類型"):
        services.create_client(actor=admin_user, data={"name": "客戶", "service_types": ["build", "hack"]})


def test_people_page_searches_by_name(client, admin_user, login_as):
    login_as(admin_user)
    services.create_person(actor=admin_user, data={"name": "王小明"})
    services.create_person(actor=admin_user, data={"name": "李大華"})
    body = client.get("/organization/people/?q=小明").content.decode()
    assert "王小明" in body
    assert "李大華" not in body


def test_creating_a_person_through_the_page(client, admin_user, login_as):
    login_as(admin_user)
    response = client.post("/organization/people/new/", {"name": "張三", "job_title": "PM", "active": "on"})
    assert response.status_code == 302
    assert Person.objects.filter(name="張三").exists()


def test_account_for_person_forces_password_change(admin_user):
    person = services.create_person(actor=admin_user, data={"name": "甲", "email": "a@example.com"})
    user = services.create_account_for_person(
        actor=admin_user, person=person, username="jia", password="Init1al-Passw0rd"
    )
    assert user.must_change_password is True
    person.refresh_from_db()
    assert person.user == user


def test_admin_disables_an_account_from_the_person_page(client, admin_user, login_as):
    login_as(admin_user)
    person = services.create_person(actor=admin_user, data={"name": "甲", "email": "a@example.com"})
    user = services.create_account_for_person(
        actor=admin_user, person=person, username="jia", password="Init1al-Passw0rd"
    )
    client.post(f"/organization/people/{person.pk}/account/active/", {"active": "0"})
    user.refresh_from_db()
    assert user.is_active is False


def test_clients_page_lists_clients(client, admin_user, login_as):
    login_as(admin_user)
    services.create_client(actor=admin_user, data={"name": "乙公司"})
    services.create_client(actor=admin_user, data={"name": "甲公司"})
    page = client.get("/organization/clients/").content.decode()
    assert page.index("乙公司") > 0
    assert page.index("甲公司") > 0


def test_designation_since_year_71_is_refused_and_keeps_the_current_one(admin_user):
    import datetime as dt

    a = services.create_person(actor=admin_user, data={"name": "甲"})
    b = services.create_person(actor=admin_user, data={"name": "乙"})
    current, _ = services.designate(
        actor=admin_user, data={"kind": "privacy", "person": a, "position": "副總經理"}
    )
    with pytest.raises(ValidationError) as caught:
        services.designate(
            actor=admin_user,
            data={"kind": "privacy", "person": b, "position": "總經理", "since": dt.date(71, 1, 1)},
        )
    assert "指定日期" in caught.value.message_dict["since"][0]
    current.refresh_from_db()
    assert current.until is None


def test_a_person_cannot_manage_themselves_or_their_own_manager(admin_user):
    boss = services.create_person(actor=admin_user, data={"name": "張經理"})
    staff = services.create_person(actor=admin_user, data={"name": "王小明", "manager": boss})
    assert staff.manager == boss
    with pytest.raises(ValidationError) as exc:
        services.update_person(actor=admin_user, person=boss, data={"manager": staff})
    assert "直屬主管" in str(exc.value)
    with pytest.raises(ValidationError):
        services.update_person(actor=admin_user, person=boss, data={"manager": boss})
    boss.refresh_from_db()
    assert boss.manager is None


def test_the_api_sets_and_shows_a_persons_manager(admin_user):
    from django.test import Client

    from shouhu.accounts.services.tokens import create_token

    boss = services.create_person(actor=admin_user, data={"name": "張經理"})
    staff = services.create_person(actor=admin_user, data={"name": "王小明"})
    _, plain = create_token(actor=None, user=admin_user, name="manager")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    response = api.patch(
        f"/api/v1/org/people/{staff.pk}", {"manager_id": boss.pk}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["manager_id"] == boss.pk
    staff.refresh_from_db()
    assert staff.manager == boss
