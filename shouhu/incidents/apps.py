from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "shouhu.incidents"
    label = "incidents"
    verbose_name = "個資事故"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "staff",
            NavItem(pgettext_lazy("menu", "通報疑似事件"), "incidents:suspect", "incidents.report", order=10),
        )
        register(
            "act", NavItem(pgettext_lazy("menu", "個資事故"), "incidents:list", "incidents.view", order=20)
        )
        from shouhu.incidents import jobs, panels, reminders  # noqa: F401  (register the panel and the jobs)
