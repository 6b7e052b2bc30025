from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shouhu.accounts.models import User
from shouhu.accounts.roles import Role
from shouhu.core.formtools import IsoDateInput, IsoDatesMixin


class LoginForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("帳號"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=gettext_lazy("密碼"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("驗證碼"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=gettext_lazy("目前密碼"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password1 = forms.CharField(
        label=gettext_lazy("新密碼"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("至少 12 個字元；大寫、小寫、數字、特殊符號至少 3 類；不可與最近 3 次相同。"),
    )
    new_password2 = forms.CharField(
        label=gettext_lazy("再次輸入新密碼"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self) -> str:
        value = self.cleaned_data["old_password"]
        if not self.user.check_password(value):
            raise forms.ValidationError(_("目前密碼不正確。"))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password1") and data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", _("兩次輸入的新密碼不一致。"))
        return data


class ResetSetPasswordForm(SetPasswordForm):
    """Django's reset form, saving through our service so history, expiry and audit apply."""

    def save(self, commit: bool = True) -> Any:
        from shouhu.accounts.services.passwords import set_password

        set_password(actor=self.user, user=self.user, password=self.cleaned_data["new_password1"])
        return self.user


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("權杖名稱"), max_length=100)
    days = forms.IntegerField(label=gettext_lazy("有效天數"), min_value=1, max_value=3650, initial=365)


class UserCreateForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("帳號"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("電子郵件"))
    password = forms.CharField(
        label=gettext_lazy("初始密碼"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("使用者首次登入時必須變更。"),
    )


class RoleAssignForm(IsoDatesMixin, forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("角色"), choices=Role.choices)
    department: forms.ModelChoiceField = forms.ModelChoiceField(
        label=gettext_lazy("部門（僅個資管理專員）"), queryset=None, required=False
    )
    starts_on = forms.DateField(label=gettext_lazy("開始日"), widget=IsoDateInput())
    ends_on = forms.DateField(label=gettext_lazy("結束日"), required=False, widget=IsoDateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from shouhu.organization.models import Department

        self.fields["department"].queryset = Department.objects.all()  # type: ignore[attr-defined]
