"""實施情形 report and the Art. 18 measures completed from their own records."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shouhu.evidence.services import read_bytes_internal
from shouhu.law import services as law
from shouhu.law.models import Completion, Obligation
from shouhu.plan import implementation, services
from shouhu.plan.models import ReportStatus
from tests.law.conftest import company_data
from tests.plan.conftest import AUTH

pytestmark = pytest.mark.django_db


@pytest.fixture
def art18(officer, org):
    """Our company falls under moda Art. 18 (capital ≥ NT$10 M), so its measures are on the calendar."""
    law.save_company_facts(actor=officer, data=company_data())
    assert Obligation.objects.filter(key__startswith="moda-art18-", active=True).count() == 8


def _zip(report):
    return zipfile.ZipFile(io.BytesIO(read_bytes_internal(report.zip)))


def _year():
    today = timezone.localdate()
    return today - dt.timedelta(days=365), today


def test_report_zip_holds_the_approved_plan_the_records_and_a_verifiable_manifest(
    officer, chief, make_file, django_capture_on_commit_callbacks
):
    make_file()
    plan = services.generate_draft(actor=officer)
    services.approve(actor=chief, version=plan, capacity="authorised", authorisation="授權書", **AUTH)
    start, end = _year()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(actor=officer, start=start, end=end)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert report.zip.whole_company  # every department's records: a department officer cannot open it
    zf = _zip(report)
    names = set(zf.namelist())
    assert "01_安全維護計畫/第1版.docx" in names
    assert zf.read("01_安全維護計畫/第1版.docx") == read_bytes_internal(plan.docx)
    assert {"02_實施紀錄/風險評估.csv", "02_實施紀錄/法遵行事曆完成紀錄.csv", "04_第18條措施.csv"} <= names
    sums = dict(line.split("  ", 1)[::-1] for line in zf.read("SHA256SUMS.txt").decode().splitlines())
    assert set(sums) == names - {"SHA256SUMS.txt"}
    assert all(hashlib.sha256(zf.read(path)).hexdigest() == digest for path, digest in sums.items())


def test_without_an_approved_plan_the_report_says_so(officer, django_capture_on_commit_callbacks):
    start, end = _year()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(actor=officer, start=start, end=end)
    report.refresh_from_db()
    text = _zip(report).read("00_說明.txt").decode()
    assert "期間結束日前尚無核定之安全維護計畫。" in text
    assert "風險評估：期間內無紀錄。" in text


def test_the_report_completes_measures_from_records_written_before_they_were_on_the_calendar(
    officer, org, make_file, django_capture_on_commit_callbacks
):
    counted = timezone.localdate() - dt.timedelta(days=20)
    make_file(counted_on=counted)  # before Art. 18 applies: nothing on the calendar to complete yet
    law.save_company_facts(actor=officer, data=company_data())
    assert Obligation.objects.get(key="moda-art18-inventory").last_done_on is None
    start, end = _year()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_report(actor=officer, start=start, end=end)
    inventory = Obligation.objects.get(key="moda-art18-inventory")
    assert inventory.last_done_on == counted
    assert "個資盤點：1 個檔案於期間內計算筆數" in inventory.completions.get().note
    # no risk was assessed, no audit completed: those measures stay open
    assert Obligation.objects.get(key="moda-art18-risk").last_done_on is None
    assert Obligation.objects.get(key="moda-art18-audit").last_done_on is None


def test_training_measure_follows_the_training_completion(officer, art18):
    done = timezone.localdate() - dt.timedelta(days=3)
    law.complete_from_record(actor=officer, key="training", done_on=done, note="年度教育訓練")
    status = {
        s.key: s for s in implementation.complete_art18(actor=officer, period=implementation.Period(*_year()))
    }
    assert status["moda-art18-training"].found is not None
    assert Obligation.objects.get(key="moda-art18-training").last_done_on == done
    assert status["moda-art18-access"].found is None


def test_a_measure_completed_by_the_report_reads_in_the_readers_language(officer, org, login_as, settings):
    from django.utils import translation

    law.save_company_facts(actor=officer, data=company_data())
    done = timezone.localdate() - dt.timedelta(days=3)
    law.complete_from_record(actor=officer, key="training", done_on=done, note="年度教育訓練")
    # as if the measure had not been completed with the training (only the report finds it)
    Completion.objects.filter(obligation__key="moda-art18-training").delete()
    Obligation.objects.filter(key="moda-art18-training").update(last_done_on=None)
    with translation.override("en"):  # requested from an English page: the note is still stored in zh-TW
        implementation.complete_art18(actor=officer, period=implementation.Period(*_year()))
    completion = Obligation.objects.get(key="moda-art18-training").completions.get()
    assert completion.note.startswith("教育訓練及演練：")
    assert completion.note.endswith("（法遵行事曆完成紀錄 1 筆）")
    page = login_as(officer)
    page.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page.get(f"/law/calendar/{completion.obligation_id}/").content.decode()
    assert "Training and drills: " in english
    assert "(compliance-calendar completions: 1)" in english
    assert "教育訓練及演練" not in english


def test_a_report_whose_worker_died_says_so_in_the_readers_language(officer, login_as, settings):
    from shouhu.jobs import services as jobs
    from shouhu.jobs.models import Job
    from shouhu.plan.models import ImplementationReport, ReportStatus

    settings.SHOUHU_JOB_STALE_SECONDS = 60
    beat = timezone.now() - dt.timedelta(seconds=61)
    start, end = _year()
    report = ImplementationReport.objects.create(period_start=start, period_end=end, created_by=officer)
    Job.objects.create(kind="plan.implementation_report", params={"report_id": report.pk}, worker="h:1",
                       status=Job.Status.RUNNING, started_at=beat, heartbeat_at=beat, attempts=jobs.MAX_ATTEMPTS)  # fmt: skip
    jobs.reap_stale()
    report.refresh_from_db()
    assert (report.status, report.error) == (ReportStatus.FAILED, "背景程序中斷，報告未完成；請重新產生。")
    page = login_as(officer)
    page.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page.get("/plan/").content.decode()
    assert "The worker stopped before the report was finished; please build it again." in english
    page.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    assert "背景程序中斷，報告未完成；請重新產生。" in page.get("/plan/").content.decode()


def test_a_period_ending_in_the_future_is_refused(officer):
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="不可晚於今天"):
        services.request_report(actor=officer, start=today, end=today + dt.timedelta(days=1))


def test_the_report_zip_is_named_in_the_readers_language(officer, report_zip):
    from django.utils import translation

    from shouhu.plan.models import ImplementationReport

    report_zip(officer)
    archive = ImplementationReport.objects.get().zip
    assert archive.original_name.startswith("實施情形_")
    with translation.override("en"):
        assert archive.display_name.startswith("implementation-report_")
        assert archive.display_name.endswith(".zip")
