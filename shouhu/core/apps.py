from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "shouhu.core"
    verbose_name = "核心 Core"
