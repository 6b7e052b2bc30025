"""Demo piece of people and access: undertakings (two missing), an access review of the e-commerce member
database with one account still undecided, a review of the HR system not started, and one leaver (before the
plan step)."""

from __future__ import annotations

from shouhu.core.demo import DemoContext, days, step
from shouhu.inventory import selectors as inventory
from shouhu.people import services

UNSIGNED = {"前端工程師", "雲端架構師"}  # the demo shows who handles personal data without an undertaking
PDF = b"%PDF-1.4\n% Shouhu demo: signed confidentiality undertaking\n%%EOF\n"


def _rows(ctx: DemoContext, spec: list[tuple[str, str, str]]) -> list[services.AccountRow]:
    rows = []
    for username, title, privileges in spec:
        person = ctx.people.get(title)
        rows.append(services.AccountRow(
            username=username, display_name=person.name if person else "外包廠商", privileges=privileges,
            employee_no=person.employee_no if person else "", last_login=days(-3),
        ))  # fmt: skip
    return rows


@step(order=84)
def people_and_access(ctx: DemoContext) -> None:
    officer = ctx.cast.officer
    signed = 0
    for title, person in ctx.people.items():
        if title in UNSIGNED:
            continue
        services.record_undertaking(actor=officer, person=person, signed_on=days(-200), file=PDF,
                                    filename=f"保密切結書-{person.employee_no}.pdf")  # fmt: skip
        signed += 1
    systems = inventory.systems_by_name()
    shop = systems.get("好日子購物電商會員資料庫".casefold())
    hr = systems.get("人資差勤薪資系統".casefold())
    if shop is not None:
        review = services.create_review(actor=officer, system_id=shop.pk, title="",
                                        due_on=days(7), reviewers=[officer])  # fmt: skip
        services.add_accounts(actor=officer, review=review, rows=_rows(ctx, [
            ("wu.ch", "資深工程師", "admin"), ("tsai.th", "維運工程師", "dba"),
            ("liu.cy", "前端工程師", "read, export"), ("vendor01", "", "admin"),
        ]))  # fmt: skip
        decisions = {"wu.ch": ("keep", "專案負責工程師，仍需管理權限"), "tsai.th": ("keep", "資料庫維運"),
                     "liu.cy": ("change", "前端開發不需匯出權限，改為唯讀")}  # fmt: skip
        # vendor01 is left undecided: closing the review is the demo's next step, and it completes the
        # calendar's overdue 使用者權限檢視 (law demo: last done 200 days ago).
        for account in review.accounts.exclude(username="vendor01"):
            decision, reason = decisions[account.username]
            services.decide(actor=officer, account=account, decision=decision, reason=reason)
    if hr is not None:
        open_review = services.create_review(actor=officer, system_id=hr.pk, title="",
                                             due_on=days(21), reviewers=[officer])  # fmt: skip
        services.add_accounts(actor=officer, review=open_review, rows=_rows(ctx, [
            ("cheng.hr", "人資專員", "admin"), ("lin.ceo", "總經理", "read"), ("hsu.cs", "客服主任", "read"),
        ]))  # fmt: skip
    leaver = ctx.people.get("客服主任")
    if leaver is not None:
        services.start_offboarding(actor=officer, person=leaver, leaving_on=days(14))
    ctx.count("undertakings", "保密切結", signed)
