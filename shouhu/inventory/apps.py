from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "shouhu.inventory"
    label = "inventory"
    verbose_name = "個資盤點"

    def ready(self) -> None:
        from shouhu.inventory import jobs, panels, reference  # noqa: F401  (register handlers, panels, seeders)
