from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "shouhu.jobs"
    verbose_name = "背景工作 Jobs"

    def ready(self) -> None:
        # Register the built-in job handlers (modules register theirs in their own ready()).
        from shouhu.jobs import builtin  # noqa: F401
