from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "shouhu.risk"
    label = "risk"
    verbose_name = "風險評估"
