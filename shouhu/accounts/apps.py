from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "shouhu.accounts"
    verbose_name = "帳號與權限 Accounts"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "admin", NavItem(pgettext_lazy("menu", "登入鎖定"), "accounts:locks", "accounts.manage", order=30)
        )
