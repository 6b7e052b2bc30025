from django import forms
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import IsoDateInput, IsoDatesMixin


class UploadForm(IsoDatesMixin, forms.Form):
    file = forms.FileField(
        label=_("檔案"),
        help_text=_("允許：pdf、docx、xlsx、pptx、png、jpg、txt、csv、log、zip、eml；上限 50 MB。"),
    )
    description = forms.CharField(label=_("說明"), max_length=500, required=False)
    retention_until = forms.DateField(label=_("保存至（留空為 5 年）"), required=False, widget=IsoDateInput())
