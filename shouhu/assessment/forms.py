"""Forms for the assessment pages (input shape only; the rules live in the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shouhu.accounts.models import User
from shouhu.assessment.models import Assessment, CorrectiveAction, Finding
from shouhu.core.formtools import IsoDateInput, IsoDatesMixin
from shouhu.engines.catalog import available_versions


def _users(*keep: Any) -> Any:
    """Active accounts, plus the ones already chosen (a departed owner stays until someone changes it)."""
    chosen = [pk for pk in keep if pk is not None]
    return User.objects.filter(Q(is_active=True) | Q(pk__in=chosen)).order_by("username")


class AssessmentForm(IsoDatesMixin, forms.ModelForm):
    assessors = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("檢查人"),
        help_text=_("可複選：稽核人員或其他同仁"),
    )
    catalogue_version = forms.ChoiceField(label=_("檢查表版本"), choices=())

    class Meta:
        model = Assessment
        fields = [
            "kind",
            "tables",
            "company_name",
            "assessed_on",
            "external_assessors",
            "scope",
            "catalogue_version",
        ]
        widgets = {"assessed_on": IsoDateInput(), "scope": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = list(self.instance.assessors.values_list("pk", flat=True)) if self.instance.pk else []
        self.fields["assessors"].queryset = _users(*chosen)  # type: ignore[attr-defined]
        self.fields["catalogue_version"].choices = [(v, v) for v in available_versions()]  # type: ignore[attr-defined]
        if self.instance.pk:
            for name in ("kind", "tables", "catalogue_version"):
                self.fields[name].disabled = True
            self.fields["assessors"].initial = list(self.instance.assessors.all())

    def _post_clean(self) -> None:
        """Model validation runs in the service (so it is audited once)."""


class RevisionForm(forms.Form):
    reason = forms.CharField(label=_("修訂原因"), max_length=300)


class ReviewForm(forms.Form):
    comments = forms.CharField(label=_("管理審查意見"), widget=forms.Textarea(attrs={"rows": 4}))
    sign_off = forms.BooleanField(label=_("簽核（確認審查完成）"), required=False)


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["item_id", "title", "description", "severity"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"item_id": _("項目編號（可空白）")}

    def _post_clean(self) -> None:
        """Validated in the service."""


class SeverityForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["severity", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def _post_clean(self) -> None:
        """Validated in the service."""


class ActionForm(IsoDatesMixin, forms.ModelForm):
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False, label=_("負責人"))

    class Meta:
        model = CorrectiveAction
        fields = [
            "title",
            "cause",
            "similar",
            "measures",
            "owner",
            "due_on",
            "effectiveness",
            "measures_update",
            "record",
        ]
        widgets = {
            "due_on": IsoDateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("cause", "similar", "measures", "effectiveness", "measures_update", "record")
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _users(self.instance.owner_id)  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        """Validated in the service."""


class TransitionForm(forms.Form):
    to = forms.CharField()
    note = forms.CharField(required=False, max_length=1000)


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(label=_("上傳佐證"))
    description = forms.CharField(required=False, max_length=500, label=_("說明"))


class EvidenceLinkForm(forms.Form):
    evidence_id = forms.IntegerField(min_value=1, label=_("既有佐證檔案編號"))
