from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "shouhu.api"
    verbose_name = "API"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "admin",
            NavItem(pgettext_lazy("menu", "API 文件"), "api-1.0.0:openapi-view", "org.view", order=90),
        )
