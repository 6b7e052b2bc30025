from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "shouhu.audit"
    verbose_name = "稽核紀錄 Audit log"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from shouhu.core.navigation import NavItem, register

        register("admin", NavItem(_("稽核紀錄"), "audit:list", "audit.view", order=10))
        from shouhu.audit import panels  # noqa: F401  (registers the dashboard panel)
