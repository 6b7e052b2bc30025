from django.contrib.auth import views as auth_views
from django.urls import path

from shouhu.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/mfa/", views.mfa_verify_view, name="mfa_verify"),
    path("logout/", views.logout_view, name="logout"),
    path("mfa/", views.mfa_setup_view, name="mfa_setup"),
    path("password/", views.password_change_view, name="password_change"),
    path("profile/", views.profile_view, name="profile"),
    path("locks/", views.locks_view, name="locks"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
]
