from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "shouhu.documents"
    label = "documents"
    verbose_name = "政策及文件管理"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "do", NavItem(pgettext_lazy("menu", "政策及文件"), "documents:list", "documents.view", order=12)
        )
        register(
            "staff",
            NavItem(
                pgettext_lazy("menu", "待確認的政策文件"), "documents:mine", "documents.acknowledge", order=20
            ),
        )
        from shouhu.documents import jobs, panels  # noqa: F401  (the reminder job, the staff home panel)
