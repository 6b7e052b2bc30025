from django.apps import AppConfig


class ScansConfig(AppConfig):
    name = "shouhu.scans"
    label = "scans"
    verbose_name = "個資掃描"

    def ready(self) -> None:
        from shouhu.scans import jobs, panels  # noqa: F401  (register the job handler and the panel)
