from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "shouhu.evidence"
    verbose_name = "佐證檔案 Evidence"
