from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "shouhu.organization"
    verbose_name = "組織 Organisation"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "base",
            NavItem(pgettext_lazy("menu", "組織與人員"), "organization:company", "org.view", order=10),
            NavItem(pgettext_lazy("menu", "委託者"), "organization:clients", "org.view", order=20),
        )
        from shouhu.organization import panels  # noqa: F401  (registers the dashboard panel)
