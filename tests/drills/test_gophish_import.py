"""GoPhish's CSV results export imported into a drill: preview with row errors, matching by e-mail, nothing
written before confirmation, remedial training for submitters, the calendar's drill completed."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouhu.drills.models import Result, Stage
from shouhu.imports import services as imports
from shouhu.imports.models import ImportBatch
from shouhu.law import services as law
from shouhu.law.models import Obligation
from shouhu.training.models import Assignment
from tests.drills.conftest import gophish_csv

pytestmark = pytest.mark.django_db


def _stage(officer, drill, data):
    return imports.stage_import(
        actor=officer,
        kind="drills.gophish",
        filename="results.csv",
        data=data,
        params={"drill": str(drill.pk)},
    )


def test_a_gophish_export_is_matched_by_email_and_nothing_is_written_before_confirming(officer, staff, drill):
    batch = _stage(officer, drill, gophish_csv(
        ("wu@example.com", "Clicked Link", "false"), ("lee@example.com", "Submitted Data", "false"),
        ("chen@example.com", "Email Opened", "true"), ("lin@example.com", "Email Sent", "true"),
    ))  # fmt: skip
    assert batch.error_rows == 0
    assert not Result.objects.exists()
    imports.confirm_import(actor=officer, batch=batch)
    stages = {r.person.name: (r.stage, r.reported, r.department.name) for r in Result.objects.all()}
    assert stages == {
        "吳承翰": (Stage.CLICKED, False, "資訊部"), "李冠廷": (Stage.SUBMITTED, False, "資訊部"),
        "陳怡君": (Stage.OPENED, True, "業務部"), "林雅婷": (Stage.SENT, True, "業務部"),
    }  # fmt: skip


def test_the_ip_address_and_location_columns_are_not_kept(officer, staff, drill):
    batch = _stage(officer, drill, gophish_csv(("wu@example.com", "Clicked Link", "false")))
    assert "ip" not in batch.headers
    assert "203.0.113.7" not in str(batch.rows)
    assert "121.5654" not in str(batch.rows)


def test_unknown_email_bad_status_and_duplicates_are_row_errors_in_zh_tw(officer, staff, drill):
    batch = _stage(officer, drill, gophish_csv(
        ("nobody@example.com", "Clicked Link", "false"), ("wu@example.com", "Phished", "false"),
        ("chen@example.com", "Email Sent", "maybe"), ("chen@example.com", "Email Sent", "false"),
    ))  # fmt: skip
    errors = {r["row"]: r["errors"] for r in batch.rows}
    assert "找不到電子郵件為 nobody@example.com 的人員" in errors[2]["email"][0]
    assert "無法辨識的狀態「Phished」" in errors[3]["status"][0]
    assert errors[4]["reported"] == ["reported 須為 true 或 false。"]
    assert errors[5]["email"] == ["與第 4 列的電子郵件重複。"]


def test_people_who_submitted_data_are_assigned_remedial_phishing_training(officer, staff, drill):
    batch = _stage(officer, drill, gophish_csv(
        ("wu@example.com", "Clicked Link", "false"), ("lee@example.com", "Submitted Data", "false"),
    ))  # fmt: skip
    imports.confirm_import(actor=officer, batch=batch)
    assigned = Assignment.objects.get()
    assert (assigned.person, assigned.topic) == (staff["lee"], "phishing")
    assert drill.title in assigned.reason


def test_importing_results_completes_the_six_monthly_drill_on_the_calendar(officer, staff, drill):
    law.sync_calendar(actor=officer)
    batch = _stage(officer, drill, gophish_csv(("wu@example.com", "Email Opened", "true")))
    imports.confirm_import(actor=officer, batch=batch)
    obligation = Obligation.objects.get(key="phishing-drill")
    assert obligation.last_done_on == drill.held_on
    assert "社交工程演練「115年下半年社交工程演練」" in obligation.completions.get().note


def test_reimporting_a_later_export_updates_the_results_without_duplicates(officer, staff, drill):
    first = _stage(officer, drill, gophish_csv(("wu@example.com", "Email Opened", "false")))
    imports.confirm_import(actor=officer, batch=first)
    second = _stage(officer, drill, gophish_csv(("wu@example.com", "Clicked Link", "true")))
    done = imports.confirm_import(actor=officer, batch=second)
    assert (done.result["created"], done.result["updated"]) == (0, 1)
    assert list(Result.objects.values_list("stage", "reported")) == [(Stage.CLICKED, True)]


def test_an_import_into_an_unknown_drill_is_refused(officer):
    with pytest.raises(ValidationError, match="找不到要匯入結果的演練"):
        _stage(officer, type("D", (), {"pk": 999})(), gophish_csv(("wu@example.com", "Email Sent", "false")))


def test_staff_cannot_import_drill_results(make_user, staff, drill):
    with pytest.raises(PermissionDenied):
        _stage(make_user("staff"), drill, gophish_csv(("wu@example.com", "Email Sent", "false")))
    assert not ImportBatch.objects.exists()


def test_row_errors_uploaded_in_chinese_read_in_english(officer, staff, drill):
    from django.utils import translation

    from shouhu.core.importing.reader import shown

    batch = _stage(officer, drill, gophish_csv(
        ("wu@example.com", "Phished", "false"), ("chen@example.com", "Email Sent", "maybe"),
        ("chen@example.com", "Email Sent", "false"),
    ))  # fmt: skip
    with translation.override("en"):
        read = {r["row"]: shown(r["errors"], r.get("error_keys")) for r in batch.rows}
    assert read[2]["status"][0].startswith("Unrecognised status “Phished”")
    assert read[3] == {"reported": ["reported must be true or false."]}
    assert read[4] == {"email": ["Same e-mail address as row 3."]}
