"""Client contracts and their terms, client audits of our company, and security-test reports per system."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from shouhu.core import messages


class ClientContract(models.Model):
    """A contract with a client under which we build, run or host systems or process personal data."""

    client = models.ForeignKey(
        "organization.Client", on_delete=models.PROTECT, related_name="+", verbose_name=_("委託者")
    )
    number = models.CharField(_("契約編號"), max_length=60)
    title = models.CharField(_("契約名稱"), max_length=200)
    signed_on = models.DateField(_("簽訂日"), null=True, blank=True)
    starts_on = models.DateField(_("契約起日"), null=True, blank=True)
    ends_on = models.DateField(_("契約迄日"), null=True, blank=True)
    services = models.TextField(_("委託之系統或服務"))
    systems = models.ManyToManyField(
        "inventory.System", blank=True, related_name="+", verbose_name=_("涉及之系統")
    )
    notice_hours = models.PositiveIntegerField(
        _("違反個資法時通知委託者之約定時限（小時）"),
        null=True,
        blank=True,
        help_text=_("契約未載明或尚未確認時請留空（視為不明）"),
    )
    active = models.BooleanField(_("履約中"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["client__name", "number", "id"]
        verbose_name = _("委託者契約")
        constraints = [
            models.UniqueConstraint(fields=["client", "number"], name="contracts_number_per_client")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class ContractTerm(models.Model):
    """One required term (``terms.TERMS``): agreed, not agreed, or unknown until someone checked."""

    contract = models.ForeignKey(ClientContract, on_delete=models.CASCADE, related_name="terms")
    key = models.CharField(max_length=20)
    agreed = models.BooleanField(_("已約定"), null=True, blank=True)
    clause = models.CharField(_("契約條款"), max_length=300, blank=True)
    evidence = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["contract", "key"]
        constraints = [models.UniqueConstraint(fields=["contract", "key"], name="contracts_term_once")]

    def __str__(self) -> str:
        return f"{self.contract} {self.key}"


class ClientAudit(models.Model):
    """A client's audit of our company (施行細則第8條第3項; 資安法施行細則第4條第1項第9款)."""

    client = models.ForeignKey(
        "organization.Client", on_delete=models.PROTECT, related_name="+", verbose_name=_("委託者")
    )
    contract = models.ForeignKey(
        ClientContract,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audits",
        verbose_name=_("契約"),
    )
    audited_on = models.DateField(_("稽核日期"))
    scope = models.TextField(_("稽核範圍"))
    auditor = models.CharField(_("稽核人員或單位"), max_length=200)
    summary = models.TextField(_("稽核結果摘要"), blank=True)
    report = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-audited_on", "-id"]
        verbose_name = _("委託者稽核")

    def __str__(self) -> str:
        return f"{self.client} {self.audited_on.isoformat()}"


class ClientAuditFinding(models.Model):
    """A finding of a client audit; each becomes a corrective action (assessment's CorrectiveAction)."""

    audit = models.ForeignKey(ClientAudit, on_delete=models.PROTECT, related_name="findings")
    title = models.CharField(_("缺失"), max_length=300)
    description = models.TextField(_("說明"), blank=True)
    severity = models.CharField(_("嚴重度"), max_length=10)
    action = models.ForeignKey(
        "assessment.CorrectiveAction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("矯正措施"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["audit", "id"]

    def __str__(self) -> str:
        return self.title


class TestKind(models.TextChoices):
    PENTEST = "pentest", _("滲透測試")
    VULNSCAN = "vulnscan", _("弱點掃描")


class Retest(models.TextChoices):
    NOT_NEEDED = "not_needed", _("無須複測")
    PENDING = "pending", _("待複測")
    PASSED = "passed", _("複測通過")
    FAILED = "failed", _("複測未通過")


SECURITY_TEST_NAME = messages.define(
    "contracts.name.security_test", gettext_noop("{system} {kind} {date}"), messages.labels(kind=TestKind)
)


class SecurityTest(messages.Named, models.Model):
    """A penetration test or vulnerability scan of one system, with its report."""

    __test__ = False  # not a pytest class, despite the name

    system = models.ForeignKey(
        "inventory.System", on_delete=models.PROTECT, related_name="+", verbose_name=_("系統")
    )
    kind = models.CharField(_("類型"), max_length=10, choices=TestKind.choices)
    tested_on = models.DateField(_("檢測日期"))
    tester = models.CharField(_("檢測單位"), max_length=200)
    high_count = models.PositiveIntegerField(_("高風險弱點數"), null=True, blank=True)
    medium_count = models.PositiveIntegerField(_("中風險弱點數"), null=True, blank=True)
    retest = models.CharField(_("複測結果"), max_length=12, choices=Retest.choices, default=Retest.PENDING)
    retested_on = models.DateField(_("複測日期"), null=True, blank=True)
    report = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("備註"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-tested_on", "-id"]
        verbose_name = _("安全檢測報告")

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return SECURITY_TEST_NAME, {
            "system": str(self.system),
            "kind": self.kind,
            "date": self.tested_on.isoformat(),
        }


class PackSection(models.TextChoices):
    SELFCHECK = "selfcheck", _("最近一次自我檢查結果")
    PLAN = "plan", _("現行核定之安全維護計畫")
    TRAINING = "training", _("近一年教育訓練辦理情形")
    TESTS = "tests", _("各系統安全檢測摘要")
    CERTIFICATES = "certificates", _("所選證書及佐證檔案")


class PackStatus(models.TextChoices):
    QUEUED = "queued", _("產生中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失敗")


class AssurancePack(models.Model):
    """A chosen set of our evidence for a client's vendor questionnaire: a ZIP with a SHA-256 manifest."""

    client = models.ForeignKey(
        "organization.Client",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("提供對象"),
    )
    sections = models.JSONField(_("內容"), default=list)
    evidence_ids = models.JSONField(default=list, blank=True)
    status = models.CharField(_("狀態"), max_length=10, choices=PackStatus.choices, default=PackStatus.QUEUED)
    error = models.CharField(max_length=300, blank=True)
    job_id = models.PositiveIntegerField(null=True, blank=True)
    archive = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    manifest = models.JSONField(default=dict, blank=True)  # path → SHA-256
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("保證資料包")

    def __str__(self) -> str:
        return f"{self.client or '—'} {self.created_at:%Y-%m-%d}"

    @property
    def error_shown(self) -> str:
        """Why it failed, in the reader's language (the system's fixed sentences are msgids)."""
        from shouhu.core.messages import fixed

        return fixed(self.error)
