"""Scan sources, runs and aggregated findings. No row here ever holds a raw personal value or a clear
database password: findings keep category, location, counts, masked samples and confidence only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shouhu.core.bilingual import pick
from shouhu.engines.pii import CATEGORY_LABELS, MOJ_CATEGORY_CODES, is_personal
from shouhu.engines.pii.categories import CATEGORY_LABELS_EN


class SourceKind(models.TextChoices):
    PATH = "path", _("伺服器路徑")
    DATABASE = "database", _("資料庫")


class ScanSource(models.Model):
    """What to scan: a path on the server (with globs and a size limit) or a database URL (encrypted)."""

    name = models.CharField(_("名稱"), max_length=200, unique=True)
    kind = models.CharField(_("類型"), max_length=10, choices=SourceKind.choices)
    path = models.CharField(_("伺服器路徑"), max_length=1000, blank=True)
    include = models.TextField(_("包含（glob，每行一個）"), blank=True)
    exclude = models.TextField(_("排除（glob，每行一個）"), blank=True)
    max_size_mb = models.PositiveIntegerField(_("單檔大小上限（MB）"), default=100)
    url_encrypted = models.TextField(blank=True, editable=False)
    url_masked = models.CharField(_("資料庫連線（遮罩）"), max_length=1000, blank=True, editable=False)
    # Whether an administrator set the database URL: a URL set by anyone else is checked again (host resolved,
    # every address against the allow-list and the forbidden ranges) when the scan connects.
    url_set_by_admin = models.BooleanField(default=False, editable=False)
    sample_rows = models.PositiveIntegerField(_("每表抽樣筆數（0 = 全表）"), default=1000)
    files = models.ManyToManyField(
        "inventory.PersonalDataFile",
        blank=True,
        related_name="scan_sources",
        verbose_name=_("對應個人資料檔案"),
    )
    system = models.ForeignKey(
        "inventory.System",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scan_sources",
        verbose_name=_("對應系統"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "掃描來源"

    def __str__(self) -> str:
        return self.name

    @property
    def target(self) -> str:
        """What the scan reads, safe to show: the path, or the URL with its password masked."""
        return self.path if self.kind == SourceKind.PATH else self.url_masked

    def globs(self, field: str) -> tuple[str, ...]:
        return tuple(line.strip() for line in getattr(self, field).splitlines() if line.strip())


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("排隊中")
    RUNNING = "running", _("執行中")
    SUCCEEDED = "succeeded", _("完成")
    FAILED = "failed", _("失敗")


class ScanRun(models.Model):
    """One execution of a source as a background job, with totals and the skipped list."""

    source = models.ForeignKey(
        ScanSource, on_delete=models.CASCADE, related_name="runs", verbose_name=_("來源")
    )
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    target = models.CharField(_("掃描目標"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    units = models.PositiveIntegerField(_("已掃描檔案或資料表"), default=0)
    bytes_scanned = models.PositiveBigIntegerField(default=0)
    findings_total = models.PositiveBigIntegerField(_("發現數"), default=0)
    totals = models.JSONField(_("各類別統計"), default=dict, blank=True)
    estimated_records = models.PositiveBigIntegerField(_("估計筆數"), default=0)
    skipped = models.JSONField(_("略過項目"), default=list, blank=True)
    error = models.CharField(max_length=500, blank=True)
    applied_at = models.DateTimeField(_("已更新盤點"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("掃描執行")

    def __str__(self) -> str:
        return f"{self.source.name} #{self.pk}"

    @property
    def error_shown(self) -> str:
        """Why it failed, in the reader's language (the system's fixed sentences are msgids)."""
        from shouhu.core.messages import fixed

        return fixed(self.error)

    @property
    def done(self) -> bool:
        return self.status in {RunStatus.SUCCEEDED, RunStatus.FAILED}


class ScanFinding(models.Model):
    """Findings of one category in one column of one file, sheet or table, aggregated."""

    run = models.ForeignKey(ScanRun, on_delete=models.CASCADE, related_name="findings")
    location = models.CharField(_("位置"), max_length=1000)
    sheet = models.CharField(_("工作表"), max_length=200, blank=True)
    column = models.CharField(_("欄位"), max_length=300, blank=True)
    category = models.CharField(_("類別"), max_length=30)
    count = models.PositiveIntegerField(_("發現數"))
    distinct = models.PositiveIntegerField(_("相異值"))
    samples = models.JSONField(_("遮罩樣本"), default=list, blank=True)
    confidence_min = models.FloatField(default=0)
    confidence_avg = models.FloatField(default=0)
    confidence_max = models.FloatField(default=0)

    class Meta:
        ordering = ["location", "sheet", "column", "category"]
        indexes = [models.Index(fields=["run", "location"])]

    def __str__(self) -> str:
        return f"{self.location} {self.column} {self.category}"

    @property
    def label(self) -> str:
        """The category's name in the page's language."""
        return pick(CATEGORY_LABELS.get(self.category, self.category), CATEGORY_LABELS_EN.get(self.category))

    @property
    def moj_codes(self) -> tuple[str, ...]:
        return MOJ_CATEGORY_CODES.get(self.category, ())

    @property
    def personal(self) -> bool:
        return is_personal(self.category)


class ScanValueDigest(models.Model):
    """A keyed digest of one distinct value seen in a finding row: lets Shouhu answer "where is this
    person's ID/phone/e-mail?" (data-subject requests) without ever storing the value. The first 128 bits
    of the HMAC-SHA256 are kept; the key stays in SHOUHU_HOME/keys, apart from the database."""

    finding = models.ForeignKey(ScanFinding, on_delete=models.CASCADE, related_name="digests")
    digest = models.CharField(max_length=32, db_index=True)

    def __str__(self) -> str:
        return f"{self.finding_id}:{self.digest[:8]}…"
