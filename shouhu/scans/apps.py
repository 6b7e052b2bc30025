from django.apps import AppConfig


class ScansConfig(AppConfig):
    name = "shouhu.scans"
    label = "scans"
    verbose_name = "個資掃描"
