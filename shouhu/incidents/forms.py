"""Forms: input shape only; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shouhu.incidents.models import Channel, EvidenceCategory, Incident, Kind
from shouhu.incidents.services import FACT_FIELDS
from shouhu.organization.models import Client

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DT_FIELDS = (
    "occurred_at",
    "discovered_at",
    "aware_at",
    "confirmed_at",
    "handling_ended_at",
    "authority_reported_at",
)


def _system_choices() -> list[tuple[int, str]]:
    try:
        from shouhu.inventory.models import System
    except ImportError:
        return []
    return list(System.objects.values_list("pk", "name"))


class ViolationSelect(forms.NullBooleanSelect):
    """Unknown / yes / no, with the conservative reading spelled out."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("unknown", "尚未確定（保守視為是）"), ("true", "是"), ("false", "否")]


class IncidentForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("事件發生種類"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("若為個資外洩，請勾選「竊取」及「洩漏」（勾選洩漏時自動勾選竊取）"),
    )
    clients = forms.ModelMultipleChoiceField(
        label=_("受影響之委託者"),
        queryset=Client.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    system_ids = forms.TypedMultipleChoiceField(
        label=_("資產清冊之系統"), coerce=int, required=False, choices=[], widget=forms.CheckboxSelectMultiple
    )
    caused_by_violation = forms.NullBooleanField(
        label=_("是否因違反個資法所致"), required=False, widget=ViolationSelect
    )

    class Meta:
        model = Incident
        # The record's facts, as the service defines them (the owner is set elsewhere on the page).
        fields = [f for f in FACT_FIELDS if f != "owner"]
        widgets = dict.fromkeys(_DT_FIELDS, DT) | {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "damage": forms.Textarea(attrs={"rows": 2}),
            "consequences": forms.Textarea(attrs={"rows": 2}),
            "measures_taken": forms.Textarea(attrs={"rows": 3}),
            "measures_planned": forms.Textarea(attrs={"rows": 3}),
            "subject_notice_plan": forms.Textarea(attrs={"rows": 2}),
            "affected_systems": forms.Textarea(attrs={"rows": 2}),
            "delay_reason": forms.Textarea(attrs={"rows": 2}),
            "level": forms.Select(
                choices=[
                    ("", _("不適用／未定")),
                    (1, _("第1級")),
                    (2, _("第2級")),
                    (3, _("第3級")),
                    (4, _("第4級")),
                ]
            ),
        }

    def __init__(self, *args: Any, short: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = _system_choices()
        if choices:
            self.fields["system_ids"].choices = choices  # type: ignore[attr-defined]
        else:
            del self.fields["system_ids"]
        if self.instance.pk:
            self.initial["clients"] = list(self.instance.affected_clients.all())
        if short:  # the quick report form: only what a reporter knows
            for name in list(self.fields):
                if name not in (
                    "title",
                    "is_drill",
                    "occurred_at",
                    "occurred_unknown",
                    "discovered_at",
                    "aware_at",
                    "kinds",
                    "records_unknown",
                    "general_records",
                    "special_records",
                    "clients",
                    "affected_systems",
                    "summary",
                    "serious",
                    "cyber",
                    "level",
                ):
                    del self.fields[name]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("clients", None)
        return data


class TimelineForm(forms.Form):
    at = forms.DateTimeField(label=_("時間"), required=False, widget=DT)
    text = forms.CharField(label=_("內容"), widget=forms.Textarea(attrs={"rows": 2}))


class MetForm(forms.Form):
    met_at = forms.DateTimeField(label=_("完成時間"), required=False, widget=DT)
    document = forms.CharField(label=_("完成文件"), max_length=300)


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("檔案"))
    category = forms.ChoiceField(label=_("類別"), choices=EvidenceCategory.choices)
    description = forms.CharField(label=_("說明"), required=False, max_length=500)


class ClientNoticeForm(forms.Form):
    to = forms.CharField(label=_("收件者"), max_length=500, help_text=_("多個地址以逗號分隔"))
    cc = forms.CharField(label=_("副本"), max_length=500, required=False)
    subject = forms.CharField(label=_("主旨"), max_length=300)
    body = forms.CharField(label=_("內容"), widget=forms.Textarea(attrs={"rows": 16}))


class SubjectNoticeForm(forms.Form):
    channel = forms.ChoiceField(label=_("管道"), choices=Channel.choices)
    subject = forms.CharField(label=_("主旨（電子郵件）"), max_length=300, required=False)
    body = forms.CharField(label=_("內容"), widget=forms.Textarea(attrs={"rows": 6}))


class PackageForm(forms.Form):
    recipient = forms.CharField(label=_("受文者"), max_length=200)
    recipient_address = forms.CharField(label=_("受文者地址"), max_length=200, required=False)
    inquiry_date = forms.CharField(label=_("來函日期"), max_length=40, help_text=_("例如 民國115年11月20日"))
    inquiry_no = forms.CharField(label=_("來函字號"), max_length=100)
    doc_no = forms.CharField(
        label=_("本公司發文字號"), max_length=100, required=False, help_text=_("無文號可留空")
    )
    contact_name = forms.CharField(label=_("聯絡人"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("聯絡電話"), max_length=40, required=False)
    copy_to = forms.CharField(label=_("副本"), max_length=200, required=False)
    explanation = forms.CharField(label=_("說明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    client_requirements = forms.CharField(
        label=_("對客戶之資安環境要求及權限控管"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    contract_terms = forms.CharField(
        label=_("與客戶間之契約要求內容"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    before_measures = forms.CharField(
        label=_("事件前平時資料維護措施"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    data_security = forms.CharField(
        label=_("資料安全管理"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    personnel_security = forms.CharField(
        label=_("人員安全管理"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    equipment_security = forms.CharField(
        label=_("設備安全管理"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    training = forms.CharField(
        label=_("認知宣導及教育訓練"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
