import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shouhu.assessment import findings as finding_services
from shouhu.assessment import selectors
from shouhu.assessment.models import ActionState, Finding
from shouhu.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def finding(completed):
    return Finding.objects.get(assessment=completed, item_id="pd-1.1.1")


@pytest.fixture
def action(officer, finding):
    return finding_services.create_action(actor=officer, finding=finding, data={})


def _fill(officer, action, **extra):
    data = {
        "cause": "未指定總負責人",
        "similar": "1.1.2 亦可能發生",
        "measures": "由總經理擔任並公告",
        "owner": officer,
        "due_on": timezone.localdate() + dt.timedelta(days=30),
        **extra,
    }
    return finding_services.update_action(actor=officer, action=action, data=data)


def test_auditor_adds_a_manual_finding_but_staff_cannot(auditor, staff, completed):
    finding = finding_services.create_finding(
        actor=auditor,
        assessment=completed,
        data={"title": "外部稽核發現：備份未加密", "severity": "high", "item_id": "is-2.3.5"},
    )
    assert finding.source == Finding.Source.MANUAL
    assert finding.created_by == auditor
    with pytest.raises(PermissionDenied):
        finding_services.create_finding(actor=staff, assessment=completed, data={"title": "x"})
    with pytest.raises(ValidationError, match="pd-77"):
        finding_services.create_finding(
            actor=auditor, assessment=completed, data={"title": "x", "item_id": "pd-77"}
        )


def test_auditor_cannot_manage_actions(auditor, finding):
    with pytest.raises(PermissionDenied):
        finding_services.create_action(actor=auditor, finding=finding, data={})


def test_severity_is_editable(auditor, finding):
    finding_services.update_finding(
        actor=auditor, finding=finding, data={"severity": "low", "description": "已降級"}
    )
    finding.refresh_from_db()
    assert finding.severity == "low"
    assert AuditEvent.objects.filter(action="assessment.finding.updated").exists()


def test_action_walks_the_five_steps_to_closed(officer, action):
    assert action.state == ActionState.DRAFT
    assert action.title.startswith("矯正：")
    with pytest.raises(ValidationError, match="須填寫"):
        finding_services.transition_action(actor=officer, action=action, to="in_progress")
    _fill(officer, action)
    finding_services.transition_action(actor=officer, action=action, to="in_progress")
    finding_services.transition_action(actor=officer, action=action, to="awaiting_review")
    with pytest.raises(ValidationError, match="有效性審查"):
        finding_services.transition_action(actor=officer, action=action, to="closed")
    _fill(
        officer,
        action,
        effectiveness="抽查三個月紀錄有效",
        measures_update="更新個資管理規範 2.1",
        record="原因、措施、過程與結果如附件",
    )
    finding_services.transition_action(actor=officer, action=action, to="closed")
    action.refresh_from_db()
    assert action.state == ActionState.CLOSED
    assert action.closed_at
    with pytest.raises(ValidationError, match="已結案"):
        _fill(officer, action)
    with pytest.raises(ValidationError, match="原因"):
        finding_services.transition_action(actor=officer, action=action, to="in_progress")
    finding_services.transition_action(
        actor=officer, action=action, to="in_progress", note="複查發現仍有缺失"
    )
    action.refresh_from_db()
    assert action.state == ActionState.IN_PROGRESS
    assert action.closed_at is None
    assert AuditEvent.objects.filter(action="assessment.action_reopened").exists()


def test_refused_transition_names_the_allowed_ones(officer, action):
    with pytest.raises(ValidationError) as exc:
        finding_services.transition_action(actor=officer, action=action, to="closed")
    assert "草稿" in exc.value.messages[0]
    assert "已結案" in exc.value.messages[0]
    assert "執行中" in exc.value.messages[0]
    with pytest.raises(ValidationError, match="未知"):
        finding_services.transition_action(actor=officer, action=action, to="done")


def test_overdue_actions_are_listed_for_their_owner(officer, chief, action):
    _fill(officer, action, due_on=timezone.localdate() - dt.timedelta(days=1))
    assert list(selectors.actions(overdue=True)) == [action]
    assert list(selectors.actions(owner=officer, overdue=True)) == [action]
    assert list(selectors.actions(owner=chief, overdue=True)) == []
    action.refresh_from_db()
    assert selectors.is_overdue(action)


def test_dashboard_panel_highlights_overdue_actions(officer, action, login_as):
    _fill(officer, action, due_on=timezone.localdate() - dt.timedelta(days=3))
    page = login_as(officer).get("/").content.decode()
    assert "逾期的矯正措施" in page
    assert "由您負責" in page
