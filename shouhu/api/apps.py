from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "shouhu.api"
    verbose_name = "API"
