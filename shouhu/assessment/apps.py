from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "shouhu.assessment"
    label = "assessment"
    verbose_name = "自我檢查與稽核"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "check",
            NavItem(pgettext_lazy("menu", "自我檢查與稽核"), "assessment:list", "assessment.view", order=10),
        )
        register(
            "act", NavItem(pgettext_lazy("menu", "矯正措施"), "assessment:actions", "actions.view", order=10)
        )
        from shouhu.assessment import panels  # noqa: F401  (registers the dashboard panel)
