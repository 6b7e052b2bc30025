"""Demo piece of the plan: the plan generated from everything the earlier steps recorded, approved by the
個資保護總負責人 as the person the company authorised (when the demo has accounts)."""

from __future__ import annotations

from shouhu.core.demo import DemoContext, step
from shouhu.plan import services


@step(order=90)
def plan(ctx: DemoContext) -> None:
    version = services.generate_draft(actor=ctx.cast.officer)
    chief = ctx.cast.owners.get("privacy.chief")
    if chief is not None:
        services.approve(
            actor=chief, version=version, capacity="authorised",
            authorisation="董事會決議授權個資保護總負責人核定本計畫（示範）",
            authorisation_file="董事會決議（示範）：授權個資保護總負責人核定個人資料檔案安全維護計畫。\n".encode(),
            authorisation_filename="董事會授權書（示範）.txt",
        )  # fmt: skip
    ctx.count("plan", "安全維護計畫版本", 1)
