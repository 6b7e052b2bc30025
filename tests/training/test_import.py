"""Attendance and quiz results imported from Excel/CSV: matched by 員工編號 or e-mail, previewed, confirmed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import Workbook

from shouhu.audit.models import AuditEvent
from shouhu.imports import services as imports
from shouhu.training import selectors, services
from shouhu.training.models import Attendance
from tests.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user("pd_officer", username="officer")


@pytest.fixture
def people(db):
    it = DepartmentFactory(name="資訊部")
    return [
        PersonFactory(name="吳承翰", employee_no="E001", email="wu@example.com", department=it),
        PersonFactory(name="李冠廷", employee_no="E002", email="li@example.com", department=it),
        PersonFactory(name="陳怡君", employee_no="E003", email="chen@example.com", department=it),
    ]


@pytest.fixture
def session(officer, people):
    return services.create_session(
        actor=officer, title="年度個資保護教育訓練", topics=["law"], held_on=timezone.localdate(),
        hours=Decimal("3"), trainer="外部講師", audience="全體員工", people=people[:1],
    )  # fmt: skip


def _csv(lines: list[str], encoding: str = "cp950") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def _stage(officer, session, data: bytes, name: str = "attendance.csv"):
    return imports.stage_import(actor=officer, kind="training.attendance", filename=name, data=data,
                                params={"session": str(session.pk)})  # fmt: skip


def _errors(batch, row):
    return next(r["errors"] for r in batch.rows if r["row"] == row)


def test_a_big5_csv_matched_by_number_and_email_is_written_only_on_confirmation(officer, session, people):
    data = _csv(
        ["員工編號,電子郵件,姓名,出席,測驗分數", "E001,,吳承翰,出席,90", ",li@example.com,李冠廷,缺席,"]
    )
    batch = _stage(officer, session, data)
    assert (batch.encoding, batch.error_rows) == ("Big5", 0)
    assert not Attendance.objects.filter(person=people[1]).exists()
    assert Attendance.objects.get(person=people[0]).attended is None  # invited, not yet recorded
    batch = imports.confirm_import(actor=officer, batch=batch)
    assert (batch.result["created"], batch.result["updated"]) == (1, 1)
    rows = {a.person_id: (a.attended, a.score) for a in selectors.attendance(session)}
    assert rows == {people[0].pk: (True, 90), people[1].pk: (False, None)}
    event = AuditEvent.objects.get(action="training.attendance_imported")
    assert sorted(event.changes["rows"][1]) == sorted(
        [[people[0].pk, None, True, None, 90], [people[1].pk, None, False, None, None]]
    )


def test_blank_attendance_keeps_what_is_recorded(officer, session, people):
    services.record_attendance(actor=officer, session=session, person=people[0], attended=True)
    data = _csv(["員工編號,姓名,出席,測驗分數", "E001,吳承翰,,75"], "utf-8")
    batch = imports.confirm_import(actor=officer, batch=_stage(officer, session, data))
    assert batch.result["updated"] == 1
    row = Attendance.objects.get(session=session, person=people[0])
    assert (row.attended, row.score) == (True, 75)


def test_rows_that_cannot_be_matched_get_zh_tw_errors_by_column(officer, session, people):
    data = _csv([
        "員工編號,電子郵件,姓名,出席,測驗分數",
        "E999,,某人,出席,80",
        "E001,li@example.com,吳承翰,出席,80",
        "E003,,王大明,出席,80",
        ",,陳怡君,出席,",
        "E002,,李冠廷,也許,101",
        "E003,,陳怡君,缺席,60",
    ])  # fmt: skip
    batch = _stage(officer, session, data)
    assert _errors(batch, 2) == {"員工編號": ["找不到員工編號「E999」。"]}
    assert _errors(batch, 3) == {"電子郵件": ["電子郵件屬於「李冠廷」，與員工編號「E001」的「吳承翰」不符。"]}
    assert _errors(batch, 4) == {"姓名": ["姓名與比對到的人員「陳怡君」不符。"]}
    assert _errors(batch, 5) == {"員工編號": ["請填寫員工編號或電子郵件，以比對人員。"]}
    assert _errors(batch, 6) == {
        "出席": ["「也許」不是「出席」或「缺席」（留白表示不變更）。"],
        "測驗分數": ["「101」須為 0 至 100 的整數。"],
    }
    assert _errors(batch, 7) == {"測驗分數": ["缺席者不應有測驗分數。"]}
    with pytest.raises(ValidationError, match="仍有 6 列有錯誤"):
        imports.confirm_import(actor=officer, batch=batch)
    assert Attendance.objects.count() == 1


def test_the_same_person_twice_is_an_error_on_the_second_row(officer, session):
    data = _csv(["員工編號,姓名,出席", "E001,吳承翰,出席", "E001,吳承翰,缺席"], "utf-8")
    assert _errors(_stage(officer, session, data), 3) == {"姓名": ["與第 2 列為同一人。"]}


def test_an_xlsx_with_a_title_row_imports(officer, session, people):
    book = Workbook()
    sheet = book.active
    sheet.append(["年度個資保護教育訓練 簽到表"])
    sheet.append(["員工編號", "姓名", "出席", "測驗分數"])
    sheet.append(["E003", "陳怡君", "是", 88])
    import io

    buffer = io.BytesIO()
    book.save(buffer)
    batch = imports.confirm_import(actor=officer, batch=_stage(officer, session, buffer.getvalue(), "a.xlsx"))
    assert batch.result["created"] == 1
    assert Attendance.objects.get(person=people[2]).score == 88


def test_an_unknown_session_is_refused(officer, session):
    with pytest.raises(ValidationError, match="找不到要匯入出席紀錄的課程"):
        imports.stage_import(actor=officer, kind="training.attendance", filename="a.csv",
                             data=_csv(["員工編號,姓名,出席", "E001,吳承翰,出席"]), params={"session": "999999"})  # fmt: skip


def test_importing_needs_training_manage(make_user, session):
    from django.core.exceptions import PermissionDenied

    staff = make_user("staff", username="staff")
    with pytest.raises(PermissionDenied):
        _stage(staff, session, _csv(["員工編號,姓名,出席", "E001,吳承翰,出席"]))


def test_attendance_imported_then_held_completes_the_yearly_topic(officer, session, people):
    from shouhu.training.services import mark_held

    data = _csv(["員工編號,姓名,出席", "E001,吳承翰,出席"])
    imports.confirm_import(actor=officer, batch=_stage(officer, session, data))
    mark_held(actor=officer, session=session)
    items = selectors.due_trainings([people[0]], on=timezone.localdate() + dt.timedelta(days=1))[people[0].pk]
    assert next(i for i in items if i.topic == "law" and i.kind == "yearly").state == "done"


def test_the_upload_page_for_an_unknown_session_is_not_found(officer, login_as, session):
    web = login_as(officer)
    assert web.get(f"/imports/training.attendance/?session={session.pk}").status_code == 200
    assert web.get("/imports/training.attendance/?session=999999").status_code == 404
    assert web.get("/imports/training.attendance/").status_code == 404


def test_row_errors_uploaded_in_chinese_read_in_english(officer, session, people):
    from django.utils import translation

    from shouhu.core.importing.reader import shown

    data = _csv(
        ["員工編號,電子郵件,姓名,出席,測驗分數", "E999,,某人,出席,80", "E001,li@example.com,吳承翰,出席,80"]
    )
    batch = _stage(officer, session, data)
    with translation.override("en"):
        read = {r["row"]: shown(r["errors"], r.get("error_keys")) for r in batch.rows}
    assert read[2] == {"員工編號": ["Employee number “E999” not found."]}
    assert read[3] == {
        "電子郵件": ["The e-mail address belongs to “李冠廷”, not to “吳承翰” of employee number “E001”."]
    }
