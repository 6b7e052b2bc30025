from django import forms

from shouhu.core.formtools import IsoDateInput, IsoDatesMixin


class UploadForm(IsoDatesMixin, forms.Form):
    file = forms.FileField(
        label="檔案", help_text="允許：pdf、docx、xlsx、pptx、png、jpg、txt、csv、log、zip、eml；上限 50 MB。"
    )
    description = forms.CharField(label="說明", max_length=500, required=False)
    retention_until = forms.DateField(label="保存至（留空為 5 年）", required=False, widget=IsoDateInput())
