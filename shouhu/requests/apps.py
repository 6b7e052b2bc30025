from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "shouhu.requests"
    label = "subject_requests"  # "requests" would read like the HTTP library in logs and tracebacks
    verbose_name = "當事人權利行使"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "do", NavItem(pgettext_lazy("menu", "當事人權利行使"), "requests:list", "requests.view", order=40)
        )
        register(
            "do",
            NavItem(pgettext_lazy("menu", "行銷退出名單"), "requests:suppression", "requests.view", order=41),
        )
        from shouhu.requests import panels, reminders  # noqa: F401  (register the panel and the reminder job)
