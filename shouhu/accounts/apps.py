from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "shouhu.accounts"
    verbose_name = "帳號與權限 Accounts"
