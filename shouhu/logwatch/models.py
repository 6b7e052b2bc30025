"""Log sources, the files read from them, each read (ingest), alerts and the decisions on them, drills,
blocklists and monthly summaries. Events themselves live in the analytical store (``storage.py``), not here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from shouhu.core import messages
from shouhu.core.bilingual import lazy_pick
from shouhu.engines.logwatch import FORMATS, RULES

FORMAT_CHOICES = [(key, lazy_pick(fmt.label_zh, fmt.label_en)) for key, fmt in FORMATS.items()]
RULE_CHOICES = [(key, lazy_pick(rule.title_zh, rule.title_en)) for key, rule in RULES.items()]


class LogSource(models.Model):
    """One log stream of one system: its format, where files come from, and how its rules are tuned."""

    name = models.CharField(_("名稱"), max_length=200, unique=True)
    format = models.CharField(_("記錄格式"), max_length=20, choices=FORMAT_CHOICES)
    system = models.ForeignKey(
        "inventory.System",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="log_sources",
        verbose_name=_("對應系統"),
    )
    # Column mapping (CSV/JSON), time zone of zone-less times, CSV delimiter, event kind.
    options = models.JSONField(_("格式選項"), default=dict, blank=True)
    folder = models.CharField(_("伺服器資料夾"), max_length=1000, blank=True)
    pattern = models.CharField(_("檔名樣式"), max_length=200, blank=True, default="*.log*")
    allowed_countries = models.CharField(_("允許的國家或地區"), max_length=200, default="TW")
    admin_accounts = models.TextField(_("已知管理者帳號"), blank=True)
    admin_paths = models.TextField(_("管理介面路徑"), blank=True, default="/admin")
    login_paths = models.TextField(_("登入路徑"), blank=True, default="/login\n/api/login")
    rules = models.JSONField(_("規則設定"), default=dict, blank=True)  # {rule: {"enabled": bool, param: int}}
    state = models.JSONField(default=dict, blank=True, editable=False)  # detector state between reads
    active = models.BooleanField(_("啟用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("記錄來源")

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def lines_of(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]


class Origin(models.TextChoices):
    UPLOAD = "upload", _("上傳")
    FOLDER = "folder", _("伺服器資料夾")
    API = "api", _("API")
    DRILL = "drill", _("演練")


class LogFile(models.Model):
    """A file as Shouhu knows it between reads: how far it was read and fingerprints to recognise it."""

    source = models.ForeignKey(LogSource, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("檔名"), max_length=1000)
    origin = models.CharField(_("來源方式"), max_length=10, choices=Origin.choices)
    offset = models.PositiveBigIntegerField(_("已讀取位元組"), default=0)
    lines = models.PositiveBigIntegerField(_("已讀取行數"), default=0)
    head_sha256 = models.CharField(max_length=64, blank=True)  # of the first 64 KiB read
    tail_sha256 = models.CharField(max_length=64, blank=True)  # of the 64 KiB before ``offset``
    parser_state = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source", "name"]
        constraints = [models.UniqueConstraint(fields=["source", "name"], name="logwatch_file_unique_name")]

    def __str__(self) -> str:
        return self.name


class IngestStatus(models.TextChoices):
    QUEUED = "queued", _("排隊中")
    RUNNING = "running", _("讀取中")
    SUCCEEDED = "succeeded", _("完成")
    FAILED = "failed", _("失敗")


class Ingest(models.Model):
    """One read of one file (a background job): what was read, what was skipped and why, what was found."""

    source = models.ForeignKey(LogSource, on_delete=models.CASCADE, related_name="ingests")
    file = models.ForeignKey(LogFile, on_delete=models.CASCADE, related_name="ingests")
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=IngestStatus.choices, default=IngestStatus.QUEUED)
    spool = models.CharField(max_length=1000, blank=True, editable=False)  # uploaded copy waiting to be read
    size = models.PositiveBigIntegerField(_("檔案大小"), default=0)
    start_offset = models.PositiveBigIntegerField(default=0)
    end_offset = models.PositiveBigIntegerField(default=0)
    start_line = models.PositiveBigIntegerField(default=0)
    lines = models.PositiveBigIntegerField(_("讀取行數"), default=0)
    events = models.PositiveBigIntegerField(_("事件數"), default=0)
    malformed = models.PositiveBigIntegerField(_("無法解讀的行"), default=0)
    rejects = models.JSONField(_("略過的行"), default=dict, blank=True)
    alerts = models.PositiveIntegerField(_("警示數"), default=0)
    raw_sha256 = models.CharField(_("原始內容 SHA-256"), max_length=64, blank=True)
    evidence_ids = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)  # zh-TW notes shown with the result
    # Each note's key and facts (``core.messages``, ``[[key, facts], …]`` beside ``notes``), and the error's,
    # so pages show them in the reader's language; an old row has none and shows its zh-TW text.
    note_messages = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=500, blank=True)
    error_key = models.CharField(max_length=60, blank=True, default="")
    error_facts = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file} #{self.pk}"

    @property
    def done(self) -> bool:
        return self.status in {IngestStatus.SUCCEEDED, IngestStatus.FAILED}

    @property
    def notes_shown(self) -> list[str]:
        """The notes in the reader's language."""
        from shouhu.core.messages import render

        said = list(self.note_messages or [])
        keyed = [tuple(said[i]) if i < len(said) else ("", {}) for i in range(len(self.notes or []))]
        return [render(key, facts, text) for text, (key, facts) in zip(self.notes or [], keyed, strict=True)]

    @property
    def error_shown(self) -> str:
        """The error in the reader's language (an old row's as stored)."""
        from shouhu.core.messages import render

        return render(self.error_key, self.error_facts, self.error)


class AccountDay(models.Model):
    """An account's totals for one Taiwan calendar day: the history the volume baseline is taken from."""

    source = models.ForeignKey(LogSource, on_delete=models.CASCADE, related_name="account_days")
    account = models.CharField(max_length=128)
    day = models.DateField()
    events = models.PositiveBigIntegerField(default=0)
    bytes = models.PositiveBigIntegerField(default=0)
    rows = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "account", "day"], name="logwatch_accountday_unique")
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.day}"


class Blocklist(models.Model):
    """An imported list of IPs, networks and domains; the file itself is kept in the evidence store."""

    name = models.CharField(_("名稱"), max_length=200, unique=True)
    evidence = models.ForeignKey("evidence.Evidence", null=True, on_delete=models.PROTECT, related_name="+")
    entries = models.TextField(editable=False)  # normalised, one entry a line
    networks = models.PositiveIntegerField(_("IP／網段數"), default=0)
    domains = models.PositiveIntegerField(_("網域數"), default=0)
    ignored = models.PositiveIntegerField(_("無法辨識的行"), default=0)
    active = models.BooleanField(_("啟用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AlertStatus(models.TextChoices):
    OPEN = "open", _("待處理")
    ACKNOWLEDGED = "acknowledged", _("已確認")
    CLOSED = "closed", _("已結案")
    INCIDENT = "incident", _("已轉為事故")


class CloseReason(models.TextChoices):
    FALSE_POSITIVE = "false_positive", _("誤判")
    EXPECTED = "expected", _("已知且合理的活動")
    RESOLVED = "resolved", _("已處理完畢")
    DRILL = "drill", _("演練")
    OTHER = "other", _("其他")


ALERT_NAME = messages.define(
    "logwatch.name.alert", gettext_noop("{rule}：{subject}"), messages.labels(rule=RULE_CHOICES)
)


class Alert(messages.Named, models.Model):
    source = models.ForeignKey(LogSource, on_delete=models.CASCADE, related_name="alerts")
    rule = models.CharField(_("規則"), max_length=30, choices=RULE_CHOICES)
    key = models.CharField(max_length=300)
    subject = models.CharField(_("對象"), max_length=200)
    severity = models.CharField(_("嚴重度"), max_length=10)
    status = models.CharField(_("狀態"), max_length=15, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    explanation_zh = models.TextField()
    explanation_en = models.TextField()
    first_at = models.DateTimeField(_("首次事件"))
    last_at = models.DateTimeField(_("最後事件"))
    count = models.PositiveBigIntegerField(_("事件數"), default=0)
    bytes = models.PositiveBigIntegerField(default=0)
    rows = models.PositiveBigIntegerField(default=0)
    facts = models.JSONField(default=dict, blank=True)
    lines = models.JSONField(default=list, blank=True)
    ingest = models.ForeignKey(Ingest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    drill = models.ForeignKey(
        "Drill", null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("負責人"),
    )  # fmt: skip
    acknowledged_at = models.DateTimeField(_("確認（知悉）時間"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    close_reason = models.CharField(_("結案原因"), max_length=20, choices=CloseReason.choices, blank=True)
    close_note = models.TextField(_("結案說明"), blank=True)
    incident_id = models.PositiveIntegerField(null=True, blank=True)  # the incident it became (incidents app)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["source", "key"]), models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """The rule's title and the account or address it is about, in the reader's language."""
        return ALERT_NAME, {"rule": self.rule, "subject": self.subject}

    @property
    def is_drill(self) -> bool:
        return self.drill_id is not None


class DrillStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("已排定")
    INJECTED = "injected", _("已注入")
    ALERTED = "alerted", _("已發出警示")
    ACKNOWLEDGED = "acknowledged", _("已確認")
    MISSED = "missed", _("未偵測到")


class Drill(models.Model):
    """A labelled synthetic event put into a source at a set time; how long until an alert and a person."""

    source = models.ForeignKey(LogSource, on_delete=models.CASCADE, related_name="drills")
    scenario = models.CharField(_("情境"), max_length=30, choices=RULE_CHOICES, default="blocklist")
    scheduled_for = models.DateTimeField(_("預定時間"))
    status = models.CharField(max_length=15, choices=DrillStatus.choices, default=DrillStatus.SCHEDULED)
    injected_at = models.DateTimeField(null=True, blank=True)
    alerted_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("說明"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-scheduled_for", "-id"]

    def __str__(self) -> str:
        return f"{self.source} {self.scheduled_for:%Y-%m-%d %H:%M}"

    @property
    def label(self) -> str:
        return f"drill:{self.pk}"

    @property
    def seconds_to_alert(self) -> float | None:
        if self.injected_at and self.alerted_at:
            return (self.alerted_at - self.injected_at).total_seconds()
        return None

    @property
    def seconds_to_ack(self) -> float | None:
        if self.injected_at and self.acknowledged_at:
            return (self.acknowledged_at - self.injected_at).total_seconds()
        return None


class MonthlySummary(models.Model):
    source = models.ForeignKey(LogSource, on_delete=models.CASCADE, related_name="summaries")
    month = models.CharField(_("月份"), max_length=7)
    figures = models.JSONField(default=dict)
    evidence = models.ForeignKey("evidence.Evidence", null=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "source"]
        constraints = [models.UniqueConstraint(fields=["source", "month"], name="logwatch_summary_unique")]

    def __str__(self) -> str:
        return f"{self.source} {self.month}"
