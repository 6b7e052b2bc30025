from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "shouhu.core"
    verbose_name = "核心 Core"

    def ready(self) -> None:
        from shouhu.core import panels  # noqa: F401  (registers the foundation's dashboard panels)
