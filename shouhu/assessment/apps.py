from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "shouhu.assessment"
    label = "assessment"
    verbose_name = "自我檢查與稽核"

    def ready(self) -> None:
        from shouhu.assessment import panels  # noqa: F401  (registers the dashboard panel)
