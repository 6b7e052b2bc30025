"""Forms: input shape only; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import IsoDatesMixin, IsoDateTimeInput
from shouhu.organization.models import Client
from shouhu.requests.models import ClientForward, IdentityMethod, Kind, RefusalGround, SubjectRequest

DT = IsoDateTimeInput()
TEXT = forms.Textarea(attrs={"rows": 3})


class RequestForm(IsoDatesMixin, forms.ModelForm):
    client = forms.ModelChoiceField(
        label=_("受託處理之委託者"),
        queryset=Client.objects.filter(active=True),
        required=False,
        help_text=_("本公司僅受委託者委託處理該資料時選擇：案件將轉交委託者決定，本公司不代為答覆。"),
    )

    class Meta:
        model = SubjectRequest
        fields = (
            "kind",
            "received_at",
            "channel",
            "requester_name",
            "requester_email",
            "requester_phone",
            "requester_address",
            "by_agent",
            "data_concerned",
            "details",
            "explanation",
            "client",
            "owner",
        )
        widgets = {
            "received_at": DT,
            "data_concerned": TEXT,
            "details": TEXT,
            "explanation": TEXT,
        }

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["by_agent"] = bool(data.get("by_agent"))
        return data


class IdentityForm(forms.Form):
    method = forms.ChoiceField(label=_("身分驗證方式"), choices=IdentityMethod.choices)
    note = forms.CharField(
        label=_("驗證紀錄"),
        widget=TEXT,
        help_text=_("記錄核對了什麼（例如：身分證正本，末四碼相符）；勿記錄完整證號。"),
    )


class ExtendForm(forms.Form):
    reason = forms.CharField(label=_("延長理由"), widget=TEXT)


class RefuseForm(forms.Form):
    ground = forms.ChoiceField(label=_("拒絕之法定事由"), choices=RefusalGround.choices)
    reason = forms.CharField(label=_("說明"), widget=TEXT, required=False)


class GrantForm(forms.Form):
    note = forms.CharField(label=_("處理結果說明"), widget=TEXT, required=False)
    recipients = forms.CharField(label=_("曾提供利用之對象（更正或補充時）"), widget=TEXT, required=False)


class FeeForm(forms.Form):
    amount = forms.IntegerField(label=_("收取費用（新臺幣元）"), min_value=0, required=False)
    note = forms.CharField(label=_("費用說明"), max_length=300, required=False)


class ExplanationForm(forms.Form):
    text = forms.CharField(label=_("請求人之釋明"), widget=TEXT)


class ForwardForm(forms.Form):
    method = forms.ChoiceField(label=_("轉交方式"), choices=ClientForward.Method.choices)


class InstructionForm(IsoDatesMixin, forms.Form):
    text = forms.CharField(label=_("委託者指示內容"), widget=TEXT)
    received_at = forms.DateTimeField(label=_("指示收受時間"), widget=DT, required=False)


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("撤回紀錄"), widget=TEXT)


class NoticeDoneForm(forms.Form):
    note = forms.CharField(label=_("通知紀錄"), widget=TEXT)
    recipients = forms.CharField(label=_("通知之對象"), widget=TEXT, required=False)


class LocateForm(forms.Form):
    identifiers = forms.CharField(
        label=_("身分證字號、電話或電子郵件（每行一個）"),
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        max_length=1000,
        help_text=_("以掃描金鑰計算雜湊後比對掃描結果；輸入之值不會被儲存或記錄。"),
    )


class IntakeForm(forms.Form):
    """The public request form. ``website`` is a honeypot: hidden from people, filled by bots."""

    kind = forms.ChoiceField(label=_("請求事項"), choices=Kind.choices)
    requester_name = forms.CharField(label=_("姓名"), max_length=100)
    requester_email = forms.EmailField(label=_("電子郵件"), required=False)
    requester_phone = forms.CharField(label=_("電話"), max_length=30, required=False)
    requester_address = forms.CharField(label=_("通訊地址"), max_length=300, required=False)
    by_agent = forms.BooleanField(label=_("我是代理人（將另請提供委任書）"), required=False)
    data_concerned = forms.CharField(label=_("涉及之個人資料"), widget=TEXT, max_length=2000, required=False)
    details = forms.CharField(label=_("請求內容"), widget=TEXT, max_length=4000, required=False)
    explanation = forms.CharField(
        label=_("更正或補充之理由（釋明）"), widget=TEXT, max_length=4000, required=False
    )
    website = forms.CharField(
        label=_("網站（請留空）"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
