from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "shouhu.risk"
    label = "risk"
    verbose_name = "風險評估"

    def ready(self) -> None:
        from shouhu.risk import importing, panels  # noqa: F401  (register the import spec and dashboard panel)
