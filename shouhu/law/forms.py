"""Forms of the law pages: party facts, deadline preview, calendar owner and completion."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from shouhu.core.rocdate import parse_date
from shouhu.engines.law.errors import LawEngineError
from shouhu.engines.law.timeutil import parse_datetime
from shouhu.law.models import (
    COMPANY_TYPE_CHOICES,
    NCC_CHOICES,
    SECTOR_CHOICES,
    SPECIAL_REASON_CHOICES,
)
from shouhu.organization.models import Client

_SPLIT = re.compile(r"[\s,，、;；]+")


class RocDateField(forms.CharField):
    """A date typed as ISO (2026-11-26) or ROC (115/11/26)."""

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            raise forms.ValidationError(
                _("無法辨識的日期：%(text)s（請用 2026-11-26 或 115/11/26）"),
                code="invalid",
                params={"text": text},
            ) from None


class TriStateField(forms.TypedChoiceField):
    """Yes / no / not yet known (None): an unanswered fact is never read as "no"."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            required=False, coerce=lambda v: {"yes": True, "no": False}.get(v), empty_value=None,
            choices=[("", _("尚未確定（期限照常計算並標示待判斷）")), ("yes", _("是")), ("no", _("否"))], **kwargs,
        )  # fmt: skip


class RocDateTimeField(forms.CharField):
    """A date-time typed as ISO 8601 or ROC (115/11/26 14:30); no offset means Asia/Taipei."""

    def to_python(self, value: Any) -> dt.datetime | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_datetime(text)
        except LawEngineError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class CodeListField(forms.CharField):
    """Codes separated by spaces, commas or 、; upper-cased and de-duplicated."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        seen: list[str] = []
        for code in _SPLIT.split(text.strip().upper()):
            if code and code not in seen:
                seen.append(code)
        return seen

    def prepare_value(self, value: Any) -> Any:
        return "、".join(value) if isinstance(value, list) else value


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, error_messages={
        "min_value": format_lazy("{}{}", label, _("不可為負數。")), "invalid": format_lazy("{}{}", label, _("須為整數。")),
    })  # fmt: skip


class FactsForm(forms.Form):
    """Facts shared by our company and clients."""

    industry_codes = CodeListField(label=_("其他行業統計分類代碼"), required=False,
                                   help_text=_("主要行業代碼以組織資料為準；另有其他行業者於此填寫，以逗號或頓號分隔，例如 6312"))  # fmt: skip
    business_item_codes = CodeListField(
        label=_("營業項目代碼"), required=False, help_text=_("例如 J201031（短期補習班業）")
    )
    registered_capital = _count(_("登記資本額（新臺幣）"))
    is_government_agency = forms.BooleanField(label=_("公務機關"), required=False)
    special_reasons = forms.MultipleChoiceField(label=_("特定非公務機關之原因"), required=False,
                                                choices=SPECIAL_REASON_CHOICES, widget=forms.CheckboxSelectMultiple)  # fmt: skip
    sectors = forms.MultipleChoiceField(label=_("申報之行業別"), required=False, choices=SECTOR_CHOICES,
                                        widget=forms.CheckboxSelectMultiple)  # fmt: skip
    consumer_records = _count(_("保有消費者個資筆數"))
    records_from_inventory = forms.BooleanField(
        label=_("筆數取自個資盤點（無盤點資料時用上列手動筆數）"), required=False
    )
    hospital_beds = _count(_("病床數（醫院）"))
    ncc_categories = forms.MultipleChoiceField(label=_("NCC 指定事業類別"), required=False, choices=NCC_CHOICES,
                                               widget=forms.CheckboxSelectMultiple)  # fmt: skip
    ncc_subscribers = _count(_("訂戶（用戶）數（NCC 管轄事業）"))
    collects_customer_data = TriStateField(label=_("招募會員或取得客戶個資（藥品、醫療器材、化粧品業）"))
    threshold_reached_on = RocDateField(label=_("首次達筆數或資本額門檻之日"), required=False,
                                        help_text=_("用於計算後續義務（6個月內訂定計畫、第18條檢視週期），例如 115/03/01"))  # fmt: skip
    resuming_after_suspension = forms.BooleanField(
        label=_("暫停執行計畫後再達門檻（30日內恢復）"), required=False
    )

    def clean_threshold_reached_on(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("threshold_reached_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("達門檻日不可晚於今天。"))
        return value


class CompanyFactsForm(FactsForm):
    """Our company: type, paid-in capital and main industry code are edited in the company profile."""

    government_contracts = forms.BooleanField(label=_("受公務機關或特定非公務機關委託"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["registered_capital"].help_text = _(
            "僅股份有限公司需填（章程所定資本總額）；其他組織型態以公司基本資料之資本額為準"
        )


class ClientFactsForm(FactsForm):
    """A client: its main industry code and service types (代管) are edited in the client record."""

    company_type = forms.ChoiceField(
        label=_("組織型態"), required=False, choices=[("", _("（未填）")), *COMPANY_TYPE_CHOICES]
    )
    paid_in_capital = _count(_("實收資本額（新臺幣）"))

    field_order = [
        "industry_codes",
        "business_item_codes",
        "company_type",
        "paid_in_capital",
        "registered_capital",
    ]


def facts_initial(facts: Any, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(facts, name) for name in fields} if facts is not None else {}


class OnDateForm(forms.Form):
    on = RocDateField(label=_("判斷日期"), required=False, help_text=_("預設今天，例如 112/06/01"))


class IncidentPreviewForm(forms.Form):
    """A hypothetical incident, computed against the facts stored for our company and clients."""

    discovered_at = RocDateTimeField(
        label=_("發現時間"),
        required=False,
        help_text=_("例如 115/11/26 09:10 或 2026-11-26T09:10+08:00；僅知知悉時間者可留空"),
    )
    aware_at = RocDateTimeField(label=_("知悉時間"), required=False)
    confirmed_at = RocDateTimeField(label=_("查明時間"), required=False)
    personal_data = forms.BooleanField(label=_("個資事故"), required=False, initial=True)
    cyber = forms.BooleanField(label=_("資通安全事件"), required=False)
    level = forms.TypedChoiceField(label=_("資安事件等級"), required=False, coerce=int, empty_value=None,
                                   choices=[("", _("未定")), ("1", _("1級")), ("2", _("2級")), ("3", _("3級")), ("4", _("4級"))])  # fmt: skip
    serious = TriStateField(label=_("是否危及正常營運或大量當事人權益"))
    ncc_serious = TriStateField(label=_("是否屬NCC所定重大個資事故（NCC管轄之委託者）"))
    caused_by_violation = TriStateField(label=_("是否因違反個資法所致"))
    clients = forms.ModelMultipleChoiceField(label=_("受影響之委託者"), required=False,
                                             queryset=Client.objects.filter(active=True),
                                             widget=forms.CheckboxSelectMultiple)  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("personal_data") and not data.get("cyber"):
            raise forms.ValidationError(_("事件須為個資事故或資通安全事件（至少勾選一項）。"))
        if not data.get("discovered_at") and not data.get("aware_at") and not self.errors:
            raise forms.ValidationError(_("請填寫發現時間或知悉時間（至少一項）。"))
        return data


class PreviewJsonForm(forms.Form):
    json = forms.CharField(
        label=_("試算資料（JSON）"), widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"})
    )


class OwnerForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("負責人"), required=False,
                                   queryset=get_user_model().objects.filter(is_active=True).order_by("username"))  # fmt: skip


class CompletionForm(forms.Form):
    done_on = RocDateField(label=_("完成日"), help_text=_("例如 115/11/20"))
    note = forms.CharField(label=_("說明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("佐證檔案"), required=False)
