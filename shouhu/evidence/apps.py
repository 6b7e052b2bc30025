from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "shouhu.evidence"
    verbose_name = "佐證檔案 Evidence"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from shouhu.core.navigation import NavItem, register

        register("base", NavItem(_("佐證檔案"), "evidence:list", "evidence.view", order=90))
