"""``shouhu demo`` loads a living organisation across every module, through the modules' services."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone


def _load(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def _assert_living_demo() -> None:
    from shouhu.assessment.models import ActionState, Assessment, CorrectiveAction, Finding, Kind, State
    from shouhu.assessment.selectors import is_overdue
    from shouhu.audit.models import AuditEvent
    from shouhu.incidents.models import Incident, IncidentDeadline
    from shouhu.incidents.models import State as IncidentState
    from shouhu.incidents.selectors import last_drill_completed_on
    from shouhu.inventory.models import (
        FlowStep,
        Notice,
        PersonalDataFile,
        RefStatus,
        Role,
        System,
    )
    from shouhu.law import selectors as law
    from shouhu.law.models import ClientFacts, CompanyFacts, Obligation
    from shouhu.organization.models import Client
    from shouhu.risk.models import Assessment as RiskAssessment
    from shouhu.risk.models import Risk, Treatment

    today = timezone.localdate()

    # law: facts for the company and every client, and what applies
    facts = CompanyFacts.objects.get()
    own = law.party_facts_for_company()
    assert (facts.industry_codes, own.company_type, own.paid_in_capital, own.industry_codes) == (
        [],
        "company_limited_by_shares",
        12_000_000,
        ("6201",),
    )
    assert ClientFacts.objects.count() == 4
    assert {"moda", "moda-art18"} <= set(law.assessment_for_company().ids())
    by_name = {c.name: c for c in Client.objects.all()}
    ecommerce = by_name["好日子購物股份有限公司"]
    assert {"pdpa-contractor", "moda", "moda-art18"} <= set(law.assessment_for_client(ecommerce).ids())
    assert law.record_count(ecommerce.law_facts, client=ecommerce).source_zh == "個資盤點合計"
    assert "cram-school" in law.assessment_for_client(by_name["安心補習班"]).ids()
    assert "tourism" in law.assessment_for_client(by_name["晨光觀光旅館股份有限公司"]).ids()
    assert "hospital" in law.assessment_for_client(by_name["北區醫療社團法人"]).ids()

    # calendar: synced, partly done, one overdue
    assert Obligation.objects.filter(active=True).count() >= 10
    drill = Obligation.objects.get(key="incident-drill")
    assert drill.last_done_on == last_drill_completed_on() == today - timezone.timedelta(days=69)
    assert drill.due_on is not None
    assert drill.due_on > today
    assert Obligation.objects.get(key="self-check-internal-audit").last_done_on == today - timezone.timedelta(
        days=45
    )
    assert law.due_summary().overdue

    # inventory
    assert System.objects.count() >= 5
    test_env = System.objects.get(network_zone="test")
    assert not test_env.holds_real_data
    cloud_db = System.objects.get(name="好日子購物電商會員資料庫")
    assert cloud_db.location == "cloud"
    assert cloud_db.region
    assert cloud_db.clients.get() == ecommerce
    assert PersonalDataFile.objects.count() >= 6
    processed = PersonalDataFile.objects.get(name="好日子購物會員資料")
    assert processed.role == Role.PROCESSOR
    assert processed.client == ecommerce
    assert processed.records_general > 5_000
    assert processed.counted_on is not None
    for pd_file in PersonalDataFile.objects.prefetch_related("purposes", "categories"):
        assert pd_file.purposes.exists()
        assert pd_file.categories.exists()
        assert all(p.status == RefStatus.LISTED for p in pd_file.purposes.all())
    assert FlowStep.objects.filter(file=processed).count() >= 3
    assert Notice.objects.count() == 1

    # risks
    assert 6 <= Risk.objects.count() <= 10
    accepted = Risk.objects.get(treatment=Treatment.ACCEPT)
    assert accepted.accepted_by
    assert accepted.accepted_on
    reassessed = Risk.objects.get(version=2)
    assert RiskAssessment.objects.filter(risk=reassessed).count() == 2
    assert all(r.inherent_score == r.likelihood * r.impact for r in Risk.objects.all())

    # assessments, findings, corrective actions
    self_check = Assessment.objects.get(kind=Kind.SELF)
    assert self_check.state == State.COMPLETED
    assert self_check.tables == "pd"
    assert not self_check.answers.filter(result="").exists()
    results = set(self_check.answers.values_list("result", flat=True))
    assert {"conform", "partial", "nonconform"} <= results
    assert Finding.objects.filter(assessment=self_check).count() >= 3
    actions = list(CorrectiveAction.objects.all())
    assert len(actions) == 2
    assert sum(is_overdue(a) for a in actions) == 1
    assert all(a.state == ActionState.IN_PROGRESS for a in actions)
    assert Assessment.objects.get(kind=Kind.INTERNAL).state == State.IN_PROGRESS

    # incidents: a closed drill and an open incident with live deadlines for the e-commerce client
    assert Incident.objects.get(is_drill=True).state == IncidentState.CLOSED
    live = Incident.objects.get(is_drill=False)
    assert live.state == IncidentState.OPEN
    assert list(live.affected_clients.all()) == [ecommerce]
    pending = IncidentDeadline.objects.filter(incident=live, active=True, met_at__isnull=True)
    assert pending.filter(client=ecommerce, due_at__gt=timezone.now()).exists()
    assert pending.filter(rule_id="moda-art8-report").exists()

    # everything audited as a CLI action
    assert AuditEvent.objects.filter(action="incidents.incident_reported").count() == 2


@pytest.mark.django_db
def test_demo_without_accounts_uses_an_inactive_demo_user():
    from shouhu.accounts.models import User
    from shouhu.accounts.permissions import has_perm
    from shouhu.law.models import Obligation

    out = _load()
    assert "風險 9" in out
    _assert_living_demo()
    demo = User.objects.get()
    assert demo.username == "demo"
    assert not demo.is_active
    assert not demo.has_usable_password()
    assert not has_perm(demo, "inventory.manage")
    assert not Obligation.objects.filter(owner__isnull=False).exists()


@pytest.mark.django_db
def test_demo_with_accounts_acts_as_the_people():
    from shouhu.accounts.models import User
    from shouhu.assessment.models import CorrectiveAction
    from shouhu.audit.models import AuditEvent
    from shouhu.incidents.models import Incident
    from shouhu.law.models import Obligation

    _load("--with-accounts")
    _assert_living_demo()
    from shouhu.plan.models import PlanVersion

    plan = PlanVersion.objects.get()
    assert (plan.state, plan.approver_name) == ("approved", "陳雅婷")
    from shouhu.documents.models import Campaign

    campaign = Campaign.objects.get()
    assert campaign.version.document.code == "P-01"
    assert campaign.acknowledgements.count() == 13  # every active person of the demo company
    training = plan.content["chapters"][9]
    assert ["近一年出席人數（不重複）", "11", "教育訓練：出席紀錄"] in training["facts"]
    assert not User.objects.filter(username="demo").exists()
    assert User.objects.count() == 6
    staff = User.objects.get(username="staff")
    assert [a.role for a in staff.role_assignments.all()] == ["staff"]
    officer = User.objects.get(username="privacy.officer")
    assert not Obligation.objects.filter(active=True, owner__isnull=True).exists()
    assert Obligation.objects.get(key="incident-drill").owner.username == "security.chief"
    assert Incident.objects.get(is_drill=False).owner.username == "security.chief"
    assert {a.owner.username for a in CorrectiveAction.objects.all()} == {"privacy.officer", "security.chief"}
    event = AuditEvent.objects.filter(action="inventory.system.created").first()
    assert event is not None
    assert event.actor_id == officer.pk
    assert event.channel == "cli"


@pytest.mark.django_db
def test_demo_ceo_is_the_linked_representative_and_approves_the_plan_in_person():
    from shouhu.accounts.models import User
    from shouhu.accounts.permissions import has_perm
    from shouhu.organization.models import CompanyProfile
    from shouhu.plan import services as plan
    from shouhu.plan.models import PlanVersion

    out = _load("--with-accounts")

    ceo = User.objects.get(username="ceo")
    assert "ceo（林志明，總經理、代表人；角色：個資保護總負責人）" in out
    assert [a.role for a in ceo.role_assignments.all()] == ["pd_chief"]
    assert CompanyProfile.objects.get().representative_person.user == ceo
    assert has_perm(ceo, "plan.approve")
    draft = plan.generate_draft(actor=User.objects.get(username="privacy.officer"))
    plan.approve(actor=ceo, version=draft, capacity="representative")
    draft.refresh_from_db()
    assert (draft.approver_name, draft.approver_capacity) == ("林志明", "representative")
    assert PlanVersion.objects.filter(state="approved").get() == draft


@pytest.mark.django_db
def test_demo_refuses_a_second_run_and_leaves_nothing_half_loaded():
    from shouhu.inventory.models import System

    _load()
    with pytest.raises(CommandError):
        call_command("demo", "--with-accounts")
    assert System.objects.count() == 6
