from django.apps import AppConfig


class ScansConfig(AppConfig):
    name = "shouhu.scans"
    label = "scans"
    verbose_name = "個資掃描"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register("do", NavItem(pgettext_lazy("menu", "個資掃描"), "scans:list", "scans.view", order=80))
        from shouhu.scans import dbmasking, jobs, masking, panels  # noqa: F401  (register the job handlers and the panel)
