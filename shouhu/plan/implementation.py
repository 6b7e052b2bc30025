"""實施情形: what shows the plan was carried out in a period, the moda Art. 18 measures completed from their
own records, and the ZIP an authority can be sent (approved plan + record lists + evidence + SHA-256 manifest).

Every record comes from its module's selectors. A measure with no record in the period is reported as
"no record found", never as done.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from shouhu.assessment import selectors as assessment
from shouhu.core import messages
from shouhu.core.bilingual import pick
from shouhu.core.exports import csv_bytes
from shouhu.drills import selectors as drills
from shouhu.evidence.services import read_bytes_internal
from shouhu.incidents import selectors as incidents
from shouhu.inventory import selectors as inventory
from shouhu.jobs.services import DONE
from shouhu.law import selectors as law
from shouhu.law import services as law_services
from shouhu.people import selectors as people
from shouhu.plan.models import PlanVersion
from shouhu.requests import selectors as subject_requests
from shouhu.risk import selectors as risk

ART18_PREFIX = "moda-art18-"


# What each measure's latest record is, kept as a message: the calendar note it becomes reads in any language.
LATEST = messages.define(
    "plan.art18.latest",
    gettext_noop("{label}：{title}（法遵行事曆完成紀錄 {n} 筆）"),
    lambda f: {**f, "label": gettext(f["label"])},
)
INVENTORY = messages.define("plan.art18.inventory", gettext_noop("個資盤點：{n} 個檔案於期間內計算筆數"))
RISK = messages.define("plan.art18.risk", gettext_noop("風險評估：{n} 項風險於期間內評估"))
AUDIT = messages.define("plan.art18.audit", gettext_noop("自我檢查及稽核：{n} 次於期間內完成"))
IMPROVEMENT = messages.define("plan.art18.improvement", gettext_noop("矯正措施：{n} 項於期間內結案"))
PLAN_APPROVED = messages.define("plan.art18.plan_approved", gettext_noop("安全維護計畫第 {n} 版於期間內核定"))
# The report job's steps (its progress on the job page).
STEPS = [
    messages.define(f"plan.report_step.{i}", zh, context="progress")
    for i, zh in enumerate(
        (
            gettext_noop("核定之計畫"),
            gettext_noop("實施紀錄清單"),
            gettext_noop("佐證檔案"),
            gettext_noop("自我檢查報告"),
            gettext_noop("事故函復資料"),
            gettext_noop("第18條措施"),
        )
    )
]


@dataclass(frozen=True)
class Found:
    """The latest record of a measure in the period: its date and what it is (no personal data)."""

    done_on: dt.date
    said: messages.Message

    @property
    def what(self) -> str:
        """What the record is, in the reader's language."""
        return messages.render(self.said.key, self.said.facts, self.said.text)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def aware(self) -> tuple[dt.datetime, dt.datetime]:
        tz = timezone.get_current_timezone()
        first = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        return first, dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


def _latest_completion(period: Period, keys: Iterable[str], label: str) -> Found | None:
    rows = [c for c in law.completions(start=period.start, end=period.end) if c.obligation.key in set(keys)]
    if not rows:
        return None
    last = max(rows, key=lambda c: c.done_on)
    with translation.override("en"):
        english = last.obligation.title
    title = {"zh": last.obligation.title_zh, "en": english}
    return Found(last.done_on, messages.compose(LATEST, label=label, title=title, n=len(rows)))


def _inventory(period: Period) -> Found | None:
    qs = inventory.files().filter(counted_on__gte=period.start, counted_on__lte=period.end)
    last = qs.aggregate(m=Max("counted_on"))["m"]
    return Found(last, messages.compose(INVENTORY, n=qs.count())) if last else None


def _risk(period: Period) -> Found | None:
    qs = risk.risks().filter(assessed_on__gte=period.start, assessed_on__lte=period.end)
    last = qs.aggregate(m=Max("assessed_on"))["m"]
    return Found(last, messages.compose(RISK, n=qs.count())) if last else None


def _procedure(period: Period) -> Found | None:
    return _latest_completion(period, ["purpose-review"], gettext_noop("特定目的及期限檢視"))


def _technical(period: Period) -> Found | None:
    keys = ["web-vuln-scan-pentest", "host-vuln-scan-malware", "password-change", "access-log-monitoring"]
    return _latest_completion(period, keys, gettext_noop("技術措施"))


def _access(period: Period) -> Found | None:
    return _latest_completion(period, ["permission-review"], gettext_noop("權限檢視"))


def _training(period: Period) -> Found | None:
    return _latest_completion(period, ["training", "phishing-drill"], gettext_noop("教育訓練及演練"))


def _audit(period: Period) -> Found | None:
    first, after = period.aware()
    qs = assessment.assessments().filter(completed_at__gte=first, completed_at__lt=after)
    last = qs.aggregate(m=Max("completed_at"))["m"]
    return Found(timezone.localdate(last), messages.compose(AUDIT, n=qs.count())) if last else None


def _improvement(period: Period) -> Found | None:
    first, after = period.aware()
    qs = assessment.actions().filter(closed_at__gte=first, closed_at__lt=after)
    last = qs.aggregate(m=Max("closed_at"))["m"]
    found = Found(timezone.localdate(last), messages.compose(IMPROVEMENT, n=qs.count())) if last else None
    approved = PlanVersion.objects.filter(approved_at__gte=first, approved_at__lt=after).order_by(
        "-approved_at"
    )
    plan = approved.first()
    if plan is not None and plan.approved_at is not None:
        day = timezone.localdate(plan.approved_at)
        if found is None or day > found.done_on:
            found = Found(day, messages.compose(PLAN_APPROVED, n=plan.number))
    return found


# The moda rule Art. 18 measures (keys in shouhu/engines/law/data/recurring.toml) and the records that
# complete each of them.
MEASURES: dict[str, Callable[[Period], Found | None]] = {
    "moda-art18-inventory": _inventory,
    "moda-art18-risk": _risk,
    "moda-art18-procedure": _procedure,
    "moda-art18-technical": _technical,
    "moda-art18-access": _access,
    "moda-art18-training": _training,
    "moda-art18-audit": _audit,
    "moda-art18-improvement": _improvement,
}


@dataclass(frozen=True)
class MeasureStatus:
    key: str
    title: str
    found: Found | None
    on_calendar: bool


def art18_status(period: Period) -> list[MeasureStatus]:
    """Each Art. 18 measure with the latest record found in the period (or None)."""
    titles = {
        o.id: pick(o.title_zh, o.title_en) for o in law.catalogue().recurring if o.id.startswith(ART18_PREFIX)
    }
    active = {o.key for o in law.obligations(active=True) if o.key.startswith(ART18_PREFIX)}
    return [
        MeasureStatus(key, titles.get(key, key), finder(period), key in active)
        for key, finder in MEASURES.items()
    ]


def complete_art18(*, actor: Any, period: Period) -> list[MeasureStatus]:
    """Record on the calendar every Art. 18 measure that has a record in the period (its own record's date).

    The caller has checked its permission (``plan.manage``); measures not on the calendar are left alone.
    """
    statuses = art18_status(period)
    for s in statuses:
        if (
            s.found is not None and s.on_calendar
        ):  # the note is a message: the calendar shows it in any language
            law_services.complete_from_record(
                actor=actor, key=s.key, done_on=s.found.done_on, note=s.found.said
            )
    return statuses


# --- the report ZIP ----------------------------------------------------------------------------------------


def _d(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _record_lists(actor: Any, period: Period) -> dict[str, tuple[list[str], list[list[Any]]]]:
    first, after = period.aware()
    done = assessment.assessments().filter(assessed_on__gte=period.start, assessed_on__lte=period.end)
    incident_rows = incidents.incidents(user=actor).filter(discovered_at__gte=first, discovered_at__lt=after)
    risks = risk.risks().filter(assessed_on__gte=period.start, assessed_on__lte=period.end)
    actions = assessment.actions().filter(finding__assessment__assessed_on__lte=period.end)
    requests_rows = subject_requests.requests().filter(received_at__gte=first, received_at__lt=after)
    return {
        "自我檢查及稽核.csv": (
            ["編號", "類別", "檢查時間", "狀態", "完成時間"],
            [[f"A-{a.pk}", a.get_kind_display(), _d(a.assessed_on), a.get_state_display(), _d(a.completed_at)]
             for a in done],
        ),
        "事故及演練.csv": (
            ["編號", "演練", "狀態", "發現時間", "處理結束時間"],
            [[f"I-{i.pk}", "是" if i.is_drill else "否", i.get_state_display(), _d(i.discovered_at),
              _d(i.handling_ended_at)] for i in incident_rows],
        ),
        "風險評估.csv": (
            ["編號", "評估範圍", "威脅", "固有風險值", "處理方式", "殘餘風險值", "評估日期"],
            [[f"R-{r.pk}", r.get_scope_display(), r.get_threat_display(), r.inherent_score,
              r.get_treatment_display(), r.residual_score, _d(r.assessed_on)] for r in risks.iterator()],
        ),
        "矯正措施.csv": (
            ["編號", "狀態", "期限", "結案時間"],
            [[f"CA-{a.pk}", a.get_state_display(), _d(a.due_on), _d(a.closed_at)] for a in actions],
        ),
        "社交工程演練.csv": (
            ["編號", "演練日期", "演練名稱", "寄達人數", "點擊連結人數", "提交資料人數", "回報人數"],
            [[f"D-{d.pk}", _d(d.held_on), d.title, c.delivered, c.clicked, c.submitted, c.reported]
             for d, c in drills.held_between(period.start, period.end)],
        ),
        "存取權限審查.csv": (
            ["編號", "系統", "審查名稱", "結案時間", "帳號數", "撤銷", "調整權限", "結果檔 SHA-256（XLSX）",
             "結果檔 SHA-256（PDF）"],
            [[f"R-{r.pk}", r.system.name, r.title, _d(r.closed_at), r.total, r.revoked, r.changed,
              r.report.blob.sha256 if r.report else "", r.report_pdf.blob.sha256 if r.report_pdf else ""]
             for r in _reviews(period)],
        ),
        "離職檢核.csv": (
            ["人員", "離職日", "檢核完成時間", "項目", "結果", "說明", "處理時間"],
            [[o.person.name, _d(o.leaving_on), _d(o.closed_at) if o.closed_at else "未完成", i.title,
              i.get_outcome_display() if i.outcome else "未完成", i.note, _d(i.resolved_at)]
             for o in people.offboardings_between(period.start, period.end) for i in o.items.all()],
        ),
        "當事人權利行使.csv": (
            ["編號", "請求類型", "狀態", "收受時間", "准駁時間"],
            [[f"DSR-{q.pk}", q.get_kind_display(), q.get_state_display(), _d(q.received_at), _d(q.decided_at)]
             for q in requests_rows],
        ),
    }  # fmt: skip


def _reviews(period: Period) -> list[Any]:
    first, after = period.aware()
    return list(
        people.closed_reviews(since=period.start)
        .filter(closed_at__lt=after, closed_at__gte=first)
        .order_by("id")
    )


def _access_reviews(period: Period, files: dict[str, bytes], notes: list[str]) -> None:
    """The locked result files (XLSX and PDF) of every access review closed in the period."""
    rows = _reviews(period)
    if not rows:
        notes.append("存取權限審查：期間內無結案之審查。")
    for r in rows:
        base = f"07_存取權限審查/R-{r.pk}_{r.system.name.replace('/', '_')}"
        if r.report is not None:
            files[f"{base}.xlsx"] = read_bytes_internal(r.report)
        else:
            notes.append(f"存取權限審查 R-{r.pk}：無結果檔（XLSX）。")
        if r.report_pdf is not None:
            files[f"{base}.pdf"] = read_bytes_internal(r.report_pdf)
        else:
            notes.append(
                f"存取權限審查 R-{r.pk}：結案時未產生 PDF（伺服器未安裝 WeasyPrint 或中文字型），僅收錄 XLSX。"
            )


def plan_in_force(on: dt.date) -> PlanVersion | None:
    """The version approved latest on or before ``on`` (the plan in force then)."""
    tz = timezone.get_current_timezone()
    until = dt.datetime.combine(on + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return (
        PlanVersion.objects.select_related("docx__blob")
        .filter(approved_at__isnull=False, approved_at__lt=until)
        .order_by("-approved_at")
        .first()
    )


def _self_check_reports(actor: Any, period: Period, files: dict[str, bytes], notes: list[str]) -> None:
    """The report (XLSX and PDF) of every self-check or audit completed in the period."""
    first, after = period.aware()
    done = assessment.assessments().filter(completed_at__gte=first, completed_at__lt=after).order_by("id")
    if not done:
        notes.append("自我檢查報告：期間內無完成之自我檢查或內部稽核。")
    for a in done:
        base = f"05_自我檢查報告/A-{a.pk}_{a.get_kind_display()}_{_d(a.assessed_on)}"
        try:
            made, problems = assessment.report_files(actor=actor, assessment=a)
        except PermissionDenied:
            notes.append(f"自我檢查 A-{a.pk}：產生者無權讀取自我檢查，報告未收錄。")
            continue
        for ext, data in made.items():
            files[f"{base}.{ext}"] = data
        notes.extend(f"自我檢查 A-{a.pk}：{p}" for p in problems)


def _incident_packages(actor: Any, period: Period, files: dict[str, bytes], notes: list[str]) -> None:
    """The latest 函復主管機關資料 (附錄三 ZIP) of every incident or drill discovered in the period."""
    first, after = period.aware()
    rows = list(
        incidents.incidents(user=actor)
        .filter(discovered_at__gte=first, discovered_at__lt=after)
        .exclude(state__in=["suspected", "dismissed"])  # not (yet) an incident: nothing to report
    )
    packages = incidents.latest_packages([i.pk for i in rows])
    for i in sorted(rows, key=lambda r: r.pk):
        kind = "演練" if i.is_drill else "事故"
        package = packages.get(i.pk)
        if package is None or package.archive is None:
            notes.append(f"{kind} I-{i.pk}：尚未產生函復主管機關資料（附錄三），本報告未收錄其函復檔案。")
            continue
        name = package.archive.original_name.replace("/", "_")
        files[f"06_事故函復資料/I-{i.pk}_{name}"] = read_bytes_internal(package.archive)


def build_zip(
    *, actor: Any, period: Period, progress: Callable[[int, int, str | messages.Message], None]
) -> tuple[bytes, dict[str, str]]:
    """The report ZIP and its manifest (path → SHA-256). The manifest is also inside as SHA256SUMS.txt."""
    with translation.override(settings.LANGUAGE_CODE):  # an official package: Traditional Chinese
        return _build_zip(actor=actor, period=period, progress=progress)


def _build_zip(
    *, actor: Any, period: Period, progress: Callable[[int, int, str | messages.Message], None]
) -> tuple[bytes, dict[str, str]]:
    files: dict[str, bytes] = {}
    notes: list[str] = []
    plan = plan_in_force(period.end)
    progress(0, 6, messages.compose(STEPS[0]))
    if plan is None:
        notes.append("期間結束日前尚無核定之安全維護計畫。")
    else:
        files[f"01_安全維護計畫/第{plan.number}版.docx"] = read_bytes_internal(plan.docx)
        if plan.authorisation_file is not None:
            name = plan.authorisation_file.original_name.replace("/", "_")
            files[f"01_安全維護計畫/第{plan.number}版核定授權文件_{name}"] = read_bytes_internal(
                plan.authorisation_file
            )
    progress(1, 6, messages.compose(STEPS[1]))
    for name, (headers, rows) in _record_lists(actor, period).items():
        files[f"02_實施紀錄/{name}"] = csv_bytes(headers, rows)
        if not rows:
            notes.append(f"{name.removesuffix('.csv')}：期間內無紀錄。")
    completions = list(law.completions(start=period.start, end=period.end))
    files["02_實施紀錄/法遵行事曆完成紀錄.csv"] = csv_bytes(
        ["事項", "完成日", "說明", "佐證檔案 SHA-256"],
        [[c.obligation.title_zh, _d(c.done_on), c.note, c.evidence.blob.sha256 if c.evidence else ""]
         for c in completions],
    )  # fmt: skip
    progress(2, 6, messages.compose(STEPS[2]))
    for c in completions:
        if c.evidence is not None:
            name = c.evidence.original_name.replace("/", "_")
            files[f"03_佐證檔案/{c.done_on.isoformat()}_{c.evidence.blob.sha256[:12]}_{name}"] = (
                read_bytes_internal(c.evidence)
            )
    progress(3, 6, messages.compose(STEPS[3]))
    _self_check_reports(actor, period, files, notes)
    progress(4, 6, messages.compose(STEPS[4]))
    _incident_packages(actor, period, files, notes)
    _access_reviews(period, files, notes)
    progress(5, 6, messages.compose(STEPS[5]))
    statuses = art18_status(period)
    files["04_第18條措施.csv"] = csv_bytes(
        ["措施", "是否列於行事曆（第18條適用）", "期間內最近紀錄日", "紀錄"],
        [[s.title, "是" if s.on_calendar else "否", _d(s.found.done_on) if s.found else "",
          s.found.what if s.found else "期間內未找到紀錄"] for s in statuses],
    )  # fmt: skip
    summary = [
        "個人資料檔案安全維護計畫實施情形",
        f"期間：{period.start.isoformat()} 至 {period.end.isoformat()}",
        f"產生時間：{_d(timezone.now())}（臺北時間）",
        f"適用之計畫：第{plan.number}版（核定人 {plan.approver_name}）" if plan else "適用之計畫：無",
        "",
        "缺漏及說明：" if notes else "缺漏及說明：無。",
        *(f"- {n}" for n in notes),
        "",
        "各檔案之 SHA-256 列於 SHA256SUMS.txt，可用 sha256sum -c SHA256SUMS.txt 驗證。",
    ]
    files["00_說明.txt"] = ("\n".join(summary) + "\n").encode("utf-8")
    manifest = {path: hashlib.sha256(data).hexdigest() for path, data in sorted(files.items())}
    sums = "".join(f"{digest}  {path}\n" for path, digest in manifest.items()).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, data in sorted(files.items()):
            zf.writestr(path, data)
        zf.writestr("SHA256SUMS.txt", sums)
    progress(6, 6, messages.compose(DONE))
    return out.getvalue(), manifest
