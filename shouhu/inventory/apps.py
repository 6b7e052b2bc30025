from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "shouhu.inventory"
    label = "inventory"
    verbose_name = "個資盤點"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "do",
            NavItem(pgettext_lazy("menu", "個資盤點"), "inventory:files", "inventory.view", order=10),
            NavItem(pgettext_lazy("menu", "系統與資產"), "inventory:systems", "inventory.view", order=20),
        )
        from shouhu.inventory import importing, panels, reference  # noqa: F401  (import specs, panels, seeders)
