"""GoPhish's CSV results export as an import into one drill (kind ``drills.gophish``, ``?drill=<id>``).

GoPhish (campaign → Results → Export CSV) writes one row per recipient with the columns
``id,status,ip,latitude,longitude,send_date,reported,modified_date,email,first_name,last_name,position``.
``status`` is the furthest stage the recipient reached (Email Sent, Email Opened, Clicked Link, Submitted
Data; Scheduled / Queued / Sending / Retrying / Unknown / Error when the mail was not delivered) and
``reported`` is true when they reported the mail. People are matched by e-mail. The IP address and location
columns are not read at all (not needed, and personal data).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from shouhu.core.importing.base import Params, Progress, add_error, register
from shouhu.core.importing.reader import Row
from shouhu.core.messages import Message, compose, define
from shouhu.drills.models import Drill, Source, Stage
from shouhu.organization import selectors as organization

KIND = "drills.gophish"

STATUS = {
    "email sent": Stage.SENT,
    "email opened": Stage.OPENED,
    "clicked link": Stage.CLICKED,
    "submitted data": Stage.SUBMITTED,
    # GoPhish's campaign timeline calls a report "Email Reported"; a result row keeps the stage reached and
    # says reported=true, but accept the event name too (the mail was delivered and reported)
    "email reported": Stage.SENT,
    "scheduled": Stage.NOT_DELIVERED,
    "queued": Stage.NOT_DELIVERED,
    "sending": Stage.NOT_DELIVERED,
    "retrying": Stage.NOT_DELIVERED,
    "unknown": Stage.NOT_DELIVERED,
    "error": Stage.NOT_DELIVERED,
    "error sending email": Stage.NOT_DELIVERED,
}
TRUE, FALSE = {"true", "1", "yes", "是"}, {"false", "0", "no", "否"}

# Row errors, stored as messages so the preview reads in the language of whoever opens it.
FROM_DRILL = define("drills.import.from_drill", N_("請從演練頁面匯入結果。"))
NOT_YET = define("drills.import.not_yet", N_("演練日期尚未到，不能匯入結果。"))
NO_EMAIL = define("drills.import.no_email", N_("缺少電子郵件。"))
SAME_EMAIL = define("drills.import.same_email", N_("與第 {row} 列的電子郵件重複。"))
UNKNOWN_PERSON = define(
    "drills.import.unknown_person",
    N_("找不到電子郵件為 {email} 的人員；請先於組織人員登錄其電子郵件，或修正此欄。"),
)
SHARED_EMAIL = define(
    "drills.import.shared_email", N_("有多位人員使用電子郵件 {email}；請先於組織人員修正。")
)
UNKNOWN_STATUS = define(
    "drills.import.unknown_status",
    N_(
        "無法辨識的狀態「{status}」；GoPhish 的狀態為 Email Sent、Email Opened、Clicked Link、"
        "Submitted Data 等。"
    ),
)
NOT_TRUE_FALSE = define("drills.import.not_true_false", N_("reported 須為 true 或 false。"))


@dataclass(frozen=True)
class Parsed:
    person_id: int
    stage: str
    reported: bool | None


class GoPhishSpec:
    kind = KIND
    title: Any = gettext_lazy("GoPhish 演練結果")
    permission = "drills.manage"
    list_url = "drills:list"
    columns: Sequence[str] = (
        "id", "status", "send_date", "reported", "modified_date", "email", "first_name", "last_name", "position",
    )  # fmt: skip
    required: Sequence[str] = ("status", "email")
    english = dict(zip(columns, columns, strict=True))  # GoPhish's own headers are English
    example = {
        "id": "a1B2c3D", "status": "Clicked Link", "send_date": "2026-11-02T09:00:00Z", "reported": "false",
        "modified_date": "2026-11-02T09:12:00Z", "email": "someone@example.com", "first_name": "小明",
        "last_name": "王", "position": "工程師",
    }  # fmt: skip

    def params_from(self, args: Params, *, actor: Any) -> dict[str, Any]:
        raw = str(args.get("drill", ""))
        drill = Drill.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
        if drill is None:
            raise ValidationError(_("找不到要匯入結果的演練。"))
        return {"drill_id": drill.pk}

    @staticmethod
    def _drill(params: Params) -> Drill | None:
        return Drill.objects.filter(pk=int(params.get("drill_id") or 0)).first()

    def back_url(self, params: Params) -> str:
        if params.get("drill_id"):
            return reverse("drills:detail", args=[params["drill_id"]])
        return reverse(self.list_url)

    def heading(self, params: Params) -> str:
        drill = self._drill(params)
        return (
            _("{title}（{drill}）").format(title=self.title, drill=drill.title) if drill else str(self.title)
        )

    def validate(self, rows: list[Row], *, actor: Any, params: Params) -> list[Any]:
        drill = self._drill(params)
        problem: Message | None = None
        if drill is None:
            problem = compose(FROM_DRILL)
        elif drill.held_on > timezone.localdate():
            problem = compose(NOT_YET)
        if problem:
            for row in rows:
                add_error(row, "status", problem)
            return [None] * len(rows)
        emails = {row.values.get("email", "").strip().casefold() for row in rows}
        people: dict[str, list[Any]] = {}
        for p in organization.people(active=None).exclude(email=""):
            if p.email.strip().casefold() in emails:
                people.setdefault(p.email.strip().casefold(), []).append(p)
        seen: dict[str, int] = {}
        return [self._row(row, people, seen) for row in rows]

    def _row(self, row: Row, people: dict[str, list[Any]], seen: dict[str, int]) -> Parsed | None:
        email = row.values.get("email", "").strip()
        status = row.values.get("status", "").strip()
        reported = row.values.get("reported", "").strip().casefold()
        key = email.casefold()
        person = None
        if not email:
            add_error(row, "email", compose(NO_EMAIL))
        elif key in seen:
            add_error(row, "email", compose(SAME_EMAIL, row=seen[key]))
        elif not people.get(key):
            add_error(row, "email", compose(UNKNOWN_PERSON, email=email))
        elif len(people[key]) > 1:
            add_error(row, "email", compose(SHARED_EMAIL, email=email))
        else:
            person = people[key][0]
        if key and key not in seen:
            seen[key] = row.number
        stage = STATUS.get(status.casefold())
        if stage is None:
            add_error(row, "status", compose(UNKNOWN_STATUS, status=status))
        flag: bool | None = None
        if reported in TRUE:
            flag = True
        elif reported in FALSE:
            flag = False
        elif reported:
            add_error(row, "reported", compose(NOT_TRUE_FALSE))
        if status.casefold() == "email reported":
            flag = True
        if row.errors or person is None or stage is None:
            return None
        return Parsed(person.pk, stage, flag)

    def commit(self, records: list[Any], *, actor: Any, progress: Progress, params: Params) -> dict[str, Any]:
        from shouhu.drills.services import Entry, record_results

        drill = self._drill(params)
        if drill is None:  # validate refused every row then; nothing to write
            return {"created": 0, "updated": 0, "created_ids": [], "updated_ids": []}
        progress(0, len(records), _("寫入演練結果"))
        done = record_results(
            actor=actor, drill=drill, source=Source.GOPHISH, check_perm=False,
            entries=[Entry(r.person_id, r.stage, r.reported) for r in records],
        )  # fmt: skip
        progress(len(records), len(records), _("完成"))
        return {**done, "unchanged": len(records) - done["created"] - done["updated"]}


register(GoPhishSpec())
