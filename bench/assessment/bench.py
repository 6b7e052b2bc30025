"""Benchmark: server time to render the full 93-item answer page and to generate the DOCX and XLSX.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python bench/assessment/bench.py                      # SQLite
    SHOUHU_DATABASE_URL=postgres://postgres@127.0.0.1:5432/shouhu \
        .venv/bin/python bench/assessment/bench.py                  # PostgreSQL

It creates a throw-away database (``test_shouhu_bench_assessment`` on PostgreSQL), 20 past completed
assessments of both tables, and one current assessment with every item answered (blanks, explanations,
evidence), then times each request through Django's test client (the whole server side: middleware,
queries, templates, rendering) and prints median and worst wall time of the timed runs after one warm-up, and the median CPU time of this
process (the server's own work, which stays meaningful when other jobs compete for the cores).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shouhu.config.settings_test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "10"))
PAST = 20


def _seed() -> tuple[Any, Any]:
    from shouhu.accounts.models import RoleAssignment, TOTPDevice, User
    from shouhu.assessment import services
    from shouhu.assessment.models import Answer, Assessment, State
    from shouhu.core import crypto

    officer = User.objects.create(username="officer", password_changed_at=timezone.now())
    RoleAssignment.objects.create(user=officer, role="pd_officer", starts_on=timezone.localdate())
    TOTPDevice.objects.create(
        user=officer, secret_encrypted=crypto.encrypt("JBSWY3DPEHPK3PXP"), confirmed_at=timezone.now()
    )
    results = ["conform", "partial", "nonconform", "conform"]
    for year in range(PAST):
        past = services.create_assessment(
            actor=officer,
            data={
                "kind": "self",
                "tables": "both",
                "company_name": "守護資訊股份有限公司",
                "assessed_on": dt.date(2000 + year, 6, 1),
            },
            assessors=[officer],
        )
        for index, answer in enumerate(Answer.objects.filter(assessment=past)):
            answer.result = results[(index + year) % len(results)]
            answer.applicable = True
            answer.explanation = f"第 {year} 年檢查說明 {answer.item_id}"
            answer.save(update_fields=["result", "applicable", "explanation"])
        Assessment.objects.filter(pk=past.pk).update(state=State.COMPLETED, completed_at=timezone.now())
    current = services.create_assessment(
        actor=officer,
        data={
            "kind": "self",
            "tables": "both",
            "company_name": "守護資訊股份有限公司",
            "assessed_on": dt.date(2026, 11, 20),
            "scope": "全公司",
        },
        assessors=[officer],
    )
    catalogue = services.catalogue_of(current)
    for index, answer in enumerate(Answer.objects.filter(assessment=current).order_by("position")):
        item = catalogue.item(answer.item_id)
        ticked = [o.id for o in item.options if not o.blanks and not o.free_text][:2]
        services.save_answer(
            actor=officer,
            assessment=current,
            item_id=answer.item_id,
            version=answer.version,
            data={
                "applicable": True,
                "ticked": ticked,
                "explanation": "已依程序辦理並留存紀錄。" * 3,
                "result": results[index % len(results)],
            },
        )
        if index % 10 == 0:
            services.attach_evidence(
                actor=officer,
                assessment=current,
                item_id=answer.item_id,
                file=f"%PDF-1.4\n% {index}\n%%EOF\n".encode(),
                filename=f"佐證{index}.pdf",
            )
    return officer, current


def _time(label: str, fn: Callable[[], Any], target_ms: float) -> None:
    fn()  # warm-up (template and catalogue caches)
    wall, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    median, worst, cpu_median = statistics.median(wall), max(wall), statistics.median(cpu)
    verdict = "OK" if median < target_ms else "SLOW"
    print(
        f"{label:<30} wall median {median:7.1f} ms  worst {worst:7.1f} ms  cpu median {cpu_median:7.1f} ms"
        f"  target < {target_ms:.0f} ms  {verdict}"
    )


def main() -> None:
    # No setup_test_environment(): its template instrumentation would inflate every render.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = (
        "test_shouhu_bench_assessment" if connection.vendor == "postgresql" else None
    )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        officer, current = _seed()
        client = Client()
        client.force_login(officer)

        def get(url: str, size_hint: str) -> Callable[[], Any]:
            def run() -> Any:
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                assert len(response.content) > 1000, size_hint
                return response

            return run

        base = f"/assessment/{current.pk}"
        print(
            f"database: {connection.vendor}; past assessments: {PAST}; items on the page: "
            f"{current.answers.count()}; timed runs: {RUNS}"
        )
        _time("answer page (93 items)", get(f"{base}/", "page"), 150)
        _time("scores page (with comparison)", get(f"{base}/scores/", "scores"), 150)
        _time("DOCX export", get(f"{base}/export/docx/", "docx"), 2000)
        _time("XLSX export", get(f"{base}/export/xlsx/", "xlsx"), 2000)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
