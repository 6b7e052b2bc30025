from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "shouhu.law"
    label = "law"
    verbose_name = "法規"
