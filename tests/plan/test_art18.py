"""moda Art. 18: one calendar item per listed measure, each completed as soon as its own record is written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from shouhu.engines.law.catalogue import load_catalogue
from shouhu.law import services as law
from shouhu.law.models import Obligation
from shouhu.plan import services as plan
from shouhu.risk import services as risk
from shouhu.training import services as training
from tests.factories import PersonFactory
from tests.law.conftest import company_data
from tests.plan.conftest import AUTH
from tests.risk.test_register import system_risk

pytestmark = pytest.mark.django_db


@pytest.fixture
def art18(officer, org):
    """Our company falls under moda Art. 18 (capital ≥ NT$10 M), so its eight measures are on the calendar."""
    law.save_company_facts(actor=officer, data=company_data())
    assert Obligation.objects.filter(key__startswith="moda-art18-", active=True).count() == 8


def _done() -> dict[str, dt.date | None]:
    return dict(Obligation.objects.filter(key__startswith="moda-art18-").values_list("key", "last_done_on"))


def test_every_art18_measure_names_the_records_that_complete_it():
    measures = [o for o in load_catalogue().recurring if o.id.startswith("moda-art18-")]
    assert len(measures) == 8
    assert all(o.completed_by for o in measures), [o.id for o in measures if not o.completed_by]


def test_counting_a_files_records_completes_only_the_inventory_measure(art18, make_file):
    counted = timezone.localdate() - dt.timedelta(days=4)
    make_file(counted_on=counted)
    done = _done()
    assert done["moda-art18-inventory"] == counted
    assert {k for k, v in done.items() if v} == {"moda-art18-inventory"}
    note = Obligation.objects.get(key="moda-art18-inventory").completions.get().note
    assert note.startswith("個資盤點筆數計算：")


def test_a_risk_assessment_completes_the_risk_measure(art18, officer, system):
    risk.create_risk(actor=officer, data=system_risk(system, assessed_on=timezone.localdate()))
    assert _done()["moda-art18-risk"] == timezone.localdate()


def test_a_training_held_completes_the_calendar_training_and_the_art18_training_measure(art18, officer, org):
    person = PersonFactory(name="吳承翰", department=org["it"])
    held = timezone.localdate() - dt.timedelta(days=2)
    session = training.create_session(
        actor=officer, title="年度個資保護教育訓練", topics=["law"], held_on=held, hours=Decimal("2"),
        trainer="外部講師", audience="全體員工", people=[person],
    )  # fmt: skip
    training.record_attendance(actor=officer, session=session, person=person, attended=True)
    training.mark_held(actor=officer, session=session)
    assert Obligation.objects.get(key="training").last_done_on == held
    measure = Obligation.objects.get(key="moda-art18-training")
    assert measure.last_done_on == held
    assert measure.completions.get().note.startswith("個資及資安教育訓練：教育訓練「年度個資保護教育訓練」")


def test_approving_the_plan_completes_the_improvement_measure(art18, officer, chief, make_file):
    version = plan.generate_draft(actor=officer)
    plan.approve(actor=chief, version=version, capacity="authorised", authorisation="董事會決議", **AUTH)
    assert _done()["moda-art18-improvement"] == timezone.localdate()


def test_an_earlier_record_does_not_move_the_measure_back(art18, officer):
    today = timezone.localdate()
    law.complete_from_record(actor=officer, key="permission-review", done_on=today, note="權限檢視")
    law.complete_from_record(
        actor=officer, key="permission-review", done_on=today - dt.timedelta(days=30), note="較早之檢視"
    )
    assert _done()["moda-art18-access"] == today
    assert Obligation.objects.get(key="moda-art18-access").completions.count() == 1


def test_with_the_measures_not_on_the_calendar_a_record_completes_nothing(officer, org, make_file):
    assert not Obligation.objects.exists()  # the calendar has not been set up
    make_file(counted_on=timezone.localdate())
    assert law.complete_from_record(actor=officer, key="inventory-count", done_on=timezone.localdate(),
                                    note="x") is None  # fmt: skip
    assert not Obligation.objects.exists()


def test_the_audit_log_reads_a_completion_note_in_the_readers_language(art18, officer):
    from django.utils import translation

    from shouhu.audit.models import AuditEvent
    from shouhu.audit.presenters import change_rows

    # given: a completion written in zh-TW with its note kept as a message
    law.complete_from_record(actor=officer, key="inventory-count", done_on=timezone.localdate(),
                             note=law.note("inventory_import", count=3))  # fmt: skip
    event = AuditEvent.objects.filter(action="law.completion.created").latest("pk")
    # when: the log is read in English
    with translation.override("en"):
        rows = {r.label: r.after for r in change_rows(event.object_type, event.changes)}
    # then: the note reads in English and the message's internal columns are not shown
    assert rows["Description"] == (
        "Personal data inventory record count: Record counts of 3 imported personal data files (inventory)"
    )
    assert "message_key" not in rows
    assert "message_facts" not in rows
