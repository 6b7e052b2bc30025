"""Demo piece of training: last year's company-wide session, held, with attendance (before the plan step)."""

from __future__ import annotations

from decimal import Decimal

from shouhu.core.demo import DemoContext, days, step
from shouhu.training import services


@step(order=86)
def training(ctx: DemoContext) -> None:
    officer = ctx.cast.officer
    people = list(ctx.people.values())
    session = services.create_session(
        actor=officer, title="年度個人資料保護及資訊安全教育訓練", topics=["law", "duties", "procedures", "phishing"],
        held_on=days(-100), hours=Decimal("3"), trainer="外部講師（律師事務所）", audience="全體員工", people=people,
    )  # fmt: skip
    for index, person in enumerate(people):
        # one absent, one not recorded yet (unknown), everyone else present with a quiz score
        attended = None if index == len(people) - 1 else index != 3
        services.record_attendance(actor=officer, session=session, person=person, attended=attended,
                                   score=80 + index if attended else None)  # fmt: skip
    services.mark_held(actor=officer, session=session)
    ctx.count("training", "教育訓練場次", 1)
    # the first person also attends the yearly awareness for managers; another has a remedial training due
    services.set_leader(actor=officer, person=people[0], kind="manager")
    services.assign(actor=officer, person_ids=[people[-1].pk], topic="phishing", reason="社交工程演練點擊連結，安排補強訓練",
                    due=days(30))  # fmt: skip
