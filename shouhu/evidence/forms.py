from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shouhu.accounts.permissions import readable_departments
from shouhu.core.formtools import IsoDateInput, IsoDatesMixin
from shouhu.evidence.models import Evidence


class UploadForm(IsoDatesMixin, forms.Form):
    file = forms.FileField(
        label=_("檔案"),
        help_text=_("允許：pdf、docx、xlsx、pptx、png、jpg、txt、csv、log、zip、eml；上限 50 MB。"),
    )
    description = forms.CharField(label=_("說明"), max_length=500, required=False)
    retention_until = forms.DateField(label=_("保存至（留空為 5 年）"), required=False, widget=IsoDateInput())
    department: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("權責部門"),
        queryset=None,  # set per user in __init__
        required=False,
        empty_label=_("全公司"),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The department model is reached through the foreign key: platform apps do not import each other.
        department_model: Any = Evidence._meta.get_field("department").related_model
        departments = department_model._default_manager.order_by("name")
        readable = readable_departments(user, "evidence.view")
        field = self.fields["department"]
        if readable is None:
            field.queryset = departments  # type: ignore[attr-defined]
        else:  # a department officer files under one of their departments, never the whole company
            field.queryset = departments.filter(pk__in=readable)  # type: ignore[attr-defined]
            field.required, field.empty_label = True, None  # type: ignore[attr-defined]
