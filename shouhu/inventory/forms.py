from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import IsoDateInput, IsoDatesMixin, limit_choices
from shouhu.core.importing.fields import multi
from shouhu.inventory.models import (
    Category,
    DataSubject,
    FlowStep,
    LegalBasis,
    NoticeKind,
    PersonalDataFile,
    Purpose,
    RefStatus,
    SpecialCategory,
    System,
)
from shouhu.inventory.selectors import systems
from shouhu.inventory.widgets import CodePicker

CHECKS = forms.CheckboxSelectMultiple


class SystemForm(forms.ModelForm):
    class Meta:
        model = System
        fields = [
            "name",
            "kind",
            "owner",
            "department",
            "location",
            "cloud_provider",
            "region",
            "network_zone",
            "holds_real_data",
            "hosting",
            "clients",
            "notes",
        ]
        widgets = {"clients": CHECKS}


class FileForm(IsoDatesMixin, forms.ModelForm):
    data_subjects = forms.MultipleChoiceField(
        label=_("當事人類型"), choices=DataSubject.choices, widget=CHECKS
    )
    legal_bases = forms.MultipleChoiceField(
        label=_("蒐集依據（個資法第 19 條）"), choices=LegalBasis.choices, widget=CHECKS
    )
    special_categories = forms.MultipleChoiceField(
        label=_("特種個資（個資法第 6 條）"), choices=SpecialCategory.choices, widget=CHECKS, required=False
    )
    countries = forms.CharField(label=_("傳輸國家或地區"), required=False, help_text=_("以頓號或逗號分隔"))
    purposes = forms.ModelMultipleChoiceField(
        label=_("特定目的"),
        queryset=Purpose.objects.exclude(status=RefStatus.MISSING),
        widget=CodePicker(search_label=_("搜尋特定目的（代碼或名稱）")),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("個資類別"),
        queryset=Category.objects.all(),
        widget=CodePicker(search_label=_("搜尋個資類別（代碼或名稱）")),
    )
    systems = forms.ModelMultipleChoiceField(
        label=_("系統"), queryset=System.objects.all(), required=False, widget=CHECKS
    )

    class Meta:
        model = PersonalDataFile
        fields = [
            "name",
            "department",
            "business_process",
            "source_forms",
            "role",
            "client",
            "data_subjects",
            "data_subjects_other",
            "purposes",
            "categories",
            "legal_bases",
            "special_categories",
            "records_general",
            "records_special",
            "counted_on",
            "count_source",
            "systems",
            "storage_locations",
            "cross_border",
            "countries",
            "retention_period",
            "retention_basis",
            "lifecycle_collection",
            "lifecycle_processing",
            "lifecycle_use",
            "lifecycle_deletion",
            "notice_given",
            "notice_reference",
        ]
        widgets = {
            "counted_on": IsoDateInput(),
            **{
                f: forms.Textarea(attrs={"rows": 2})
                for f in (
                    "source_forms",
                    "storage_locations",
                    "lifecycle_collection",
                    "lifecycle_processing",
                    "lifecycle_use",
                    "lifecycle_deletion",
                )
            },
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["countries"] = "、".join(self.instance.countries)
        # only the systems the user may read; editing keeps links to systems the editor cannot see
        linked = list(self.instance.systems.all()) if self.instance.pk else []
        limit_choices(self, "systems", systems(actor=user), gettext("系統"), keep=linked)

    def clean_countries(self) -> list[str]:
        return multi(self.cleaned_data.get("countries") or "")

    def _post_clean(self) -> None:
        """Model validation happens in the service (with the cross-field rules)."""


class ScanFileForm(FileForm):
    """A new file prefilled from a scan: the scan's count is a lower bound, so a lower count is confirmed."""

    confirm_lower = forms.BooleanField(
        label=_("確認：實際筆數少於掃描讀到的筆數（例如掃描的資料含測試資料）"), required=False
    )

    def __init__(self, *args: Any, scanned: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["records_general"].help_text = _(
            "掃描讀到至少 {count} 筆（下限估計：只計入實際讀到的資料）；請依實際筆數調整。"
        ).format(count=f"{scanned:,}")


class StepForm(forms.ModelForm):
    class Meta:
        model = FlowStep
        fields = ["stage", "system", "description", "order"]


class NoticeGenerateForm(forms.Form):
    kind = forms.ChoiceField(label=_("類型"), choices=NoticeKind.choices)
    data_source = forms.CharField(label=_("資料來源（間接蒐集時必填）"), required=False)


class NoticeEditForm(forms.Form):
    text = forms.CharField(label=_("告知內容"), widget=forms.Textarea(attrs={"rows": 16}))


class CustomPurposeForm(forms.Form):
    name = forms.CharField(label=_("自訂特定目的"), max_length=300)


class SpecialForm(forms.Form):
    """Mark a data category as PDPA Art. 6 special data (naming which of the article's words), or unmark it."""

    special = forms.BooleanField(required=False, widget=forms.HiddenInput)
    term = forms.ChoiceField(
        label=_("屬於第 6 條第 1 項的哪一種"),
        choices=[("", "—"), *SpecialCategory.choices],
        required=False,
    )


class WordingForm(forms.Form):
    """An administrator's official wording for an MOJ code, with where it was read."""

    name = forms.CharField(label=_("官方名稱"), max_length=300)
    source = forms.CharField(label=_("出處"), max_length=300)
