from __future__ import annotations

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
