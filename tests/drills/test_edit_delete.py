"""Correcting and deleting a drill: validation, audit, the confirmation a drill with results needs, and the
calendar's six-monthly drill following the drills that remain; a leaver who submitted data is recorded as
not assigned remedial training."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.drills import services
from shouhu.drills.models import Drill, Remedial, Result, Stage
from shouhu.engines.law.recurring import next_due
from shouhu.law import services as law
from shouhu.law.models import Completion, Obligation
from shouhu.training.models import Assignment
from tests.factories import CompanyFactory
from tests.law.conftest import company_data

pytestmark = pytest.mark.django_db


def _enter(officer, drill, person, stage, reported=None):
    return services.record_result(actor=officer, drill=drill, person=person, stage=stage, reported=reported)


def _update(officer, drill, **changes):
    data = {
        "title": drill.title,
        "held_on": drill.held_on,
        "scenario": drill.scenario,
        "audience": drill.audience,
    }
    return services.update_drill(actor=officer, drill=drill, **{**data, **changes})


@pytest.fixture
def art18(officer):
    """Our company falls under moda Art. 18, so a drill also completes its training measure."""
    CompanyFactory()
    law.save_company_facts(actor=officer, data=company_data())


def _obligation(key="phishing-drill"):
    return Obligation.objects.get(key=key)


def test_correcting_a_drill_is_audited_with_old_and_new_values(officer, drill, staff):
    _update(officer, drill, title="115年下半年演練（更正）", departments=[staff["it"]])
    drill.refresh_from_db()
    assert drill.title == "115年下半年演練（更正）"
    event = AuditEvent.objects.filter(action="drills.drill.updated").get()
    assert event.changes["title"] == ["115年下半年社交工程演練", "115年下半年演練（更正）"]
    audience = AuditEvent.objects.filter(action="drills.drill_audience_set").latest("id")
    assert audience.changes["departments"] == [None, ["資訊部"]]


def test_a_correction_is_validated_like_a_new_drill(officer, drill):
    with pytest.raises(ValidationError) as refused:
        _update(officer, drill, title=" ", scenario="")
    assert set(refused.value.message_dict) == {"title", "scenario"}


def test_a_drill_with_results_cannot_move_into_the_future(officer, drill, staff):
    _enter(officer, drill, staff["wu"], Stage.CLICKED)
    with pytest.raises(ValidationError, match="已有結果，演練日期不可晚於今天"):
        _update(officer, drill, held_on=timezone.localdate() + dt.timedelta(days=1))


def test_moving_a_drill_moves_the_calendar_completion(officer, drill, staff, art18):
    _enter(officer, drill, staff["wu"], Stage.CLICKED)
    assert _obligation().last_done_on == drill.held_on
    earlier = drill.held_on - dt.timedelta(days=20)
    _update(officer, drill, held_on=earlier)
    obligation = _obligation()
    assert obligation.last_done_on == earlier
    assert list(obligation.completions.values_list("done_on", flat=True)) == [earlier]
    assert _obligation("moda-art18-training").last_done_on == earlier


def test_only_drill_managers_correct_or_delete(make_user, drill):
    auditor = make_user("auditor")
    with pytest.raises(PermissionDenied):
        _update(auditor, drill, title="x")
    with pytest.raises(PermissionDenied):
        services.delete_drill(actor=auditor, drill=drill)


def test_a_drill_without_results_is_deleted_and_audited(officer, drill):
    assert services.delete_drill(actor=officer, drill=drill) == 0
    assert not Drill.objects.exists()
    event = AuditEvent.objects.get(action="drills.drill.deleted")
    assert event.changes["title"] == ["115年下半年社交工程演練", None]


def test_a_drill_with_results_is_deleted_only_with_confirmation(officer, drill, staff):
    _enter(officer, drill, staff["wu"], Stage.SUBMITTED)
    with pytest.raises(ValidationError, match="已有 1 筆結果"):
        services.delete_drill(actor=officer, drill=drill)
    assert Result.objects.count() == 1
    assert services.delete_drill(actor=officer, drill=drill, confirm_results=True) == 1
    assert not Result.objects.exists()
    assert AuditEvent.objects.get(action="drills.results_deleted").changes["results"] == [1, None]
    assert Assignment.objects.filter(person=staff["wu"]).exists()  # the remedial training stays


def test_deleting_the_latest_drill_gives_the_calendar_back_to_the_one_before(officer, drill, staff, art18):
    earlier = services.create_drill(actor=officer, title="上半年演練", scenario="假冒網購退款",
                                    held_on=drill.held_on - dt.timedelta(days=180))  # fmt: skip
    _enter(officer, earlier, staff["wu"], Stage.OPENED)
    _enter(officer, drill, staff["wu"], Stage.OPENED)
    assert _obligation().last_done_on == drill.held_on
    services.delete_drill(actor=officer, drill=drill, confirm_results=True)
    obligation = _obligation()
    assert obligation.last_done_on == earlier.held_on
    assert obligation.due_on == next_due(earlier.held_on, obligation.frequency)
    assert not Completion.objects.filter(source=f"drills.drill:{drill.pk}").exists()
    assert AuditEvent.objects.filter(action="law.completion.deleted").count() == 2  # drill + Art. 18 measure


def test_deleting_the_only_drill_leaves_the_drill_due_again(officer, drill, staff):
    law.sync_calendar(actor=officer)
    activated = _obligation().activated_on
    _enter(officer, drill, staff["wu"], Stage.OPENED)
    services.delete_drill(actor=officer, drill=drill, confirm_results=True)
    obligation = _obligation()
    assert (obligation.last_done_on, obligation.due_on) == (None, activated)


def test_a_drill_of_the_same_day_takes_over_the_completion_of_a_deleted_one(officer, drill, staff):
    law.sync_calendar(actor=officer)
    twin = services.create_drill(
        actor=officer, title="同日第二梯次", scenario="假冒物流通知", held_on=drill.held_on
    )
    _enter(officer, drill, staff["wu"], Stage.OPENED)
    _enter(officer, twin, staff["lee"], Stage.OPENED)  # same day: the calendar keeps the first completion
    services.delete_drill(actor=officer, drill=drill, confirm_results=True)
    assert _obligation().last_done_on == drill.held_on
    assert _obligation().completions.get().source == f"drills.drill:{twin.pk}"


def test_a_leaver_who_submitted_data_is_recorded_as_not_assigned(officer, drill, staff):
    staff["lee"].active = False
    staff["lee"].save()
    done = services.record_results(
        actor=officer, drill=drill, source="manual",
        entries=[services.Entry(staff["wu"].pk, Stage.SUBMITTED, False),
                 services.Entry(staff["lee"].pk, Stage.SUBMITTED, False)],
    )  # fmt: skip
    assert (done["remedial"], done["leavers"]) == (1, 1)
    rows = dict(Result.objects.values_list("person__name", "remedial"))
    assert rows == {"吳承翰": Remedial.ASSIGNED, "李冠廷": Remedial.LEAVER}
    assert list(Assignment.objects.values_list("person__name", flat=True)) == ["吳承翰"]
    event = AuditEvent.objects.get(action="drills.results_recorded")
    assert event.changes["remedial_not_assigned_leavers"] == [None, ["李冠廷"]]


def test_the_results_table_shows_the_leaver_without_remedial_training(officer, drill, staff, login_as):
    staff["lee"].active = False
    staff["lee"].save()
    _enter(officer, drill, staff["lee"], Stage.SUBMITTED)
    page = login_as(officer).get(reverse("drills:detail", args=[drill.pk])).content.decode()
    table = page[page.index('data-testid="drill-results"') :]
    assert "已離職，未指派補強訓練" in table


def test_a_leaver_corrected_to_a_lesser_stage_no_longer_shows_it(officer, drill, staff):
    staff["lee"].active = False
    staff["lee"].save()
    _enter(officer, drill, staff["lee"], Stage.SUBMITTED)
    _enter(officer, drill, staff["lee"], Stage.CLICKED)
    assert Result.objects.get().remedial == ""


def test_the_edit_page_saves_and_deletes_with_the_confirmation_box(officer, drill, staff, login_as):
    client = login_as(officer)
    url = reverse("drills:edit", args=[drill.pk])
    response = client.post(url, {"title": "改名", "held_on": drill.held_on.isoformat(), "scenario": "情境"})
    assert response.status_code == 302
    assert Drill.objects.get().title == "改名"
    _enter(officer, drill, staff["wu"], Stage.OPENED)
    assert "已有 1 筆結果" in client.get(url).content.decode()
    client.post(reverse("drills:delete", args=[drill.pk]))
    assert Drill.objects.exists()  # refused without the box
    client.post(reverse("drills:delete", args=[drill.pk]), {"confirm_results": "on"})
    assert not Drill.objects.exists()


def test_an_auditor_gets_no_edit_page(make_user, drill, login_as):
    client = login_as(make_user("auditor"))
    assert client.get(reverse("drills:edit", args=[drill.pk])).status_code == 403
    assert (
        'data-testid="drill-edit"'
        not in client.get(reverse("drills:detail", args=[drill.pk])).content.decode()
    )


def test_the_edit_and_detail_pages_in_english_show_no_chinese_ui_text(officer, staff, login_as):
    from django.conf import settings

    from tests.shell.test_language import chinese_left

    drill = services.create_drill(actor=officer, title="Drill H2", scenario="Fake parcel notice",
                                  held_on=timezone.localdate() - dt.timedelta(days=1))  # fmt: skip
    # names of people and departments are data, not UI text
    for key, name in (
        ("it", "IT"),
        ("sales", "Sales"),
        ("wu", "Wu"),
        ("lee", "Lee"),
        ("chen", "Chen"),
        ("lin", "Lin"),
    ):
        staff[key].name = name
        staff[key].save()
    staff["lee"].active = False
    staff["lee"].save()
    _enter(officer, drill, staff["lee"], Stage.SUBMITTED)
    client = login_as(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for name in ("drills:edit", "drills:detail"):
        page = client.get(reverse(name, args=[drill.pk])).content.decode()
        assert chinese_left(page) == set(), name
    assert "Has left; no remedial training assigned" in page
