from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "shouhu.organization"
    verbose_name = "組織 Organisation"
