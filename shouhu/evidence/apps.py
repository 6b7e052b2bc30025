from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "shouhu.evidence"
    verbose_name = "佐證檔案 Evidence"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "base", NavItem(pgettext_lazy("menu", "佐證檔案"), "evidence:list", "evidence.view", order=90)
        )
