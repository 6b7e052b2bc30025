from django.apps import AppConfig


class DrillsConfig(AppConfig):
    name = "shouhu.drills"
    label = "drills"
    verbose_name = "社交工程演練"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register
        from shouhu.drills import importing  # noqa: F401  (registers the GoPhish results import)

        register("do", NavItem(pgettext_lazy("menu", "社交工程演練"), "drills:list", "drills.view", order=15))
