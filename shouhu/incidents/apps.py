from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "shouhu.incidents"
    label = "incidents"
    verbose_name = "個資事故"
