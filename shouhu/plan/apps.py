from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "shouhu.plan"
    label = "plan"
    verbose_name = "個人資料檔案安全維護計畫"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register("do", NavItem(pgettext_lazy("menu", "安全維護計畫"), "plan:list", "plan.view", order=10))
        from shouhu.plan import jobs  # noqa: F401  (register the report job)
