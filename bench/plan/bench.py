"""Plan benchmark: generate the 個人資料檔案安全維護計畫 for a company with 10,000 personal-data files and
2,000 risks. Reports the time to gather the chapters from the records, to write the DOCX, to write the PDF,
and the whole ``generate_draft`` service (both files stored in the evidence store). Target: DOCX < 5 s.

Usage (from the repository root; a throw-away SQLite home is created unless SHOUHU_DATABASE_URL is set):
    .venv/bin/python bench/plan/bench.py [--files 10000] [--risks 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--risks", type=int, default=2_000)
    args = parser.parse_args()
    if not os.environ.get("SHOUHU_HOME"):  # never the default ~/.shouhu: a throw-away home
        os.environ["SHOUHU_HOME"] = tempfile.mkdtemp(prefix="bench-plan-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "shouhu.config.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.utils import timezone

    from shouhu.accounts.models import RoleAssignment, User
    from shouhu.core.seeding import run_all
    from shouhu.inventory.models import PersonalDataFile, Purpose, System
    from shouhu.organization.models import Client, CompanyProfile, Department
    from shouhu.plan import chapters, render, services
    from shouhu.risk.models import Risk

    run_all()
    CompanyProfile.objects.create(name="守護資訊股份有限公司", ubn="10458570", representative="林志明")
    deps = [Department.objects.create(name=f"部門{i:02d}") for i in range(10)]
    clients = [Client.objects.create(name=f"委託者{i:02d}股份有限公司") for i in range(20)]
    systems = [
        System.objects.create(name=f"系統{i:03d}", kind="client_store", location="cloud", network_zone="db")
        for i in range(50)
    ]
    user = User.objects.create(
        username="bench", email="bench@example.com", password_changed_at=timezone.now()
    )
    RoleAssignment.objects.create(user=user, role="pd_officer")
    purposes = list(Purpose.objects.exclude(code=None)[:40])
    today = timezone.localdate()
    files = PersonalDataFile.objects.bulk_create(
        PersonalDataFile(
            name=f"個資檔案{i:05d}", natural_key=f"{i % 10}|{i % 20}|f{i}", department=deps[i % 10],
            role="processor" if i % 3 else "controller", client=clients[i % 20] if i % 3 else None,
            records_general=1000 + i, records_special=i % 7, counted_on=today if i % 11 else None,
            cross_border=i % 50 == 0, countries=["日本"] if i % 100 == 0 else [],
            data_subjects=["consumer"], notice_given=i % 4 != 0,
        )
        for i in range(args.files)
    )  # fmt: skip
    through = PersonalDataFile.purposes.through
    through.objects.bulk_create(
        through(personaldatafile_id=f.pk, purpose_id=purposes[i % len(purposes)].pk)
        for i, f in enumerate(files)
    )
    Risk.objects.bulk_create(
        Risk(
            natural_key=f"risk-{i}", scope="system", system=systems[i % 50], threat="leakage",
            description=f"風險情境 {i}", likelihood=1 + i % 5, impact=1 + (i // 5) % 5,
            inherent_score=(1 + i % 5) * (1 + (i // 5) % 5), treatment="reduce" if i % 9 else "",
            assessed_on=today - dt.timedelta(days=i % 300),
        )
        for i in range(args.risks)
    )  # fmt: skip

    t0 = time.perf_counter()
    content = chapters.build(actor=user)
    t1 = time.perf_counter()
    docx = render.docx_bytes(content, number=1, state="草稿", approval="尚未核定")
    t2 = time.perf_counter()
    pdf = render.pdf_bytes(content, number=1, state="草稿", approval="尚未核定")
    t3 = time.perf_counter()
    services.generate_draft(actor=user)
    t4 = time.perf_counter()
    print(json.dumps({
        "files": args.files, "risks": args.risks,
        "database": os.environ.get("SHOUHU_DATABASE_URL", "sqlite").split("@")[-1],
        "gather_s": round(t1 - t0, 2), "docx_s": round(t2 - t1, 2),
        "docx_total_s": round(t2 - t0, 2), "docx_kb": len(docx) // 1024,
        "pdf_s": round(t3 - t2, 2), "pdf_kb": len(pdf) // 1024,
        "generate_draft_service_s": round(t4 - t3, 2),
    }, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
