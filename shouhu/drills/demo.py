"""Demo piece of phishing drills: two drills six months apart with results for the demo staff (the second
better than the first), so the trend chart and the remedial training have something to show."""

from __future__ import annotations

from shouhu.core.demo import DemoContext, days, step
from shouhu.drills import services
from shouhu.drills.models import Stage

FIRST = [Stage.SUBMITTED, Stage.CLICKED, Stage.OPENED, Stage.CLICKED, Stage.SENT, Stage.OPENED]
SECOND = [Stage.CLICKED, Stage.OPENED, Stage.SENT, Stage.OPENED, Stage.SENT, Stage.SENT]


@step(order=87)
def drills(ctx: DemoContext) -> None:
    officer = ctx.cast.officer
    people = list(ctx.people.values())
    plans = (
        ("上半年社交工程演練", days(-190), "假冒物流業者寄送「包裹配送失敗」通知，附重新配送連結。", FIRST),
        ("下半年社交工程演練", days(-10), "假冒人資部寄送「年終獎金試算」連結，誘導輸入帳號密碼。", SECOND),
    )
    for title, held_on, scenario, stages in plans:
        drill = services.create_drill(actor=officer, title=title, held_on=held_on, scenario=scenario,
                                      audience="全體員工")  # fmt: skip
        entries = [services.Entry(p.pk, stages[i % len(stages)], i % 3 == 0) for i, p in enumerate(people)]
        services.record_results(actor=officer, drill=drill, entries=entries, source="manual")
    ctx.count("drills", "社交工程演練", len(plans))
