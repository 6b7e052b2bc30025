"""Forms: input shape only; the rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import IsoDateInput, IsoDatesMixin, IsoDateTimeInput
from shouhu.organization.models import Client
from shouhu.thirdparties.models import DisposalRecord, RetentionRule, Transfer

DATE = IsoDateInput()
DT = IsoDateTimeInput()


class TransferForm(IsoDatesMixin, forms.ModelForm):
    class Meta:
        model = Transfer
        fields = (
            "data_description",
            "file",
            "recipient",
            "country",
            "purpose",
            "legal_basis",
            "legal_basis_note",
            "client",
            "art21_checked_on",
            "art21_result",
            "art21_note",
            "active",
        )
        widgets = {"art21_checked_on": DATE, "art21_note": forms.Textarea(attrs={"rows": 2})}


class RuleForm(IsoDatesMixin, forms.ModelForm):
    class Meta:
        model = RetentionRule
        fields = (
            "name",
            "file",
            "duration",
            "unit",
            "basis",
            "start_event",
            "start_event_note",
            "disposal_method",
        )


class BatchForm(IsoDatesMixin, forms.Form):
    rule = forms.ModelChoiceField(label=_("保存期限"), queryset=RetentionRule.objects.all())
    label = forms.CharField(
        label=_("批次"), max_length=200, help_text=_("例如：2024年度訂單、甲公司契約終止")
    )
    started_on = forms.DateField(label=_("起算日"), widget=DATE)
    client = forms.ModelChoiceField(label=_("委託者"), queryset=Client.objects.all(), required=False)


class DisposalForm(IsoDatesMixin, forms.ModelForm):
    proof = forms.FileField(label=_("佐證（銷毀照片、清除報告、簽收單等）"))

    class Meta:
        model = DisposalRecord
        fields = (
            "kind",
            "data_description",
            "method",
            "performed_at",
            "place",
            "recipient",
            "recipient_basis",
            "performed_by",
            "witness",
            "client",
        )
        widgets = {"performed_at": DT}


class CertificateForm(IsoDatesMixin, forms.Form):
    client = forms.ModelChoiceField(label=_("委託者"), queryset=Client.objects.all())
    contract_ended_on = forms.DateField(label=_("契約終止日"), widget=DATE)
    records = forms.ModelMultipleChoiceField(
        label=_("銷毀、移轉或刪除紀錄"),
        queryset=DisposalRecord.objects.filter(client__isnull=False),
        widget=forms.CheckboxSelectMultiple,
    )
