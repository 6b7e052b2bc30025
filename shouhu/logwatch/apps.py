from django.apps import AppConfig


class LogwatchConfig(AppConfig):
    name = "shouhu.logwatch"
    label = "logwatch"
    verbose_name = "存取紀錄監控"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "do",
            NavItem(pgettext_lazy("menu", "存取紀錄監控"), "logwatch:alerts", "logwatch.view", order=90),
            NavItem(pgettext_lazy("menu", "記錄來源"), "logwatch:sources", "logwatch.view", order=91),
        )
        from shouhu.logwatch import drills, jobs, panels  # noqa: F401  (register the job handlers and the panel)
