"""Forms: input shape only; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from shouhu.contracts import services
from shouhu.contracts.models import ClientContract, PackSection, SecurityTest
from shouhu.contracts.terms import TERMS
from shouhu.core.formtools import IsoDateInput, IsoDatesMixin, limit_choices
from shouhu.organization.models import Client

DATE = IsoDateInput()
UNKNOWN_CHOICES = [("unknown", _("尚未確認")), ("true", _("已約定")), ("false", _("未約定"))]


def _systems(user: Any) -> Any:
    """The systems ``user`` may read (a department officer: their departments' and the company's)."""
    from shouhu.inventory import selectors as inventory

    return inventory.systems(actor=user)


class ContractForm(IsoDatesMixin, forms.ModelForm):
    systems = forms.ModelMultipleChoiceField(
        label=_("涉及之系統"), queryset=ClientContract.objects.none(), required=False
    )

    class Meta:
        model = ClientContract
        fields = services.CONTRACT_FIELDS
        widgets = {
            "signed_on": DATE,
            "starts_on": DATE,
            "ends_on": DATE,
            "services": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        linked = list(self.instance.systems.all()) if self.instance.pk else []  # kept when editing
        limit_choices(self, "systems", _systems(user), gettext("系統"), keep=linked)
        if self.instance.pk:
            self.initial["systems"] = list(self.instance.systems.all())
            self.fields["client"].disabled = True


class TermForm(forms.Form):
    key = forms.ChoiceField(choices=[(k, k) for k in TERMS], widget=forms.HiddenInput)
    agreed = forms.NullBooleanField(
        label=_("已約定"), required=False, widget=forms.Select(choices=UNKNOWN_CHOICES)
    )
    clause = forms.CharField(label=_("契約條款"), max_length=300, required=False)
    evidence = forms.FileField(label=_("契約佐證"), required=False)


class AuditForm(IsoDatesMixin, forms.Form):
    client = forms.ModelChoiceField(label=_("委託者"), queryset=Client.objects.all())
    contract = forms.ModelChoiceField(
        label=_("契約"), queryset=ClientContract.objects.select_related("client"), required=False
    )
    audited_on = forms.DateField(label=_("稽核日期"), widget=DATE)
    scope = forms.CharField(label=_("稽核範圍"), widget=forms.Textarea(attrs={"rows": 2}))
    auditor = forms.CharField(label=_("稽核人員或單位"), max_length=200)
    summary = forms.CharField(
        label=_("稽核結果摘要"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    report = forms.FileField(label=_("稽核報告"), required=False)


class FindingForm(forms.Form):
    title = forms.CharField(label=_("缺失"), max_length=300)
    description = forms.CharField(label=_("說明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    severity = forms.ChoiceField(label=_("嚴重度"), choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from shouhu.assessment import selectors as assessment

        super().__init__(*args, **kwargs)
        self.fields["severity"].choices = assessment.severity_choices()  # type: ignore[attr-defined]
        self.fields["severity"].initial = "medium"


class TestForm(IsoDatesMixin, forms.ModelForm):
    __test__ = False  # not a pytest class

    report = forms.FileField(label=_("檢測報告"), required=False)

    class Meta:
        model = SecurityTest
        fields = services.TEST_FIELDS
        widgets = {
            "tested_on": DATE,
            "retested_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = self.instance.system if self.instance.pk else None  # kept when editing
        limit_choices(self, "system", _systems(user), gettext("系統"), keep=keep)


class PackForm(forms.Form):
    """The pack's contents; certificates are picked from a search of the evidence store (``found``: the
    files matching the reader's words, name, module or upload date), never from a fixed recent list."""

    client = forms.ModelChoiceField(label=_("提供對象"), queryset=Client.objects.all(), required=False)
    sections = forms.MultipleChoiceField(
        label=_("內容"), choices=PackSection.choices, widget=forms.CheckboxSelectMultiple
    )
    evidence_ids = forms.TypedMultipleChoiceField(
        label=_("證書及佐證檔案（證據庫）"), coerce=int, required=False, choices=[]
    )

    def __init__(self, *args: Any, actor: Any, query: str = "", **kwargs: Any) -> None:
        from shouhu.contracts import assurance

        super().__init__(*args, **kwargs)
        self.found = assurance.find_certificates(actor, query)
        values = self.data.getlist("evidence_ids") if hasattr(self.data, "getlist") else []
        posted = [int(v) for v in values if str(v).isdigit()][:100]
        chosen = list(assurance.readable_evidence(actor).filter(pk__in=posted)) if posted else []
        known = {e.pk for e in self.found}
        self.found += [e for e in chosen if e.pk not in known]
        self.chosen_ids = {e.pk for e in chosen}
        self.fields["evidence_ids"].choices = [  # type: ignore[attr-defined]
            (e.pk, e.display_name) for e in self.found
        ]
