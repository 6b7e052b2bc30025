from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import IsoDateInput, IsoDatesMixin
from shouhu.drills.models import Stage
from shouhu.organization.models import Department, Person


class DrillForm(IsoDatesMixin, forms.Form):
    title = forms.CharField(label=_("演練名稱"), max_length=200)
    held_on = forms.DateField(label=_("演練日期"), widget=IsoDateInput())
    scenario = forms.CharField(
        label=_("演練情境"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：假冒人資部寄送「年終獎金試算」連結，誘導登入。"),
    )  # fmt: skip
    audience = forms.CharField(label=_("演練對象說明"), max_length=200, required=False)
    departments = forms.ModelMultipleChoiceField(
        label=_("對象部門（未選為全體）"), queryset=Department.objects.order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip


class DeleteForm(forms.Form):
    confirm_results = forms.BooleanField(
        label=_("我了解此演練的結果會一併刪除（已指派的補強訓練不會撤銷）"), required=False
    )


REPORTED = [("", _("未記錄")), ("yes", _("有回報")), ("no", _("未回報"))]


class ResultForm(forms.Form):
    person = forms.ModelChoiceField(label=_("人員"), queryset=Person.objects.order_by("name"))
    stage = forms.ChoiceField(label=_("結果"), choices=Stage.choices)
    reported = forms.ChoiceField(label=_("回報可疑信件"), choices=REPORTED, required=False)

    def reported_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("reported") or "")
