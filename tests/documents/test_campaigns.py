"""Acknowledgement campaigns: the chosen people read and confirm; reminders; new joiners; own rows only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from shouhu.documents import selectors, services
from shouhu.documents.models import Acknowledgement
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _due():
    return timezone.localdate() + dt.timedelta(days=14)


def test_a_campaign_asks_the_people_of_the_chosen_departments(
    officer, policy, employee, colleague, departments
):
    campaign = services.start_campaign(
        actor=officer, version=policy, due_on=_due(), departments=[departments["it"]]
    )
    assert [a.person.name for a in selectors.acknowledgements(campaign)] == ["吳承翰"]


def test_confirming_requires_opening_the_document_first(officer, policy, employee):
    services.start_campaign(actor=officer, version=policy, due_on=_due())
    ack = selectors.my_acknowledgements(employee).get()
    with pytest.raises(ValidationError, match="請先開啟並閱讀文件"):
        services.acknowledge(actor=employee, ack=ack)
    assert services.open_for_reading(actor=employee, ack=ack) == b"%PDF-1.4\n policy v1"
    services.acknowledge(actor=employee, ack=ack)
    ack.refresh_from_db()
    assert ack.read_at is not None
    assert ack.acknowledged_at is not None


def test_nobody_confirms_for_someone_else(officer, policy, employee, colleague):
    services.start_campaign(actor=officer, version=policy, due_on=_due())
    theirs = selectors.my_acknowledgements(colleague).get()
    with pytest.raises(PermissionDenied):
        services.open_for_reading(actor=employee, ack=theirs)
    with pytest.raises(PermissionDenied):
        services.acknowledge(actor=officer, ack=theirs)


def test_an_employee_sees_only_their_own_acknowledgements(officer, policy, employee, colleague, login_as):
    services.start_campaign(actor=officer, version=policy, due_on=_due())
    page = login_as(employee).get(reverse("documents:mine")).content.decode()
    assert page.count('data-testid="my-ack"') == 1
    theirs = selectors.my_acknowledgements(colleague).get()
    assert login_as(employee).get(reverse("documents:read", args=[theirs.pk])).status_code == 403
    assert login_as(employee).get(reverse("documents:campaign", args=[theirs.campaign_id])).status_code == 403


def test_new_joiners_are_added_to_open_campaigns(officer, policy, employee, departments):
    campaign = services.start_campaign(actor=officer, version=policy, due_on=_due())
    newcomer = PersonFactory(name="新同仁", department=departments["hr"])
    assert services.add_new_joiners() == 1
    ack = Acknowledgement.objects.get(campaign=campaign, person=newcomer)
    assert ack.added_as_joiner
    assert services.add_new_joiners() == 0


def test_reminders_go_once_a_day_to_those_who_have_not_confirmed(officer, policy, employee, colleague):
    services.start_campaign(actor=officer, version=policy, due_on=_due())
    ack = selectors.my_acknowledgements(colleague).get()
    services.open_for_reading(actor=colleague, ack=ack)
    services.acknowledge(actor=colleague, ack=ack)
    assert services.send_reminders() == {"sent": 1, "failed": 0}
    assert mail.outbox[0].to == ["wu@example.tw"]
    assert "個人資料保護政策" in mail.outbox[0].subject
    assert services.send_reminders() == {"sent": 0, "failed": 0}


def test_completion_report_counts_confirmations(officer, policy, employee, colleague, login_as, make_user):
    campaign = services.start_campaign(actor=officer, version=policy, due_on=_due())
    ack = selectors.my_acknowledgements(employee).get()
    services.open_for_reading(actor=employee, ack=ack)
    services.acknowledge(actor=employee, ack=ack)
    row = selectors.campaigns().get(pk=campaign.pk)
    assert (row.done, row.total) == (1, 2)
    csv = login_as(make_user("auditor")).get(
        reverse("documents:campaign", args=[campaign.pk]) + "?format=csv"
    )
    text = csv.content.decode("utf-8-sig")
    assert "李冠廷" in text
    assert "未確認" in text


def test_a_draft_version_cannot_be_sent_for_acknowledgement(officer, policy, employee):
    draft = services.add_version(
        actor=officer, document=policy.document, file=b"%PDF-1.4\n v2", filename="v2.pdf"
    )
    with pytest.raises(ValidationError, match="只有已核定"):
        services.start_campaign(actor=officer, version=draft, due_on=_due())


def test_api_lists_only_the_callers_own_acknowledgements(officer, policy, employee, colleague, login_as):
    services.start_campaign(actor=officer, version=policy, due_on=_due())
    rows = login_as(employee).get("/api/v1/documents/mine").json()
    assert [r["document"] for r in rows] == ["P-01 個人資料保護政策"]
    theirs = selectors.my_acknowledgements(colleague).get()
    assert login_as(employee).post(f"/api/v1/documents/mine/{theirs.pk}/confirm").status_code == 403
    assert login_as(officer).get("/api/v1/documents/").json()[0]["current_version"] == 1


def _draft_policy(officer):
    doc = services.create_document(actor=officer, code="P-02", title="資訊安全政策", tier="policy")
    return services.add_version(actor=officer, document=doc, file=b"%PDF-1.4\n isp v1", filename="isp.pdf")


def test_approving_a_policy_asks_everyone_in_service_to_confirm_it(officer, chief, employee, colleague):
    version = services.approve_version(actor=chief, version=_draft_policy(officer))
    campaign = selectors.campaigns().get(version=version)
    assert sorted(a.person.name for a in selectors.acknowledgements(campaign)) == ["吳承翰", "李冠廷"]
    assert campaign.due_on == timezone.localdate() + dt.timedelta(days=services.ACK_DAYS)
    assert campaign.include_new_joiners


def test_the_approver_chooses_the_audience_and_the_due_date(officer, chief, employee, colleague, departments):
    due = timezone.localdate() + dt.timedelta(days=10)
    version = services.approve_version(actor=chief, version=_draft_policy(officer),
                                       ack_departments=[departments["hr"]], ack_due_on=due)  # fmt: skip
    campaign = selectors.campaigns().get(version=version)
    assert [a.person.name for a in selectors.acknowledgements(campaign)] == ["李冠廷"]
    assert campaign.due_on == due


def test_a_new_policy_version_closes_the_campaign_of_the_previous_one(officer, chief, employee):
    first = services.approve_version(actor=chief, version=_draft_policy(officer))
    second = services.add_version(
        actor=officer, document=first.document, file=b"%PDF-1.4\n isp v2", filename="v2.pdf"
    )
    services.approve_version(actor=chief, version=second)
    assert selectors.campaigns().get(version=first).closed_at is not None
    assert selectors.campaigns().get(version=second).closed_at is None
    assert [a.campaign.version.number for a in selectors.my_acknowledgements(employee)] == [1, 2]


def test_approving_a_procedure_starts_no_campaign(officer, chief, employee):
    doc = services.create_document(actor=officer, code="PR-09", title="備份程序", tier="procedure")
    version = services.add_version(actor=officer, document=doc, file=b"%PDF-1.4\n pr", filename="pr.pdf")
    services.approve_version(actor=chief, version=version)
    assert not selectors.campaigns().exists()


def test_an_audience_department_without_staff_refuses_the_approval(officer, chief, employee):
    from tests.factories import DepartmentFactory

    draft = _draft_policy(officer)
    with pytest.raises(ValidationError, match="所選部門沒有在職人員"):
        services.approve_version(
            actor=chief, version=draft, ack_departments=[DepartmentFactory(name="空部門")]
        )
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_a_second_open_campaign_for_the_same_version_is_refused(officer, chief, employee):
    version = services.approve_version(actor=chief, version=_draft_policy(officer))
    with pytest.raises(ValidationError, match="已有進行中的確認活動"):
        services.start_campaign(actor=officer, version=version, due_on=_due())


def test_the_staff_home_shows_the_pending_policy_with_read_and_confirm(officer, chief, employee, login_as):
    services.approve_version(actor=chief, version=_draft_policy(officer))
    client = login_as(employee)
    home = client.get(reverse("core:dashboard")).content.decode()
    assert home.count('data-testid="home-ack"') == 1
    assert "P-02 資訊安全政策" in home
    ack = selectors.my_acknowledgements(employee).get()
    client.get(reverse("documents:read", args=[ack.pk]))
    client.post(reverse("documents:confirm", args=[ack.pk]) + "?next=home")
    assert 'data-testid="home-ack"' not in client.get(reverse("core:dashboard")).content.decode()


def test_a_new_joiner_sees_the_open_policy_on_their_home(
    officer, chief, employee, departments, make_user, login_as
):
    services.approve_version(actor=chief, version=_draft_policy(officer))
    newcomer = make_user("staff", username="new")
    PersonFactory(name="新同仁", user=newcomer, department=departments["hr"])
    assert 'data-testid="home-ack"' in login_as(newcomer).get(reverse("core:dashboard")).content.decode()


def test_the_completion_report_counts_per_department(officer, chief, employee, colleague, login_as):
    version = services.approve_version(actor=chief, version=_draft_policy(officer))
    ack = selectors.my_acknowledgements(employee).get()
    services.open_for_reading(actor=employee, ack=ack)
    services.acknowledge(actor=employee, ack=ack)
    campaign = selectors.campaigns().get(version=version)
    report = {(d.department, d.total, d.done, d.percent) for d in selectors.progress_by_department(campaign)}
    assert report == {("資訊部", 1, 1, 100.0), ("人資部", 1, 0, 0.0)}
    page = login_as(officer).get(reverse("documents:campaign", args=[campaign.pk])).content.decode()
    assert '<span class="badge ok">100.0%' in page  # the badge draws its ✓ (app.css)
