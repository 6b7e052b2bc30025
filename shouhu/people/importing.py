"""Import spec for an access review's account list: the CSV or XLSX a system exports, one row per account.
Each upload goes into one open review (``?review=<id>``, kept as the batch's params); nothing is written
before confirmation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.translation import gettext as _

from shouhu.core.importing import fields as f
from shouhu.core.importing.base import Params, Progress, cell, register
from shouhu.core.importing.reader import Row
from shouhu.people.models import Review, ReviewState
from shouhu.people.services import AccountRow, add_accounts

COLUMNS: dict[str, str] = {
    "帳號": "username",
    "姓名": "display_name",
    "電子郵件": "email",
    "員工編號": "employee_no",
    "權限": "privileges",
    "最近登入": "last_login",
}
LIMITS = {"username": 200, "display_name": 200, "email": 254, "employee_no": 30, "privileges": 500}


def _review(params: Params) -> Review:
    raw = str(params.get("review_id", ""))
    review = Review.objects.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 19 else None
    if review is None:
        raise ValidationError(_("找不到此存取權限審查。"))
    if review.state != ReviewState.OPEN:
        raise ValidationError(_("此審查已結案，不能再匯入帳號。"))
    return review


class AccountsSpec:
    kind = "people.accounts"
    title = "受審帳號清單"
    permission = "people.manage"
    list_url = "people:review"
    columns = tuple(COLUMNS)
    required = ("帳號",)
    example = {"帳號": "wu.ch", "姓名": "吳承翰", "電子郵件": "wu@example.tw", "員工編號": "E001",
               "權限": "admin", "最近登入": "2026-11-20"}  # fmt: skip

    def params_from(self, args: Params, *, actor: Any) -> dict[str, Any]:
        return {"review_id": _review({"review_id": args.get("review", "")}).pk}

    def back_url(self, params: Params) -> str:
        if "review_id" in params:
            return reverse(self.list_url, args=[params["review_id"]])
        return reverse("people:reviews")

    def heading(self, params: Params) -> str:
        review = Review.objects.filter(pk=int(params.get("review_id") or 0)).first()
        return f"{self.title}：{review.title}" if review else self.title

    def validate(self, rows: list[Row], *, actor: Any, params: Params) -> list[Any]:
        _review(params)
        seen: dict[str, int] = {}
        out: list[AccountRow | None] = []
        for row in rows:
            values = {field: row.values.get(header, "").strip() for header, field in COLUMNS.items()}
            if not values["username"]:
                row.errors.setdefault("帳號", []).append(_("缺少帳號。"))
            first = seen.setdefault(values["username"].casefold(), row.number)
            if values["username"] and first != row.number:
                row.errors.setdefault("帳號", []).append(_("與第 {row} 列的帳號重複。").format(row=first))
            for field, limit in LIMITS.items():
                if len(values[field]) > limit:
                    header = next(h for h, v in COLUMNS.items() if v == field)
                    row.errors.setdefault(header, []).append(_("最多 {limit} 字。").format(limit=limit))
            if values["email"]:
                try:
                    validate_email(values["email"])
                except ValidationError:
                    row.errors.setdefault("電子郵件", []).append(_("電子郵件格式不正確。"))
            last_login = cell(row, "最近登入", f.date)
            if row.errors:
                out.append(None)
                continue
            out.append(AccountRow(**{**{k: v for k, v in values.items() if k != "last_login"},
                                     "last_login": last_login}))  # fmt: skip
        return out

    def commit(self, records: list[Any], *, actor: Any, progress: Progress, params: Params) -> dict[str, Any]:
        result = add_accounts(actor=actor, review=_review(params), rows=records)
        progress(len(records), len(records), "")
        return result


register(AccountsSpec())
