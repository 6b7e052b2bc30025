from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import IsoDateInput, IsoDatesMixin
from shouhu.organization.models import (
    Client,
    ClientContact,
    CompanyProfile,
    Department,
    Designation,
    Person,
    ServiceType,
)


class CompanyForm(forms.ModelForm):
    class Meta:
        model = CompanyProfile
        fields = [
            "name",
            "ubn",
            "address",
            "representative",
            "representative_person",
            "capital_twd",
            "company_type",
            "industry_code",
            "employees",
            "head_office_city",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The model's 64-bit range gave the input a negative min, so the browser offered negative amounts.
        capital = self.fields["capital_twd"]
        assert isinstance(capital, forms.IntegerField)
        capital.min_value = 0
        capital.widget.attrs["min"] = "0"
        capital.validators.append(MinValueValidator(0, message=_("實收資本額不可為負數。")))


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "code", "parent"]


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "employee_no", "email", "phone", "department", "job_title", "manager", "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(active=True)
        if self.instance.pk:
            people = people.exclude(pk=self.instance.pk) | Person.objects.filter(pk=self.instance.manager_id)
        manager = self.fields["manager"]
        assert isinstance(manager, forms.ModelChoiceField)
        manager.queryset = people.order_by("name", "id")


class AccountForm(forms.Form):
    username = forms.CharField(label=_("帳號"), max_length=150)
    password = forms.CharField(
        label=_("初始密碼"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("至少 12 個字元、四類字元中至少三類；首次登入時必須變更。"),
    )


class DesignationForm(IsoDatesMixin, forms.ModelForm):
    class Meta:
        model = Designation
        fields = ["kind", "person", "position", "since"]
        widgets = {"since": IsoDateInput()}


class ClientForm(forms.ModelForm):
    service_types = forms.MultipleChoiceField(
        label=_("服務類型"), choices=ServiceType.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Client
        fields = ["name", "ubn", "industry_code", "industry_name", "service_types", "notes", "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["service_types"] = self.instance.service_types


class ContactForm(forms.ModelForm):
    class Meta:
        model = ClientContact
        fields = ["name", "title", "email", "phone", "is_security_contact"]
