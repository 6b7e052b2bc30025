from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "shouhu.contracts"
    label = "contracts"
    verbose_name = "委託者契約與稽核"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from shouhu.core.navigation import NavItem, register

        register(
            "do",
            NavItem(pgettext_lazy("menu", "委託者契約"), "contracts:contracts", "contracts.view", order=53),
        )
        register(
            "do",
            NavItem(pgettext_lazy("menu", "資安保證資料包"), "contracts:packs", "contracts.view", order=54),
        )
        register(
            "check",
            NavItem(pgettext_lazy("menu", "委託者稽核"), "contracts:audits", "contracts.view", order=40),
        )
        register(
            "check",
            NavItem(pgettext_lazy("menu", "安全檢測報告"), "contracts:tests", "contracts.view", order=41),
        )
        from shouhu.contracts import assurance, panels  # noqa: F401  (register the pack job and the panel)
        from shouhu.contracts.terms import TERMS
        from shouhu.core.official import register_official_source

        # The Chinese wording of the terms (law data with citations) is shown beside their English.
        register_official_source(
            "law", lambda: [text for t in TERMS.values() for text in (t.label_zh, t.citation)]
        )
