"""Forms: input shape only; the rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import IsoDateInput, IsoDatesMixin, IsoDateTimeInput
from shouhu.organization.models import Client
from shouhu.thirdparties import services
from shouhu.thirdparties.models import (
    ContractItemKey,
    DisposalRecord,
    RetentionRule,
    SubProcessor,
    SupervisionCheck,
    Transfer,
)

DATE = IsoDateInput()
DT = IsoDateTimeInput()


class TransferForm(IsoDatesMixin, forms.ModelForm):
    class Meta:
        model = Transfer
        fields = services.TRANSFER_FIELDS
        widgets = {"art21_checked_on": DATE, "art21_note": forms.Textarea(attrs={"rows": 2})}


class RuleForm(IsoDatesMixin, forms.ModelForm):
    class Meta:
        model = RetentionRule
        fields = services.RULE_FIELDS


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
        fields = services.DISPOSAL_FIELDS
        widgets = {"performed_at": DT}


class CertificateForm(IsoDatesMixin, forms.Form):
    client = forms.ModelChoiceField(label=_("委託者"), queryset=Client.objects.all())
    contract_ended_on = forms.DateField(label=_("契約終止日"), widget=DATE)
    records = forms.ModelMultipleChoiceField(
        label=_("銷毀、移轉或刪除紀錄"),
        queryset=DisposalRecord.objects.filter(client__isnull=False),
        widget=forms.CheckboxSelectMultiple,
    )


class SubProcessorForm(IsoDatesMixin, forms.ModelForm):
    clients_consented = forms.NullBooleanField(
        label=_("已取得委託者同意複委託"),
        required=False,
        widget=forms.Select(choices=[("unknown", _("尚未確認")), ("true", _("是")), ("false", _("否"))]),
    )

    class Meta:
        model = SubProcessor
        fields = services.SUBPROCESSOR_FIELDS
        widgets = {
            "contract_signed_on": DATE,
            "contract_ends_on": DATE,
            "services": forms.Textarea(attrs={"rows": 2}),
            "data_categories": forms.Textarea(attrs={"rows": 2}),
            "systems": forms.Textarea(attrs={"rows": 2}),
        }


class ContractItemForm(IsoDatesMixin, forms.Form):
    key = forms.ChoiceField(choices=ContractItemKey.choices, widget=forms.HiddenInput)
    agreed = forms.NullBooleanField(
        label=_("已約定"),
        required=False,
        widget=forms.Select(
            choices=[("unknown", _("尚未確認")), ("true", _("已約定")), ("false", _("未約定"))]
        ),
    )
    clause = forms.CharField(label=_("契約條款"), max_length=200, required=False)
    evidence = forms.FileField(label=_("契約佐證"), required=False)


class SupervisionForm(IsoDatesMixin, forms.Form):
    checked_on = forms.DateField(label=_("確認日期"), widget=DATE)
    method = forms.ChoiceField(label=_("方式"), choices=SupervisionCheck.Method.choices)
    result = forms.CharField(label=_("確認結果"), widget=forms.Textarea(attrs={"rows": 3}))
    issues = forms.CharField(label=_("待改善事項"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class QuestionnaireForm(forms.Form):
    item_ids = forms.MultipleChoiceField(
        label=_("檢查項目（附錄一／附錄二）"), choices=[], widget=forms.SelectMultiple(attrs={"size": 12})
    )
    days = forms.IntegerField(label=_("填答期限（日）"), min_value=1, max_value=60, initial=14)

    def __init__(self, *args: object, **kwargs: object) -> None:
        from shouhu.thirdparties.questionnaires import catalogue_items

        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        english = (get_language() or "").startswith("en")
        self.fields["item_ids"].choices = catalogue_items(english=english)  # type: ignore[attr-defined]
        if english:
            self.fields["item_ids"].help_text = _(
                "項目名稱為守護自行翻譯（非官方版本）；寄給受託者的問卷使用官方中文原文。"
            )
