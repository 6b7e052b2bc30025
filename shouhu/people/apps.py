from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "shouhu.people"
    label = "people"
    verbose_name = "人員及存取權限"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "do", NavItem(pgettext_lazy("menu", "人員及存取權限"), "people:index", "people.view", order=14)
        )
        register(
            "staff", NavItem(pgettext_lazy("menu", "我的權限審查"), "people:mine", "people.review", order=25)
        )
        from shouhu.assessment import services as assessment
        from shouhu.people import (  # noqa: F401  (register the account import, the panel and the reminder job)
            importing,
            panels,
            reminders,
            services,
        )

        assessment.on_action_closed(services.action_closed)
