from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "shouhu.risk"
    label = "risk"
    verbose_name = "風險評估"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register("do", NavItem(pgettext_lazy("menu", "風險評估清冊"), "risk:list", "risk.view", order=30))
        from shouhu.risk import importing, panels  # noqa: F401  (register the import spec and dashboard panel)
