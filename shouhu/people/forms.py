from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from shouhu.accounts.models import User
from shouhu.core.formtools import IsoDateInput, IsoDatesMixin, limit_id_choices
from shouhu.inventory import selectors as inventory
from shouhu.people.models import Decision, Outcome


class UndertakingForm(IsoDatesMixin, forms.Form):
    signed_on = forms.DateField(label=_("簽署日"), widget=IsoDateInput())
    file = forms.FileField(label=_("簽署檔案（掃描檔或 PDF）"))
    valid_until = forms.DateField(
        label=_("有效期限（公司自訂，未填為不限期）"), widget=IsoDateInput(), required=False
    )
    note = forms.CharField(label=_("備註"), max_length=300, required=False)


class ReviewForm(IsoDatesMixin, forms.Form):
    system_id = forms.TypedChoiceField(label=_("系統"), coerce=int, choices=())
    title = forms.CharField(label=_("審查名稱（未填依系統命名）"), max_length=200, required=False)
    due_on = forms.DateField(label=_("完成期限"), widget=IsoDateInput())
    reviewers = forms.ModelMultipleChoiceField(
        label=_("審查人"), queryset=User.objects.filter(is_active=True).order_by("username"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        readable = inventory.systems(actor=user)  # only the systems the user may read
        limit_id_choices(self, "system_id", [(s.pk, s.name) for s in readable], gettext("系統"))


class ReviewersForm(forms.Form):
    reviewers = forms.ModelMultipleChoiceField(
        label=_("審查人"), queryset=User.objects.filter(is_active=True).order_by("username"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip


class AccountsUploadForm(forms.Form):
    file = forms.FileField(label=_("帳號清單（CSV 或 XLSX，自系統匯出）"))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("決定"), choices=Decision.choices)
    reason = forms.CharField(label=_("理由"), max_length=500)


class CloseReviewForm(IsoDatesMixin, forms.Form):
    followup_due_on = forms.DateField(
        label=_("撤銷及調整之處理期限（未填為 14 日後）"), widget=IsoDateInput(), required=False
    )
    followup_owner = forms.ModelChoiceField(
        label=_("矯正措施負責人（未選為結案者）"), required=False,
        queryset=User.objects.filter(is_active=True).order_by("username"),
    )  # fmt: skip


class FollowUpForm(forms.Form):
    note = forms.CharField(label=_("處理說明"), max_length=500)


class OffboardingForm(IsoDatesMixin, forms.Form):
    leaving_on = forms.DateField(label=_("離職日"), widget=IsoDateInput())


class ItemForm(forms.Form):
    outcome = forms.ChoiceField(label=_("結果"), choices=Outcome.choices)
    note = forms.CharField(label=_("說明"), max_length=500, required=False)


class AddItemForm(forms.Form):
    title = forms.CharField(label=_("項目"), max_length=200)
