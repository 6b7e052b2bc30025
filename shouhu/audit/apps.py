from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "shouhu.audit"
    verbose_name = "稽核紀錄 Audit log"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register("admin", NavItem(pgettext_lazy("menu", "稽核紀錄"), "audit:list", "audit.view", order=10))
        from django.db.backends.signals import connection_created

        from shouhu.audit import panels  # noqa: F401  (registers the dashboard panel)
        from shouhu.audit.guard import register_function

        connection_created.connect(register_function, dispatch_uid="shouhu-audit-guard")
