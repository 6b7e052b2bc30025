from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "shouhu.law"
    label = "law"
    verbose_name = "法規"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "plan",
            NavItem(pgettext_lazy("menu", "法規與適用"), "law:catalogue", "law.view", order=10),
            NavItem(pgettext_lazy("menu", "法定期限試算"), "law:deadline_preview", "law.view", order=20),
            NavItem(pgettext_lazy("menu", "法遵行事曆"), "law:calendar", "law.view", order=30),
        )
        from shouhu.law import panels, tasks  # noqa: F401  (dashboard panel and job handler)
