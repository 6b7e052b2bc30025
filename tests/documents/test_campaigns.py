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
