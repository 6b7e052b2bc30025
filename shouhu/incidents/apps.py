from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "shouhu.incidents"
    label = "incidents"
    verbose_name = "個資事故"

    def ready(self) -> None:
        from shouhu.incidents import panels, reminders  # noqa: F401  (register the panel and the reminder job)
