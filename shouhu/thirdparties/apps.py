from django.apps import AppConfig


class ThirdpartiesConfig(AppConfig):
    name = "shouhu.thirdparties"
    label = "thirdparties"
    verbose_name = "資料之傳輸、保存與終止"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "do",
            NavItem(
                pgettext_lazy("menu", "國際傳輸"), "thirdparties:transfers", "thirdparties.view", order=50
            ),
        )
        register(
            "do",
            NavItem(
                pgettext_lazy("menu", "受託者監督"),
                "thirdparties:subprocessors",
                "thirdparties.view",
                order=52,
            ),
        )
        register(
            "do",
            NavItem(
                pgettext_lazy("menu", "保存期限與銷毀"),
                "thirdparties:retention",
                "thirdparties.view",
                order=51,
            ),
        )
        from shouhu.thirdparties import panels, reminders  # noqa: F401  (register the panel and the reminder job)
