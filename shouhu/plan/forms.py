from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import IsoDateInput, IsoDatesMixin
from shouhu.plan.models import Capacity


class ApproveForm(forms.Form):
    capacity = forms.ChoiceField(label=_("核定身分"), choices=Capacity.choices, widget=forms.RadioSelect)
    authorisation = forms.CharField(
        label=_("授權依據"), max_length=300, required=False,
        help_text=_("以經授權人員身分核定時必填，例如董事會決議日期或授權書文號。"),
    )  # fmt: skip
    authorisation_file = forms.FileField(
        label=_("授權文件"), required=False,
        help_text=_("以經授權人員身分核定時必須上傳（董事會決議或授權書之掃描檔），存入佐證庫並鎖定。"),
    )  # fmt: skip
    note = forms.CharField(label=_("核定意見"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(label=_("本人已閱讀本版計畫全文並同意核定"), required=True)


class ReportForm(IsoDatesMixin, forms.Form):
    start = forms.DateField(label=_("期間起日"), widget=IsoDateInput())
    end = forms.DateField(label=_("期間迄日"), widget=IsoDateInput())
