"""Demo piece of the document register: the privacy policy and two procedures; approving the policy sends it
to everyone for acknowledgement (runs before the plan step, which reads the register)."""

from __future__ import annotations

from shouhu.core.demo import DemoContext, days, step
from shouhu.documents import services

DOCUMENTS = [
    ("P-01", "個人資料保護及資訊安全政策", "policy", "法遵長"),
    ("PR-01", "個人資料事故通報及應變程序", "procedure", "資安長"),
    ("PR-02", "當事人權利行使處理程序", "procedure", "法遵長"),
]


def _file(code: str, title: str) -> bytes:
    # A one-page PDF stand-in for the office's own Word/PDF file (the demo has no real document).
    text = f"{code} {title}".encode("ascii", "replace")
    return b"%PDF-1.4\n% Shouhu demo document\n" + text + b"\n%%EOF\n"


@step(order=85)
def documents(ctx: DemoContext) -> None:
    officer = ctx.cast.officer
    approver = ctx.cast.owners.get("privacy.chief")
    made = []
    for code, title, tier, owner_title in DOCUMENTS:
        doc = services.create_document(actor=officer, code=code, title=title, tier=tier,
                                       owner=ctx.people.get(owner_title))  # fmt: skip
        version = services.add_version(actor=officer, document=doc, file=_file(code, title), filename=f"{code}.pdf",
                                       change_summary="初版", effective_on=days(-30))  # fmt: skip
        made.append(version)
    if approver is not None:
        for version in made:
            # approving the policy starts its acknowledgement campaign for everyone in service
            services.approve_version(actor=approver, version=version, ack_due_on=days(14))
    ctx.count("documents", "政策及文件", len(made))
