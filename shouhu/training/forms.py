from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import IsoDateInput, IsoDatesMixin
from shouhu.organization.models import Department
from shouhu.training.models import Topic


class SessionForm(IsoDatesMixin, forms.Form):
    title = forms.CharField(label=_("課程名稱"), max_length=200)
    topics = forms.MultipleChoiceField(
        label=_("課程主題"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    held_on = forms.DateField(label=_("上課日期"), widget=IsoDateInput())
    hours = forms.DecimalField(label=_("時數"), max_digits=4, decimal_places=1, min_value=0)
    trainer = forms.CharField(label=_("講師"), max_length=100)
    audience = forms.CharField(label=_("對象"), max_length=200)
    departments = forms.ModelMultipleChoiceField(
        label=_("邀請部門之在職人員（未選則不預先邀請）"), queryset=Department.objects.order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip


class MaterialsForm(forms.Form):
    file = forms.FileField(label=_("教材檔案"))


class LeaderForm(forms.Form):
    person: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("人員"), queryset=None)
    kind = forms.ChoiceField(label=_("身分"), choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from shouhu.organization import selectors as organization
        from shouhu.training.models import Leader

        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = organization.people(active=True)  # type: ignore[attr-defined]
        self.fields["kind"].choices = Leader.Kind.choices  # type: ignore[attr-defined]
