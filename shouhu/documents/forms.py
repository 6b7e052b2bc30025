from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import IsoDateInput, IsoDatesMixin
from shouhu.documents.models import Tier
from shouhu.organization.models import Department, Person


class DocumentForm(forms.Form):
    code = forms.CharField(label=_("文件編號"), max_length=40)
    title = forms.CharField(label=_("文件名稱"), max_length=200)
    tier = forms.ChoiceField(label=_("階層"), choices=Tier.choices)
    owner = forms.ModelChoiceField(
        label=_("權責人員"), queryset=Person.objects.filter(active=True), required=False
    )
    review_months = forms.IntegerField(label=_("檢視週期（月）"), min_value=1, max_value=60, initial=12)


class VersionForm(IsoDatesMixin, forms.Form):
    file = forms.FileField(label=_("文件檔案"))
    change_summary = forms.CharField(label=_("修訂摘要"), max_length=500, required=False)
    effective_on = forms.DateField(label=_("預定生效日"), widget=IsoDateInput(), required=False)


class CampaignForm(IsoDatesMixin, forms.Form):
    departments = forms.ModelMultipleChoiceField(
        label=_("對象部門（未選為全體在職人員）"), queryset=Department.objects.order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    due_on = forms.DateField(label=_("完成期限"), widget=IsoDateInput())
    include_new_joiners = forms.BooleanField(label=_("新進人員自動加入"), required=False, initial=True)


class ApproveForm(IsoDatesMixin, forms.Form):
    """Approving a version; for a 一階 policy also who must read and confirm it, and by when."""

    ack_departments = forms.ModelMultipleChoiceField(
        label=_("閱讀確認對象部門（未選為全體在職人員）"), queryset=Department.objects.order_by("name"),
        required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    ack_due_on = forms.DateField(
        label=_("閱讀確認期限（未填為 30 日後）"), widget=IsoDateInput(), required=False
    )
