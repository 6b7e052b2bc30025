from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "shouhu.inventory"
    label = "inventory"
    verbose_name = "個資盤點"
