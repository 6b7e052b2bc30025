from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "shouhu.training"
    label = "training"
    verbose_name = "教育訓練"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from shouhu.core.navigation import NavItem, register

        register("do", NavItem(_("教育訓練"), "training:list", "training.view", order=14))
        from shouhu.training import importing  # noqa: F401  (register the attendance import spec)
