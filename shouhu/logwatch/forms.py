"""Input shapes for log monitoring. Rules live in ``services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from shouhu.core.bilingual import lazy_pick
from shouhu.core.formtools import IsoDatesMixin, IsoDateTimeInput, limit_choices
from shouhu.engines.logwatch import FORMATS, RULES
from shouhu.engines.logwatch.parsers.mapped import FIELDS
from shouhu.inventory.selectors import systems as inventory_systems
from shouhu.logwatch.models import CloseReason, LogSource

MAPPING_LABELS = {
    "time": _("時間"), "ip": _("來源 IP"), "account": _("帳號"), "action": _("動作"), "target": _("目標（路徑或資料表）"),
    "status": _("狀態碼"), "outcome": _("結果（成功／失敗）"), "bytes": _("位元組"), "rows": _("筆數"),
    "agent": _("用戶端"), "domain": _("網域"), "kind": _("事件種類"),
}  # fmt: skip


class SourceForm(forms.Form):
    name = forms.CharField(label=_("名稱"), max_length=200)
    format = forms.ChoiceField(
        label=_("記錄格式"), choices=[(k, lazy_pick(f.label_zh, f.label_en)) for k, f in FORMATS.items()]
    )
    system = forms.ModelChoiceField(label=_("對應系統"), queryset=inventory_systems().none(), required=False)
    timezone = forms.CharField(
        label=_("未標時區的時間所用時區"), max_length=60, initial="Asia/Taipei", required=False
    )
    folder = forms.CharField(label=_("伺服器資料夾"), max_length=1000, required=False,
                             help_text=_("僅系統管理員可設定，且須位於 SHOUHU_LOGWATCH_BASE_DIRS 之內，例如 /var/log/nginx"))  # fmt: skip
    pattern = forms.CharField(label=_("檔名樣式"), max_length=200, initial="*.log*", required=False)
    allowed_countries = forms.CharField(label=_("允許的國家或地區"), max_length=200, initial="TW",
                                        help_text=_("兩個字母的代碼，以逗號分隔，例如 TW, JP"))  # fmt: skip
    admin_accounts = forms.CharField(
        label=_("已知管理者帳號（每行一個）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    admin_paths = forms.CharField(
        label=_("管理介面路徑（每行一個）"),
        required=False,
        initial="/admin",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    login_paths = forms.CharField(
        label=_("登入路徑（每行一個）"),
        required=False,
        initial="/login\n/api/login",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: Any, source: LogSource | None = None, **kwargs: Any) -> None:
        if source is not None and "initial" not in kwargs:
            initial = {
                f: getattr(source, f)
                for f in (
                    "name",
                    "format",
                    "system",
                    "folder",
                    "pattern",
                    "allowed_countries",
                    "admin_accounts",
                    "admin_paths",
                    "login_paths",
                )
            }
            initial["timezone"] = source.options.get("timezone", "Asia/Taipei")
            for field in FIELDS:
                initial[f"map_{field}"] = (source.options.get("mapping") or {}).get(field, "")
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        # only the systems the user may read (a department officer: their departments')
        keep = source.system if source is not None else None  # editing keeps a link the editor cannot see
        limit_choices(self, "system", inventory_systems(actor=user), gettext("系統"), keep=keep)
        for field in FIELDS:
            self.fields[f"map_{field}"] = forms.CharField(
                label=MAPPING_LABELS[field], max_length=100, required=False
            )

    def service_data(self, source: LogSource | None = None) -> dict[str, Any]:
        data = {
            k: self.cleaned_data[k]
            for k in (
                "name",
                "format",
                "system",
                "folder",
                "pattern",
                "allowed_countries",
                "admin_accounts",
                "admin_paths",
                "login_paths",
            )
        }
        for name in ("admin_accounts", "admin_paths", "login_paths"):
            data[name] = "\n".join(data[name].splitlines())  # a browser sends CRLF
        options = dict(source.options) if source else {}
        timezone = self.cleaned_data.get("timezone") or "Asia/Taipei"
        mapping = {
            f: self.cleaned_data[f"map_{f}"].strip()
            for f in FIELDS
            if self.cleaned_data.get(f"map_{f}", "").strip()
        }
        # Defaults are written only when they change something, so saving unchanged keeps the row as it was.
        if timezone != "Asia/Taipei" or "timezone" in options:
            options["timezone"] = timezone
        if mapping or "mapping" in options:
            options["mapping"] = mapping
        data["options"] = options
        data["pattern"] = data["pattern"] or "*.log*"
        return data


class UploadForm(forms.Form):
    file = forms.FileField(label=_("記錄檔（可為 .gz）"))


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("結案原因"), choices=CloseReason.choices)
    note = forms.CharField(
        label=_("說明"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class BlocklistForm(forms.Form):
    name = forms.CharField(
        label=_("名稱"), max_length=200, help_text=_("例如 abuse.ch Feodo Tracker、TWCERT/CC 通報清單")
    )
    file = forms.FileField(label=_("清單檔（.txt 或 .csv）"))


class DrillForm(IsoDatesMixin, forms.Form):
    source = forms.ModelChoiceField(label=_("記錄來源"), queryset=LogSource.objects.filter(active=True))
    scenario = forms.ChoiceField(
        label=_("情境"),
        choices=[
            ("failed_logins", lazy_pick(RULES["failed_logins"].title_zh, RULES["failed_logins"].title_en)),
            (
                "foreign_country",
                lazy_pick(RULES["foreign_country"].title_zh, RULES["foreign_country"].title_en),
            ),
        ],
    )
    when = forms.DateTimeField(label=_("預定時間"), widget=IsoDateTimeInput())
    note = forms.CharField(label=_("說明"), max_length=300, required=False)


class SummaryForm(forms.Form):
    source = forms.ModelChoiceField(label=_("記錄來源"), queryset=LogSource.objects.all())
    month = forms.CharField(label=_("月份（YYYY-MM）"), max_length=7)
