from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "shouhu.imports"
    label = "imports"
    verbose_name = "匯入"

    def ready(self) -> None:
        from shouhu.imports import jobs  # noqa: F401  (register the confirmation job)
