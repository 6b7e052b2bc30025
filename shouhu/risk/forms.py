from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import IsoDateInput, IsoDatesMixin, limit_choices
from shouhu.inventory import selectors as inventory
from shouhu.risk import items
from shouhu.risk.models import Risk, RiskAction, RiskMatrix

DATE = IsoDateInput()


class ItemsField(forms.CharField):
    """Checklist items typed as printed (「附錄一 3.1.1」), stored as catalogue ids."""

    def to_python(self, value: object) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [items.parse(p) for p in text.replace("，", ",").replace("、", ",").split(",") if p.strip()]

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "、".join(items.printed(v) for v in value)
        return value


class RiskForm(IsoDatesMixin, forms.ModelForm):
    control_items = ItemsField(
        label=_("對應檢查項目"),
        required=False,
        help_text=_("例如 附錄一 3.1.1、附錄二 2.1.1，以頓號或逗號分隔"),
    )

    class Meta:
        model = Risk
        fields = [
            "scope",
            "system",
            "file",
            "activity",
            "threat",
            "description",
            "likelihood",
            "impact",
            "existing_controls",
            "control_items",
            "treatment",
            "accepted_by",
            "accepted_on",
            "residual_likelihood",
            "residual_impact",
            "owner",
            "assessed_on",
            "next_review",
        ]
        widgets = {
            "accepted_on": DATE,
            "assessed_on": DATE,
            "next_review": DATE,
            "description": forms.Textarea(attrs={"rows": 2}),
            "existing_controls": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # only the systems and files the user may read (a department officer: their departments')
        limit_choices(self, "system", inventory.systems(actor=user), gettext("系統"))
        limit_choices(self, "file", inventory.files(actor=user), gettext("個人資料檔案"))

    def _post_clean(self) -> None:
        """Validation of the risk happens in the service."""


class ReassessForm(IsoDatesMixin, forms.ModelForm):
    note = forms.CharField(label=_("重新評估說明"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].required = False
        self.fields["assessed_on"].help_text = _("空白表示今天")

    class Meta:
        model = Risk
        fields = [
            "likelihood",
            "impact",
            "treatment",
            "accepted_by",
            "accepted_on",
            "residual_likelihood",
            "residual_impact",
            "assessed_on",
            "next_review",
        ]
        widgets = {"accepted_on": DATE, "assessed_on": DATE, "next_review": DATE}

    def _post_clean(self) -> None:
        """Validation of the risk happens in the service."""


class ActionForm(IsoDatesMixin, forms.ModelForm):
    class Meta:
        model = RiskAction
        fields = ["description", "owner", "due_date"]
        widgets = {"due_date": DATE}


class MatrixForm(forms.ModelForm):
    class Meta:
        model = RiskMatrix
        fields = ["likelihood_levels", "impact_levels", "medium_from", "high_from", "acceptable_below"]
