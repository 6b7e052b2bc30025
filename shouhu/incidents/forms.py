"""Forms: input shape only; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import IsoDatesMixin, IsoDateTimeInput
from shouhu.incidents.facts import FACTS
from shouhu.incidents.models import Channel, EvidenceCategory, Incident, Kind, NotifySettings
from shouhu.incidents.services import DECISION_FIELDS, EARLIEST_NOTICE, FACT_FIELDS, NOTICE_FIELDS
from shouhu.organization.models import Client, Person

DT = IsoDateTimeInput()
# 發現 and later times: the browser offers nothing before the earliest time the service accepts.
NOTICE_DT = IsoDateTimeInput(attrs={"min": EARLIEST_NOTICE.strftime("%Y-%m-%dT%H:%M")})
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


def _fact_field(name: str) -> forms.ChoiceField:
    fact = FACTS[name]
    return forms.ChoiceField(
        label=fact.label,
        choices=fact.choices(),
        required=False,
        help_text=gettext_lazy("尚未判斷時，相關期限照常顯示、倒數及提醒"),
    )


class IncidentForm(IsoDatesMixin, forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("事件發生種類"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("若為個資外洩，請勾選「竊取」及「洩漏」（勾選洩漏時自動勾選竊取）"),
    )
    clients = forms.ModelMultipleChoiceField(
        label=gettext_lazy("受影響之委託者"),
        queryset=Client.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    system_ids = forms.TypedMultipleChoiceField(
        label=gettext_lazy("資產清冊之系統"),
        coerce=int,
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
    )
    # Clock-deciding facts: yes / no / 尚未判斷 (the default); a "no" needs the reason below.
    serious = _fact_field("serious")
    caused_by_violation = _fact_field("caused_by_violation")
    cyber = _fact_field("cyber")
    level = _fact_field("level")
    ncc_serious = _fact_field("ncc_serious")
    decision_reason = forms.CharField(
        label=gettext_lazy("判斷理由"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("回答「否」時必填：說明為何判斷不適用（將記錄於時間軸並留下稽核紀錄）"),
    )

    class Meta:
        model = Incident
        # The record's facts, as the service defines them (the owner is set elsewhere on the page; the
        # clock-deciding facts are the three-way fields above).
        fields = [f for f in FACT_FIELDS if f != "owner" and f not in DECISION_FIELDS]
        widgets = (
            dict.fromkeys(_DT_FIELDS, DT)
            | dict.fromkeys(NOTICE_FIELDS, NOTICE_DT)
            | {
                "summary": forms.Textarea(attrs={"rows": 3}),
                "damage": forms.Textarea(attrs={"rows": 2}),
                "consequences": forms.Textarea(attrs={"rows": 2}),
                "measures_taken": forms.Textarea(attrs={"rows": 3}),
                "measures_planned": forms.Textarea(attrs={"rows": 3}),
                "subject_notice_plan": forms.Textarea(attrs={"rows": 2}),
                "affected_systems": forms.Textarea(attrs={"rows": 2}),
                "delay_reason": forms.Textarea(attrs={"rows": 2}),
            }
        )

    def __init__(self, *args: Any, short: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = _system_choices()
        if choices:
            self.fields["system_ids"].choices = choices  # type: ignore[attr-defined]
        else:
            del self.fields["system_ids"]
        if "contract_notice_hours" in self.fields:
            field = self.fields["contract_notice_hours"]
            field.label = gettext_lazy("契約未載明時之通知時限（小時）")
            field.help_text = gettext_lazy(
                "各委託者之通知期限依其履約中契約約定之時限分別計算；契約未載明或未登錄契約之委託者適用此處時數，"
                "留空則視為不明（以立即通知計）"
            )
        if self.instance.pk:
            self.initial["clients"] = list(self.instance.affected_clients.all())
            for name in DECISION_FIELDS:
                self.initial[name] = FACTS[name].form_value(getattr(self.instance, name))
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
                    "decision_reason",
                ):
                    del self.fields[name]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("clients", None)
        return data


class DecisionForm(forms.Form):
    """Answer one clock-deciding fact (the fact is in the URL)."""

    value = forms.ChoiceField(label=gettext_lazy("判斷"), required=False)
    reason = forms.CharField(
        label=gettext_lazy("理由"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("回答「否」時必填"),
    )

    def __init__(self, *args: Any, fact: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = FACTS[fact].choices()  # type: ignore[attr-defined]
        self.fields["value"].label = FACTS[fact].label


class TimelineForm(IsoDatesMixin, forms.Form):
    at = forms.DateTimeField(label=gettext_lazy("時間"), required=False, widget=DT)
    text = forms.CharField(label=gettext_lazy("內容"), widget=forms.Textarea(attrs={"rows": 2}))


class MetForm(IsoDatesMixin, forms.Form):
    met_at = forms.DateTimeField(label=gettext_lazy("完成時間"), required=False, widget=DT)
    document = forms.CharField(label=gettext_lazy("完成文件"), max_length=300)


class EvidenceForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("檔案"))
    category = forms.ChoiceField(label=gettext_lazy("類別"), choices=EvidenceCategory.choices)
    description = forms.CharField(label=gettext_lazy("說明"), required=False, max_length=500)


# The notice's own text is an official zh-TW document, shown for editing on pages in any language: marked as
# Chinese text of record (the language test checks that a field so marked holds only a notice Shouhu drafted
# or stored for that incident, see notices.official_texts).
OFFICIAL_NOTICE = {"lang": "zh-Hant", "data-official": "notice"}


class ClientNoticeForm(forms.Form):
    to = forms.CharField(
        label=gettext_lazy("收件者"), max_length=500, help_text=gettext_lazy("多個地址以逗號分隔")
    )
    cc = forms.CharField(label=gettext_lazy("副本"), max_length=500, required=False)
    subject = forms.CharField(
        label=gettext_lazy("主旨"), max_length=300, widget=forms.TextInput(attrs=OFFICIAL_NOTICE)
    )
    body = forms.CharField(
        label=gettext_lazy("內容"),
        widget=forms.Textarea(attrs={"rows": 16, **OFFICIAL_NOTICE}),
        help_text=gettext_lazy("通知內容為正式文件，以中文寄出。"),
    )


class SubjectNoticeForm(forms.Form):
    """A notice to data subjects: the facts the law requires, then the text (composed when left empty)."""

    channel = forms.ChoiceField(label=gettext_lazy("管道"), choices=Channel.choices)
    client = forms.ModelChoiceField(
        label=gettext_lazy("通知義務人"),
        queryset=Client.objects.none(),
        required=False,
        empty_label=gettext_lazy("本公司（本公司自有之個人資料）"),
        help_text=gettext_lazy("本公司受委託處理之個資，應由該委託者以其名義通知當事人"),
    )
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("侵害種類"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    data_items = forms.CharField(label=gettext_lazy("受侵害之個人資料項目"), max_length=300, required=False)
    measures = forms.CharField(
        label=gettext_lazy("已採取之因應措施"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    hotline = forms.CharField(
        label=gettext_lazy("查詢專線或管道"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("電話號碼、電子郵件地址或網址"),
    )
    subject = forms.CharField(
        label=gettext_lazy("主旨（電子郵件）"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs=OFFICIAL_NOTICE),
    )
    body = forms.CharField(
        label=gettext_lazy("內容"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, **OFFICIAL_NOTICE}),
        help_text=gettext_lazy("通知內容為正式文件，以中文寄出；清空後儲存，將依上列事實重新產生"),
    )

    def __init__(self, *args: Any, incident: Incident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = incident.affected_clients.all()  # type: ignore[attr-defined]


class ReportGenerateForm(forms.Form):
    """Who reports on 表2: a person with title and phone (defaults to the person of the acting account)."""

    reporter = forms.ModelChoiceField(
        label=gettext_lazy("通報人"),
        queryset=Person.objects.filter(active=True).exclude(job_title="").exclude(phone=""),
        required=False,
        empty_label=gettext_lazy("我本人（依人員資料）"),
        help_text=gettext_lazy("僅列出已填寫職稱及電話之在職人員"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reporter"]
        field.label_from_instance = lambda p: f"{p.name}（{p.job_title}）"  # type: ignore[attr-defined]


class ReportSubmittedForm(IsoDatesMixin, forms.Form):
    submitted_at = forms.DateTimeField(
        label=gettext_lazy("送出時間"), required=False, widget=DT, help_text=gettext_lazy("留空為現在")
    )


class SubjectSentForm(IsoDatesMixin, forms.Form):
    sent_at = forms.DateTimeField(
        label=gettext_lazy("寄送時間"), required=False, widget=DT, help_text=gettext_lazy("留空為現在")
    )
    recipients = forms.IntegerField(label=gettext_lazy("通知人數"), min_value=0, required=False)


class PackageForm(forms.Form):
    recipient = forms.CharField(label=gettext_lazy("受文者"), max_length=200)
    recipient_address = forms.CharField(label=gettext_lazy("受文者地址"), max_length=200, required=False)
    inquiry_date = forms.CharField(
        label=gettext_lazy("來函日期"), max_length=40, help_text=gettext_lazy("例如 民國115年11月20日")
    )
    inquiry_no = forms.CharField(label=gettext_lazy("來函字號"), max_length=100)
    doc_no = forms.CharField(
        label=gettext_lazy("本公司發文字號"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("無文號可留空"),
    )
    contact_name = forms.CharField(label=gettext_lazy("聯絡人"), max_length=100, required=False)
    contact_phone = forms.CharField(label=gettext_lazy("聯絡電話"), max_length=40, required=False)
    copy_to = forms.CharField(label=gettext_lazy("副本"), max_length=200, required=False)
    explanation = forms.CharField(
        label=gettext_lazy("說明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    client_requirements = forms.CharField(
        label=gettext_lazy("對客戶之資安環境要求及權限控管"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    contract_terms = forms.CharField(
        label=gettext_lazy("與客戶間之契約要求內容"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    before_measures = forms.CharField(
        label=gettext_lazy("事件前平時資料維護措施（概述，選填）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    transfer_security = forms.CharField(
        label=gettext_lazy("資料傳輸安全之維護措施"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("例如：以 API 傳輸個資時之加密或隱碼、要求提供者將個資最小化"),
    )
    db_encryption = forms.CharField(label=gettext_lazy("資料庫加密方式"), max_length=500, required=False)
    db_access_control = forms.CharField(
        label=gettext_lazy("資料庫存取管控方式"), max_length=500, required=False
    )
    db_logging = forms.CharField(label=gettext_lazy("資料庫存取紀錄（log）"), max_length=500, required=False)
    db_key_separation = forms.CharField(
        label=gettext_lazy("資料庫金鑰與資料之存放區隔方式"), max_length=500, required=False
    )
    data_security = forms.CharField(
        label=gettext_lazy("資料安全管理"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    personnel_security = forms.CharField(
        label=gettext_lazy("人員安全管理"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    equipment_security = forms.CharField(
        label=gettext_lazy("設備安全管理"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    training = forms.CharField(
        label=gettext_lazy("認知宣導及教育訓練"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SuspectForm(IsoDatesMixin, forms.Form):
    """An employee's two-minute report of a suspected event."""

    what = forms.CharField(
        label=_("發生了什麼事？"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("例如：寄錯收件人、遺失筆電、收到可疑郵件並點了連結、發現資料被不明人士存取"),
    )
    noticed_at = forms.DateTimeField(
        label=_("您何時發現？"), widget=NOTICE_DT, help_text=_("不確定時填大約時間")
    )
    data_items = forms.CharField(
        label=_("涉及哪些資料？"),
        max_length=300,
        required=False,
        help_text=_("例如：客戶姓名、電話、身分證字號；不確定可留空"),
    )
    contact = forms.CharField(
        label=_("如何聯絡您？"), max_length=200, required=False, help_text=_("分機或手機，方便負責人向您詢問")
    )


class TriageConfirmForm(IsoDatesMixin, forms.Form):
    aware_at = forms.DateTimeField(
        label=_("知悉時間"),
        required=False,
        widget=NOTICE_DT,
        help_text=_("負責人知悉本事件之時間；留空為現在"),
    )


class TriageDismissForm(IsoDatesMixin, forms.Form):
    aware_at = forms.DateTimeField(
        label=_("知悉時間"), required=False, widget=NOTICE_DT, help_text=_("留空為現在")
    )
    reason = forms.CharField(
        label=_("非事故之理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class NotifySettingsForm(forms.ModelForm):
    class Meta:
        model = NotifySettings
        fields = ["notify_privacy_chief", "notify_security_chief", "extra_recipients"]
        widgets = {"extra_recipients": forms.Textarea(attrs={"rows": 3})}
