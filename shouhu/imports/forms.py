from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shouhu.imports.services import size_error


class ImportForm(forms.Form):
    file = forms.FileField(label=_("檔案（XLSX 或 CSV：UTF-8、UTF-8 BOM、Big5）"))

    def clean_file(self) -> Any:
        """Refuse an oversized upload before anything reads it into memory."""
        upload = self.cleaned_data["file"]
        message = size_error(upload.size or 0)
        if message:
            raise forms.ValidationError(message)
        return upload
