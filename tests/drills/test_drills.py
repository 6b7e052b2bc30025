"""Drills by hand: creating one, entering results, rates per department over time, the pages and who sees them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from shouhu.drills import selectors, services
from shouhu.drills.models import Stage
from shouhu.training.models import Assignment

pytestmark = pytest.mark.django_db


def _enter(officer, drill, person, stage, reported=None):
    return services.record_result(actor=officer, drill=drill, person=person, stage=stage, reported=reported)


def test_a_drill_needs_a_scenario(officer):
    with pytest.raises(ValidationError) as refused:
        services.create_drill(actor=officer, title="演練", held_on=timezone.localdate(), scenario=" ")
    assert "請描述演練情境" in refused.value.message_dict["scenario"][0]


def test_results_of_a_drill_not_yet_held_are_refused(officer, staff):
    later = services.create_drill(actor=officer, title="下次演練", scenario="假冒物流通知",
                                  held_on=timezone.localdate() + dt.timedelta(days=10))  # fmt: skip
    with pytest.raises(ValidationError, match="演練日期尚未到"):
        _enter(officer, later, staff["wu"], Stage.CLICKED)


def test_a_result_entered_by_hand_for_a_submitter_assigns_remedial_training(officer, staff, drill):
    done = _enter(officer, drill, staff["chen"], Stage.SUBMITTED, reported=False)
    assert done["remedial"] == 1
    assert Assignment.objects.get().person == staff["chen"]


def test_the_remedial_reason_reads_in_the_readers_language(officer, staff, drill):
    """The reason is written by the system: an English reader sees it in English, the stored text stays zh-TW."""
    from django.utils import translation

    from shouhu.training.selectors import reason_text

    _enter(officer, drill, staff["chen"], Stage.SUBMITTED, reported=False)
    row = Assignment.objects.get()
    with translation.override("en"):
        english = reason_text(row)
    with translation.override("zh-hant"):
        chinese = reason_text(row)

    assert (
        english
        == f"Submitted data in the social-engineering drill “{drill.title}” ({drill.held_on.isoformat()}): remedial training required"
    )
    assert (
        chinese
        == row.reason
        == f"社交工程演練「{drill.title}」（{drill.held_on.isoformat()}）提交資料，須補強訓練"
    )


def test_only_drill_managers_enter_results(make_user, staff, drill):
    with pytest.raises(PermissionDenied):
        _enter(make_user("auditor"), drill, staff["wu"], Stage.CLICKED)


def test_rates_per_department_are_shares_of_the_delivered_mails(officer, staff, drill):
    _enter(officer, drill, staff["wu"], Stage.SUBMITTED, reported=False)
    _enter(officer, drill, staff["lee"], Stage.OPENED, reported=True)
    _enter(officer, drill, staff["chen"], Stage.CLICKED, reported=False)
    _enter(officer, drill, staff["lin"], Stage.NOT_DELIVERED)  # not in any rate
    trend = selectors.trend()
    it, sales = trend.cells[(drill.pk, "資訊部")], trend.cells[(drill.pk, "業務部")]
    assert (it.click_rate, it.submit_rate, it.report_rate) == (50.0, 50.0, 50.0)
    assert (sales.delivered, sales.click_rate, sales.report_rate) == (1, 100.0, 0.0)
    company = trend.company[drill.pk]
    assert (company.delivered, company.click_rate) == (3, 66.7)


def test_a_department_with_nothing_delivered_has_unknown_rates_not_zero(officer, staff, drill):
    _enter(officer, drill, staff["lin"], Stage.NOT_DELIVERED)
    assert selectors.trend().cells[(drill.pk, "業務部")].click_rate is None


def test_the_list_page_draws_the_trend_as_svg_without_script(officer, staff, drill, login_as):
    earlier = services.create_drill(actor=officer, title="上半年演練", scenario="假冒網購退款",
                                    held_on=drill.held_on - dt.timedelta(days=180))  # fmt: skip
    _enter(officer, earlier, staff["wu"], Stage.CLICKED)
    _enter(officer, drill, staff["wu"], Stage.OPENED)
    page = login_as(officer).get(reverse("drills:list")).content.decode()
    svg = page[page.index('data-testid="drill-chart"') : page.index("</svg>")]
    assert svg.count("<polyline") == 6  # 資訊部 and 全公司 in each of the three panels
    assert "<script" not in svg
    assert "資訊部｜上半年演練：100.0%" in svg


def test_the_list_page_without_results_says_so(officer, login_as):
    page = login_as(officer).get(reverse("drills:list")).content.decode()
    assert "尚無演練結果" in page
    assert 'data-testid="drill-chart"' not in page


def test_an_auditor_reads_the_drills_but_gets_no_forms(make_user, drill, login_as):
    client = login_as(make_user("auditor"))
    assert 'data-testid="drill-form"' not in client.get(reverse("drills:list")).content.decode()
    detail = client.get(reverse("drills:detail", args=[drill.pk])).content.decode()
    assert drill.title in detail
    assert 'data-testid="result-form"' not in detail


def test_staff_cannot_open_the_drill_pages(make_user, drill, login_as):
    assert login_as(make_user("staff")).get(reverse("drills:list")).status_code == 403


def test_the_audit_log_reads_the_remedial_reason_in_the_readers_language(officer, staff, drill):
    from django.utils import translation

    from shouhu.audit.models import AuditEvent
    from shouhu.audit.presenters import change_rows

    _enter(officer, drill, staff["chen"], Stage.SUBMITTED, reported=False)
    event = AuditEvent.objects.get(action="training.assigned")
    with translation.override("en"):
        rows = {r.label: r.after for r in change_rows(event.object_type, event.changes)}
    reasons = [v for v in rows.values() if "remedial training required" in v]
    assert reasons == [
        f"Submitted data in the social-engineering drill “{drill.title}” ({drill.held_on.isoformat()}): "
        "remedial training required"
    ]
    assert "message_key" not in rows
