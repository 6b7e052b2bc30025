"""Each person's due trainings: the yearly cycle per required topic, new policy versions, assignments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.organization.models import Designation, Person
from shouhu.training import selectors, services
from shouhu.training.models import Assignment, Leader
from tests.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    """Taipei's date when the test runs (not when the module was imported: a run can cross midnight)."""
    return timezone.localdate()


@pytest.fixture
def officer(make_user):
    return make_user("pd_officer", username="officer")


@pytest.fixture
def person(db):
    return PersonFactory(name="吳承翰", department=DepartmentFactory(name="資訊部"))


def _held(officer, people, *, topics, held_on):
    session = services.create_session(
        actor=officer, title="教育訓練", topics=topics, held_on=held_on, hours=Decimal("2"), trainer="講師",
        audience="全體", people=people,
    )  # fmt: skip
    for p in people:
        services.record_attendance(actor=officer, session=session, person=p, attended=True)
    services.mark_held(actor=officer, session=session)
    return session


def _items(person, **kw):
    return {(i.kind, i.topic): i for i in selectors.due_trainings([person], **kw)[person.pk]}


def _age(person, days):
    Person.objects.filter(pk=person.pk).update(created_at=timezone.now() - dt.timedelta(days=days))
    person.refresh_from_db()


def test_a_person_never_trained_is_overdue_ninety_days_after_being_added(person):
    _age(person, 120)
    item = _items(person)[("yearly", "law")]
    assert (item.state, item.done_on, item.due) == (
        "overdue",
        None,
        timezone.localdate(person.created_at) + dt.timedelta(days=90),
    )


def test_attending_a_held_session_covers_its_topics_for_a_year(officer, person, today):
    _age(person, 400)
    session = _held(officer, [person], topics=["law", "duties"], held_on=today - dt.timedelta(days=10))
    items = _items(person)
    assert items[("yearly", "law")].state == "done"
    assert items[("yearly", "law")].session_id == session.pk
    assert items[("yearly", "law")].due == today + dt.timedelta(days=355)
    assert items[("yearly", "procedures")].state == "overdue"  # not covered by that session


def test_a_yearly_topic_is_overdue_a_year_after_the_last_session(officer, person, today):
    _age(person, 800)
    _held(officer, [person], topics=["law"], held_on=today - dt.timedelta(days=400))
    item = _items(person)[("yearly", "law")]
    assert (item.state, item.due) == ("overdue", today - dt.timedelta(days=35))


def test_awareness_is_required_of_leaders_and_designated_chiefs_only(officer, person):
    chief = PersonFactory(name="陳總")
    Designation.objects.create(kind="privacy", person=chief, position="副總經理")
    boss = PersonFactory(name="林董")
    Leader.objects.create(person=boss, kind=Leader.Kind.REPRESENTATIVE)
    due = selectors.due_trainings([person, chief, boss])
    required = {pk: {i.topic for i in items if i.kind == "yearly"} for pk, items in due.items()}
    assert "awareness" not in required[person.pk]
    assert "awareness" in required[chief.pk]
    assert "awareness" in required[boss.pk]


def test_the_representative_linked_in_the_company_profile_owes_the_awareness(officer, person):
    from tests.factories import CompanyFactory

    representative = PersonFactory(name="陳美玲")
    CompanyFactory(representative="陳美玲", representative_person=representative)
    due = selectors.due_trainings([person, representative])
    assert "awareness" in {i.topic for i in due[representative.pk]}
    assert "awareness" not in {i.topic for i in due[person.pk]}


def test_assign_creates_an_open_assignment_done_by_a_later_session(officer, person, today):
    rows = services.assign(actor=officer, person_ids=[person.pk], topic="phishing", reason="社交工程演練提交帳密",
                           due=today + dt.timedelta(days=30))  # fmt: skip
    assert [r.person_id for r in rows] == [person.pk]
    assert _items(person)[("assigned", "phishing")].state == "due"
    assert AuditEvent.objects.filter(action="training.assigned", object_id=str(rows[0].pk)).exists()
    _held(officer, [person], topics=["phishing"], held_on=today)
    item = _items(person)[("assigned", "phishing")]
    assert (item.state, item.done_on) == ("done", today)


def test_a_session_before_the_assignment_does_not_complete_it(officer, person, today):
    _held(officer, [person], topics=["phishing"], held_on=today - dt.timedelta(days=5))
    services.assign(actor=officer, person_ids=[person.pk], topic="phishing", reason="補強", due=today)
    assert _items(person)[("assigned", "phishing")].state == "due"


def test_assigning_again_keeps_the_open_assignment(officer, person, today):
    first = services.assign(
        actor=officer, person_ids=[person.pk], topic="phishing", reason="演練一", due=today
    )
    again = services.assign(actor=officer, person_ids=[person.pk], topic="phishing", reason="演練二",
                            due=today + dt.timedelta(days=9))  # fmt: skip
    assert [r.pk for r in again] == [first[0].pk]
    assert Assignment.objects.count() == 1


def test_assign_refuses_bad_input_with_zh_tw_messages(officer, person, today):
    with pytest.raises(ValidationError) as caught:
        services.assign(actor=officer, person_ids=[person.pk, 999999], topic="nope", reason=" ",
                        due=today - dt.timedelta(days=1))  # fmt: skip
    errors = caught.value.message_dict
    assert errors["topic"] == ["課程主題不正確。"]
    assert errors["reason"] == ["請填寫指派原因。"]
    assert errors["due"] == ["完成期限不能早於今天。"]
    assert errors["person_ids"] == ["找不到人員（編號 999999）。"]
    assert not Assignment.objects.exists()


def test_assign_needs_training_manage(make_user, person, today):
    staff = make_user("staff", username="staff")
    with pytest.raises(PermissionDenied):
        services.assign(actor=staff, person_ids=[person.pk], topic="law", reason="x", due=today)


def test_department_report_counts_people_up_to_date(officer, today):
    it, hr = DepartmentFactory(name="資訊部"), DepartmentFactory(name="人資部")
    a, b, c = PersonFactory(department=it), PersonFactory(department=it), PersonFactory(department=hr)
    for p in (a, b, c):
        _age(p, 200)
    _held(officer, [a, c], topics=["law", "duties", "procedures"], held_on=today - dt.timedelta(days=3))
    rows = {r.name: r for r in selectors.department_report()}
    assert (rows["資訊部"].people, rows["資訊部"].complete, rows["資訊部"].overdue_people) == (2, 1, 1)
    assert rows["資訊部"].by_topic["law"] == [1, 2]
    assert (rows["人資部"].people, rows["人資部"].complete, rows["人資部"].rate) == (1, 1, 100)


def test_a_new_approved_policy_version_is_due_until_a_procedures_session_after_it(officer, person, today):
    from shouhu.documents.models import Document, DocumentVersion
    from shouhu.evidence.services import store

    _age(person, 300)
    _held(officer, [person], topics=["procedures"], held_on=today - dt.timedelta(days=20))
    document = Document.objects.create(code="POL-01", title="個人資料保護政策", tier="policy")
    file = store(actor=officer, file=b"policy text", filename="policy.txt", check_perm=False)
    DocumentVersion.objects.create(document=document, number=2, state="approved", file=file,
                                   approved_at=timezone.now() - dt.timedelta(days=10))  # fmt: skip
    item = _items(person)[("policy", "procedures")]
    assert (item.state, item.reason) == ("due", "政策新版：POL-01 個人資料保護政策 第 2 版")
    assert item.due == today + dt.timedelta(days=80)
    _held(officer, [person], topics=["procedures"], held_on=today)
    assert _items(person)[("policy", "procedures")].state == "done"


def test_a_direct_manager_of_an_active_person_owes_the_awareness(officer, person):
    manager = PersonFactory(name="張經理")
    person.manager = manager
    person.save()
    former = PersonFactory(name="李前經理")
    PersonFactory(name="已離職部屬", manager=former, active=False)
    due = selectors.due_trainings([person, manager, former])
    assert "awareness" in {i.topic for i in due[manager.pk]}
    assert "awareness" not in {i.topic for i in due[former.pk]}  # manages only a leaver
    assert "awareness" not in {i.topic for i in due[person.pk]}
