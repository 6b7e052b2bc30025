"""Import spec: one session's attendance and quiz results from Excel/CSV (UTF-8 or Big5).

People are matched by 員工編號 or 電子郵件 (the name is checked against the match). A blank 出席 or 測驗分數
keeps what is recorded (unknown is not "absent"); nothing is written before the preview is confirmed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from shouhu.audit.services import record
from shouhu.core.importing.base import Params, Progress, add_error, register
from shouhu.core.importing.fields import CellError
from shouhu.core.importing.reader import Row
from shouhu.core.messages import compose, define
from shouhu.organization.models import Person
from shouhu.training.models import Attendance, Session

PRESENT = {"是", "出席", "到", "已出席", "v", "✓", "✔", "y", "yes", "1", "true", "o", "○",
           "present", "attended"}  # fmt: skip
ABSENT = {"否", "缺席", "未出席", "請假", "x", "✗", "n", "no", "0", "false", "absent"}
# Each column's English header: shown on English pages and accepted on upload (zh-TW stays the default).
ENGLISH: dict[str, str] = {
    "員工編號": "Employee number",
    "電子郵件": "Email",
    "姓名": "Name",
    "出席": "Attended",
    "測驗分數": "Test score",
}

# Row errors, stored as messages so the preview reads in the language of whoever opens it.
NOT_ATTENDANCE = define(
    "training.import.not_attendance", N_("「{value}」不是「出席」或「缺席」（留白表示不變更）。")
)
NOT_SCORE = define("training.import.not_score", N_("「{value}」不是分數。"))
SCORE_RANGE = define("training.import.score_range", N_("「{value}」須為 0 至 100 的整數。"))
NO_MATCH_KEY = define("training.import.no_match_key", N_("請填寫員工編號或電子郵件，以比對人員。"))
NO_NUMBER = define("training.import.no_number", N_("找不到員工編號「{number}」。"))
NO_EMAIL = define("training.import.no_email", N_("找不到電子郵件「{email}」。"))
OTHER_EMAIL = define(
    "training.import.other_email", N_("電子郵件屬於「{other}」，與員工編號「{number}」的「{person}」不符。")
)
OTHER_NAME = define("training.import.other_name", N_("姓名與比對到的人員「{person}」不符。"))
SAME_PERSON = define("training.import.same_person", N_("與第 {row} 列為同一人。"))
ABSENT_SCORE = define("training.import.absent_score", N_("缺席者不應有測驗分數。"))
NOTHING = define("training.import.nothing", N_("出席與測驗分數皆空白，此列沒有可匯入的內容。"))


def _attended(value: str) -> bool | None:
    v = value.strip().casefold()
    if not v:
        return None
    if v in PRESENT:
        return True
    if v in ABSENT:
        return False
    raise CellError(compose(NOT_ATTENDANCE, value=value))


def _score(value: str) -> int | None:
    v = value.strip()
    if not v:
        return None
    try:
        number = float(v)
    except ValueError:
        raise CellError(compose(NOT_SCORE, value=value)) from None
    if not number.is_integer() or not 0 <= number <= 100:
        raise CellError(compose(SCORE_RANGE, value=value))
    return int(number)


class AttendanceSpec:
    kind = "training.attendance"
    title = gettext_lazy("出席及測驗成績")
    permission = "training.manage"
    list_url = "training:list"
    columns = ("員工編號", "電子郵件", "姓名", "出席", "測驗分數")
    required = ("姓名",)
    english = ENGLISH
    example = {
        "員工編號": "E0001",
        "電子郵件": "wang@example.com",
        "姓名": "王小明",
        "出席": "出席",
        "測驗分數": "90",
    }

    def params_from(self, args: Params, *, actor: Any) -> dict[str, Any]:
        raw = str(args.get("session", ""))
        session = Session.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
        if session is None:
            raise ValidationError(_("找不到要匯入出席紀錄的課程。"))
        return {"session_id": session.pk}

    def back_url(self, params: Params) -> str:
        if "session_id" in params:
            return reverse("training:detail", args=[params["session_id"]])
        return reverse(self.list_url)

    def heading(self, params: Params) -> str:
        session = Session.objects.filter(pk=int(params.get("session_id") or 0)).first()
        return (
            _("{title}：{name}").format(title=self.title, name=session.title) if session else str(self.title)
        )

    def validate(self, rows: list[Row], *, actor: Any, params: Params) -> list[Any]:
        by_no: dict[str, Person] = {}
        by_email: dict[str, Person] = {}
        for someone in Person.objects.all():
            if someone.employee_no:
                by_no[someone.employee_no.strip().casefold()] = someone
            if someone.email:
                by_email[someone.email.strip().casefold()] = someone
        seen: dict[int, int] = {}
        out: list[Any] = []
        for row in rows:
            v = row.values
            number, email, name = v.get("員工編號", ""), v.get("電子郵件", ""), v.get("姓名", "")
            person: Person | None = None
            if not number and not email:
                add_error(row, "員工編號", compose(NO_MATCH_KEY))
            if number:
                person = by_no.get(number.casefold())
                if person is None:
                    add_error(row, "員工編號", compose(NO_NUMBER, number=number))
            if email:
                other = by_email.get(email.casefold())
                if other is None:
                    add_error(row, "電子郵件", compose(NO_EMAIL, email=email))
                elif person is not None and other.pk != person.pk:
                    add_error(row, "電子郵件",
                              compose(OTHER_EMAIL, other=other.name, number=number, person=person.name))  # fmt: skip
                person = person or other
            if person is not None and name and name.replace(" ", "") != person.name.replace(" ", ""):
                add_error(row, "姓名", compose(OTHER_NAME, person=person.name))
            if person is not None and not row.errors:
                if person.pk in seen:
                    add_error(row, "姓名", compose(SAME_PERSON, row=seen[person.pk]))
                seen.setdefault(person.pk, row.number)
            attended = score = None
            try:
                attended = _attended(v.get("出席", ""))
            except CellError as exc:
                add_error(row, "出席", exc.message)
            try:
                score = _score(v.get("測驗分數", ""))
            except CellError as exc:
                add_error(row, "測驗分數", exc.message)
            if attended is False and score is not None:
                add_error(row, "測驗分數", compose(ABSENT_SCORE))
            if (
                attended is None
                and score is None
                and "出席" not in row.errors
                and "測驗分數" not in row.errors
            ):
                add_error(row, "出席", compose(NOTHING))
            out.append(None if row.errors or person is None else (person.pk, attended, score))
        return out

    def commit(self, records: list[Any], *, actor: Any, progress: Progress, params: Params) -> dict[str, Any]:
        """Create and update the rows in bulk; one audit entry holds every row's old and new values."""
        session = Session.objects.select_for_update().get(pk=params["session_id"])
        existing = {a.person_id: a for a in Attendance.objects.filter(session=session)}
        new: list[Attendance] = []
        changed: list[Attendance] = []
        rows: list[list[Any]] = []  # [person, attended before, after, score before, after]
        unchanged = 0
        for person_id, attended, score in records:
            row = existing.get(person_id)
            if row is None:
                row = Attendance(session=session, person_id=person_id, attended=attended, score=score)
                new.append(row)
                rows.append([person_id, None, attended, None, score])
                continue
            before = (row.attended, row.score)
            row.attended = attended if attended is not None else row.attended
            row.score = score if score is not None else row.score
            if (row.attended, row.score) == before:
                unchanged += 1
                continue
            changed.append(row)
            rows.append([person_id, before[0], row.attended, before[1], row.score])
        with transaction.atomic():
            Attendance.objects.bulk_create(new, batch_size=500)
            Attendance.objects.bulk_update(changed, ["attended", "score"], batch_size=500)
            if rows:
                record(
                    actor=actor,
                    action="training.attendance_imported",
                    obj=session,
                    changes={"rows": [None, rows], "columns": [None, ["person", "attended", "attended_new",
                                                                         "score", "score_new"]]},
                )  # fmt: skip
        progress(len(records), len(records), "")
        created_ids = list(
            Attendance.objects.filter(session=session, person_id__in=[r.person_id for r in new]).values_list(
                "pk", flat=True
            )
        )
        return {"created": len(new), "updated": len(changed), "unchanged": unchanged,
                "created_ids": created_ids, "updated_ids": [r.pk for r in changed]}  # fmt: skip


register(AttendanceSpec())
