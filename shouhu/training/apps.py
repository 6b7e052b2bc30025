from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "shouhu.training"
    label = "training"
    verbose_name = "教育訓練"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register("do", NavItem(pgettext_lazy("menu", "教育訓練"), "training:list", "training.view", order=14))
        register(
            "staff",
            NavItem(pgettext_lazy("menu", "我的教育訓練"), "training:mine", "training.attend", order=22),
        )
        from shouhu.training import (
            importing,  # noqa: F401  (register the attendance import spec)
            panels,  # noqa: F401  (the staff home's due trainings)
        )
