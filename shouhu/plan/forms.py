from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from shouhu.core.formtools import IsoDateInput, IsoDatesMixin
from shouhu.core.templatetags.shouhu import roc
from shouhu.plan import selectors, services
from shouhu.plan.models import Authorisation, Capacity


class ApproveForm(IsoDatesMixin, forms.Form):
    capacity = forms.ChoiceField(label=_("核定身分"), choices=Capacity.choices, widget=forms.RadioSelect)
    authorisation_on_file = forms.ModelChoiceField(
        label=_("已存檔的授權文件"), required=False, queryset=Authorisation.objects.none(),
        empty_label=_("不選用，上傳新的授權文件"),
        help_text=_("以經授權人員身分核定時，可選用先前上傳且仍在有效期限內的授權文件。"),
    )  # fmt: skip
    authorisation = forms.CharField(
        label=_("授權依據"), max_length=300, required=False,
        help_text=_("以經授權人員身分核定時必填（選用已存檔的授權文件時可留空，沿用其授權依據），例如董事會決議日期或授權書文號。"),
    )  # fmt: skip
    authorisation_file = forms.FileField(
        label=_("授權文件"), required=False,
        help_text=_("未選用已存檔的授權文件時必須上傳（董事會決議或授權書之掃描檔），存入佐證庫並鎖定，之後核定可再選用。"),
    )  # fmt: skip
    authorisation_valid_until = forms.DateField(
        label=_("授權有效期限"), required=False, widget=IsoDateInput(),
        help_text=_("授權文件載明期限時填寫；空白表示文件未載明期限。"),
    )  # fmt: skip
    note = forms.CharField(label=_("核定意見"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(label=_("本人已閱讀本版計畫全文並同意核定"), required=True)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user is not None and services.is_representative(user):
            # The company profile names this user as the 代表人: they approve in person, no authorisation.
            self.fields["capacity"].initial = Capacity.REPRESENTATIVE
        field = self.fields["authorisation_on_file"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.valid_authorisations(user)
        field.label_from_instance = _on_file_label  # type: ignore[method-assign]
        if not field.queryset.exists():
            del self.fields["authorisation_on_file"]


def _on_file_label(obj: Authorisation) -> str:
    until = roc(obj.valid_until) if obj.valid_until else gettext("未載明期限")
    return f"{obj.basis}（{obj.file.original_name}；{gettext('有效期限')}{gettext('：')}{until}）"


class ReportForm(IsoDatesMixin, forms.Form):
    start = forms.DateField(label=_("期間起日"), widget=IsoDateInput())
    end = forms.DateField(label=_("期間迄日"), widget=IsoDateInput())
