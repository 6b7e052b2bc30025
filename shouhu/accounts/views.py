"""Sign-in, MFA, password change and reset, personal API tokens. Views are thin: services hold the rules."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts import events
from shouhu.accounts.forms import CodeForm, LoginForm, PasswordChangeForm, ResetSetPasswordForm, TokenForm
from shouhu.accounts.models import ApiToken, User
from shouhu.accounts.services import lockout, mfa, passwords, tokens
from shouhu.core.request_context import client_ip

MFA_PENDING_SECONDS = 300


def _safe_next(request: HttpRequest, target: str | None = None) -> str:
    if target is None:
        target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return str(reverse("core:dashboard"))


def _complete_login(request: HttpRequest, user: User, *, next_url: str | None = None) -> HttpResponse:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session["last_seen"] = int(time.time())
    if user.language:
        request.session["_language"] = user.language
    lockout.reset_failures(user.username, client_ip(request))
    events.login_succeeded(user)
    return redirect(_safe_next(request, next_url))


def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = lockout.check_password_login(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
            ip=client_ip(request),
        )
        if result.user is None:
            form.add_error(None, result.message)
        elif mfa.has_confirmed_device(result.user):
            request.session["mfa_pending"] = {
                "uid": result.user.pk,
                "at": int(time.time()),
                "next": str(_safe_next(request)),
            }
            return redirect("accounts:mfa_verify")
        else:
            return _complete_login(request, result.user)
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")})


def mfa_verify_view(request: HttpRequest) -> HttpResponse:
    pending = request.session.get("mfa_pending")
    if not pending or int(time.time()) - pending["at"] > MFA_PENDING_SECONDS:
        request.session.pop("mfa_pending", None)
        messages.error(request, _("驗證逾時，請重新登入。"))
        return redirect("accounts:login")
    user = get_object_or_404(User, pk=pending["uid"], is_active=True)
    form = CodeForm(request.POST or None)
    ip = client_ip(request)
    if request.method == "POST" and form.is_valid():
        until = lockout.current_lock(user.username, ip)
        if until:
            form.add_error(None, lockout.locked_message(until))
        elif mfa.verify(user=user, code=form.cleaned_data["code"]):
            request.session.pop("mfa_pending", None)
            return _complete_login(request, user, next_url=pending.get("next", ""))
        else:
            until = lockout.register_failure(user.username, ip, reason="bad_mfa_code")
            form.add_error(None, lockout.locked_message(until) if until else _("驗證碼錯誤。"))
    return render(request, "accounts/mfa_verify.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        events.logged_out(request.user)
    logout(request)
    messages.info(request, _("已登出。"))
    return redirect("accounts:login")


@login_required
def mfa_setup_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if mfa.has_confirmed_device(user):
        return render(request, "accounts/mfa_status.html", {"enabled": True})
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = mfa.confirm_enrolment(user=user, code=form.cleaned_data["code"])
        except mfa.MfaError as exc:
            form.add_error("code", str(exc))
        else:
            return render(request, "accounts/mfa_recovery.html", {"codes": codes})
    enrolment = mfa.pending_enrolment(user=user) or mfa.start_enrolment(user=user)
    return render(request, "accounts/mfa_setup.html", {"form": form, "enrolment": enrolment})


@login_required
def password_change_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            passwords.set_password(actor=user, user=user, password=form.cleaned_data["new_password1"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("new_password1", message)
        else:
            from django.contrib.auth import update_session_auth_hash

            update_session_auth_hash(request, user)
            messages.success(request, _("密碼已變更。"))
            return redirect("core:dashboard")
    expired = passwords.password_expired(user)
    return render(request, "accounts/password_change.html", {"form": form, "expired": expired})


@login_required
def profile_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = tokens.create_token(
            actor=user, user=user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        form = TokenForm()
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "new_token": new_token,
            "mfa_enabled": mfa.has_confirmed_device(user),
            "tokens": ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at"),
        },
    )


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.revoke_token(actor=request.user, token=token)  # type: ignore[arg-type]
    messages.success(request, _("權杖已撤銷。"))
    return redirect("accounts:profile")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = ResetSetPasswordForm
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form: ResetSetPasswordForm) -> HttpResponse:  # type: ignore[override]
        messages.success(self.request, _("密碼已重設，請以新密碼登入。"))
        return super().form_valid(form)


@login_required
def locks_view(request: HttpRequest) -> HttpResponse:
    """Locked account names and source IPs, with an unlock button (an office behind one NAT IP needs it)."""
    from django.utils import timezone

    from shouhu.accounts.models import LoginThrottle
    from shouhu.accounts.permissions import require, signed_in_user

    require(request.user, "accounts.manage")
    if request.method == "POST":
        throttle = get_object_or_404(LoginThrottle, pk=request.POST.get("id"))
        lockout.unlock(actor=signed_in_user(request), scope=throttle.scope, key=throttle.key)
        messages.success(request, _("已解除鎖定：{key}").format(key=throttle.key))
        return redirect("accounts:locks")
    locked = LoginThrottle.objects.filter(locked_until__gt=timezone.now()).order_by("-locked_until")
    return render(request, "accounts/locks.html", {"locked": locked})
