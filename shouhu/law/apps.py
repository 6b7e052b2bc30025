from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "shouhu.law"
    label = "law"
    verbose_name = "法規"

    def ready(self) -> None:
        from shouhu.law import panels, tasks  # noqa: F401  (dashboard panel and job handler)
