from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "shouhu.jobs"
    verbose_name = "背景工作 Jobs"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register("admin", NavItem(pgettext_lazy("menu", "背景工作"), "jobs:list", "jobs.view", order=20))
        # Register the built-in job handlers (modules register theirs in their own ready()).
        from shouhu.jobs import (
            builtin,  # noqa: F401
            panels,  # noqa: F401  (registers the dashboard panel)
        )
