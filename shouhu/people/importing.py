"""Import spec for an access review's account list: the CSV or XLSX a system exports, one row per account.
Each upload goes into one open review (``?review=<id>``, kept as the batch's params); nothing is written
before confirmation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from shouhu.core.importing import fields as f
from shouhu.core.importing.base import Params, Progress, add_error, register
from shouhu.core.importing.reader import Row
from shouhu.core.messages import compose, define
from shouhu.people.models import Review, ReviewState
from shouhu.people.services import AccountRow, add_accounts

COLUMNS: dict[str, str] = {
    "帳號": "username",
    "姓名": "display_name",
    "電子郵件": "email",
    "員工編號": "employee_no",
    "權限": "privileges",
    "最近登入": "last_login",
    "帳號狀態": "status",
    "已停用": "disabled",
    "名字": "given_name",
    "姓氏": "surname",
}
# Each column's English header: shown on English pages, the English template's header, and accepted on
# upload ahead of the export aliases below.
ENGLISH: dict[str, str] = {
    "帳號": "Username",
    "姓名": "Display name",
    "電子郵件": "Email",
    "員工編號": "Employee ID",
    "權限": "Privileges",
    "最近登入": "Last login",
    "帳號狀態": "Account status",
    "已停用": "Disabled",
    "名字": "First name",
    "姓氏": "Last name",
}
LIMITS = {"username": 200, "display_name": 200, "email": 254, "employee_no": 30, "privileges": 500}

# English headers of real exports, compared without case, spaces, ``_ - .`` or a trailing ``[…]``:
# Microsoft Entra ID (Azure AD) 「下載使用者」 CSV: userPrincipalName, displayName, givenName, surname, mail,
#   accountEnabled; on-premises AD (Get-ADUser | Export-Csv): SamAccountName, Enabled, LastLogonDate;
# Google Workspace 「下載使用者」 CSV: First Name [Required], Last Name [Required], Email Address [Required],
#   Status [READ ONLY], Last Sign In [READ ONLY], Employee ID; a generic Linux listing: login, name, groups,
#   last login, status. A column is taken under its own name first, then under its first alias present:
#   "email address" names the account only in a file without a username column (Google's login is the
#   e-mail address), and then the e-mail is taken from it too.
ALIASES: dict[str, tuple[str, ...]] = {
    "帳號": (
        "username",
        "user name",
        "user",
        "login",
        "login name",
        "account",
        "account name",
        "user id",
        "userPrincipalName",
        "SamAccountName",
        "uid",
        "email address",
        "primary email",
        "email",
    ),
    "姓名": ("display name", "name", "full name", "gecos", "cn"),
    "電子郵件": ("email", "e-mail", "mail", "email address", "primary email", "emailaddress"),
    "員工編號": ("employee id", "employee number", "employee no", "staff id", "employeeId"),
    "權限": (
        "roles",
        "role",
        "privileges",
        "privilege",
        "permissions",
        "permission",
        "groups",
        "group",
        "memberOf",
        "admin roles",
        "supp groups",
    ),
    "最近登入": (
        "last login",
        "last sign in",
        "last signin",
        "lastSignInDateTime",
        "last logon",
        "LastLogonDate",
        "last login time",
        "last activity",
    ),
    "帳號狀態": ("status", "enabled", "accountEnabled", "account enabled", "active", "account status"),
    "已停用": ("disabled", "locked", "suspended", "account disabled", "pwd lock"),
    "名字": ("first name", "given name", "givenName", "firstname"),
    "姓氏": ("last name", "surname", "family name", "sn", "lastname"),
}
ENABLED = {"true", "yes", "y", "1", "active", "enabled", "enable", "ok", "normal", "unlocked",
           "是", "啟用", "正常", "有效", "使用中"}  # fmt: skip
DISABLED = {"false", "no", "n", "0", "suspended", "disabled", "disable", "inactive", "locked", "expired",
            "archived", "deleted", "否", "停用", "已停用", "鎖定", "凍結", "失效"}  # fmt: skip
NEVER = {"never", "never logged in", "never signed in", "從未登入", "無", "n/a", "-", "—"}
CJK = re.compile(r"[\u3400-\u9fff]")

# Row errors, stored as messages so the preview reads in the language of whoever opens it.
UNKNOWN_STATUS = define(
    "people.import.unknown_status",
    N_("看不懂帳號狀態「{value}」；請填啟用／停用（或 Active、Suspended、True、False）。"),
)
FUTURE_LOGIN = define("people.import.future_login", N_("最近登入不可晚於今天。"))
NO_USERNAME = define("people.import.no_username", N_("缺少帳號。"))
SAME_USERNAME = define("people.import.same_username", N_("與第 {row} 列的帳號重複。"))
TOO_LONG = define("people.import.too_long", N_("最多 {limit} 字。"))
BAD_EMAIL = define("people.import.bad_email", N_("電子郵件格式不正確。"))
CONTRADICTS = define("people.import.contradicts", N_("與帳號狀態欄矛盾。"))


def _flag(value: str, header: str, row: Row) -> bool | None:
    """An account status as True (enabled) / False (disabled) / None (blank): unknown words are row errors,
    never guessed."""
    v = value.strip().casefold()
    if not v:
        return None
    if v in ENABLED:
        return True
    if v in DISABLED:
        return False
    add_error(row, header, compose(UNKNOWN_STATUS, value=value))
    return None


def _last_login(value: str, row: Row) -> dt.date | None:
    """A last-login date as exports write it: ISO dates and times (``2026-11-20T01:15:33Z``, taken as the
    Taipei date), ``2026/11/20 09:15:33``, ROC dates, or a "never" word (no date)."""
    v = value.strip()
    if not v or v.casefold() in NEVER:
        return None
    iso = v.replace("/", "-") if re.match(r"^\d{4}/\d{1,2}/\d{1,2}", v) else v
    iso = re.sub(r"^(\d{4})-(\d{1,2})-(\d{1,2})", lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", iso)
    if re.match(r"^\d{4}-\d{2}-\d{2}[ T]\d", iso):
        try:
            stamp = dt.datetime.fromisoformat(iso)
        except ValueError:
            stamp = None
        if stamp is not None:
            day = timezone.localdate(stamp) if timezone.is_aware(stamp) else stamp.date()
            if day > timezone.localdate():
                add_error(row, "最近登入", compose(FUTURE_LOGIN))
                return None
            return day
    try:
        return f.date(iso if re.match(r"^\d{4}-\d{2}-\d{2}$", iso) else v)
    except f.CellError as exc:
        add_error(row, "最近登入", exc.message)
        return None


def _display_name(values: dict[str, str]) -> str:
    if values["display_name"]:
        return values["display_name"]
    given, surname = values["given_name"], values["surname"]
    if CJK.search(given + surname):
        return f"{surname}{given}"
    return " ".join(p for p in (given, surname) if p)


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
    title = gettext_lazy("受審帳號清單")
    permission = "people.manage"
    list_url = "people:review"
    columns = tuple(COLUMNS)
    required = ("帳號",)
    aliases = ALIASES
    english = ENGLISH
    example = {"帳號": "wu.ch", "姓名": "吳承翰", "電子郵件": "wu@example.tw", "員工編號": "E001",
               "權限": "admin", "最近登入": "2026-11-20", "帳號狀態": "啟用"}  # fmt: skip

    def params_from(self, args: Params, *, actor: Any) -> dict[str, Any]:
        return {"review_id": _review({"review_id": args.get("review", "")}).pk}

    def back_url(self, params: Params) -> str:
        if "review_id" in params:
            return reverse(self.list_url, args=[params["review_id"]])
        return reverse("people:reviews")

    def heading(self, params: Params) -> str:
        review = Review.objects.filter(pk=int(params.get("review_id") or 0)).first()
        return _("{title}：{name}").format(title=self.title, name=review.title) if review else str(self.title)

    def validate(self, rows: list[Row], *, actor: Any, params: Params) -> list[Any]:
        _review(params)
        seen: dict[str, int] = {}
        out: list[AccountRow | None] = []
        for row in rows:
            values = {field: row.values.get(header, "").strip() for header, field in COLUMNS.items()}
            if values["email"] == "" and "@" in values["username"] and "電子郵件" not in row.values:
                values["email"] = values["username"]  # Google Workspace: the login is the e-mail address
            values["display_name"] = _display_name(values)
            if not values["username"]:
                add_error(row, "帳號", compose(NO_USERNAME))
            first = seen.setdefault(values["username"].casefold(), row.number)
            if values["username"] and first != row.number:
                add_error(row, "帳號", compose(SAME_USERNAME, row=first))
            for field, limit in LIMITS.items():
                if len(values[field]) > limit:
                    header = next(h for h, v in COLUMNS.items() if v == field)
                    add_error(row, header, compose(TOO_LONG, limit=limit))
            if values["email"]:
                try:
                    validate_email(values["email"])
                except ValidationError:
                    add_error(row, "電子郵件", compose(BAD_EMAIL))
            last_login = _last_login(values["last_login"], row)
            enabled = _flag(values["status"], "帳號狀態", row)
            disabled = _flag(values["disabled"], "已停用", row)
            if disabled is not None:
                if enabled is not None and enabled == disabled:
                    add_error(row, "已停用", compose(CONTRADICTS))
                enabled = not disabled
            if row.errors:
                out.append(None)
                continue
            out.append(AccountRow(
                username=values["username"], display_name=values["display_name"], email=values["email"],
                employee_no=values["employee_no"], privileges=values["privileges"], last_login=last_login,
                enabled=enabled,
            ))  # fmt: skip
        return out

    def commit(self, records: list[Any], *, actor: Any, progress: Progress, params: Params) -> dict[str, Any]:
        result = add_accounts(actor=actor, review=_review(params), rows=records)
        progress(len(records), len(records), "")
        return result


register(AccountsSpec())
