"""Versions of the 個人資料檔案安全維護計畫: a snapshot of what the records said when it was generated, the
DOCX/PDF files in the evidence store, and the sign-off when the 代表人 or an authorised person approved it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("草稿")
    APPROVED = "approved", _("已核定")
    SUPERSEDED = "superseded", _("已被取代")


class Capacity(models.TextChoices):
    REPRESENTATIVE = "representative", _("代表人")
    AUTHORISED = "authorised", _("經公司授權之人員")


class Authorisation(models.Model):
    """A company's authorisation of a person to approve the plan (board resolution, letter of authority), kept
    once and chosen again at later approvals while it is valid."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("被授權人帳號")
    )
    person_name = models.CharField(_("被授權人"), max_length=100)
    basis = models.CharField(_("授權依據"), max_length=300)
    file = models.ForeignKey(
        "evidence.Evidence", on_delete=models.PROTECT, related_name="+", verbose_name=_("授權文件")
    )
    valid_until = models.DateField(_("有效期限"), null=True, blank=True)  # None: no end date stated
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("核定授權")

    def __str__(self) -> str:
        return f"{self.person_name}：{self.basis}"


class PlanVersion(models.Model):
    number = models.PositiveIntegerField(_("版次"), unique=True)
    state = models.CharField(_("狀態"), max_length=12, choices=State.choices, default=State.DRAFT)
    # The chapters as generated (facts, tables, missing items, each naming its source record).
    content = models.JSONField(_("內容"), default=dict)
    docx = models.ForeignKey(
        "evidence.Evidence", on_delete=models.PROTECT, related_name="+", verbose_name=_("Word 檔")
    )
    pdf = models.ForeignKey(
        "evidence.Evidence",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("PDF 檔"),
    )
    pdf_problem = models.CharField(_("PDF 未產生原因"), max_length=300, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    generated_at = models.DateTimeField(_("產生時間"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("核定時間"), null=True, blank=True)
    approver_name = models.CharField(_("核定人"), max_length=100, blank=True)
    approver_capacity = models.CharField(_("核定身分"), max_length=20, choices=Capacity.choices, blank=True)
    authorisation = models.CharField(_("授權依據"), max_length=300, blank=True)
    # The authorisation document (board resolution, letter of authority) of a non-代表人 approver.
    authorisation_file = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("授權文件"),
    )  # fmt: skip
    # The authorisation on file this approval relied on (its document is ``authorisation_file``).
    authorisation_record = models.ForeignKey(
        Authorisation, null=True, blank=True, on_delete=models.PROTECT, related_name="approvals",
        verbose_name=_("核定授權"),
    )  # fmt: skip
    approval_note = models.TextField(_("核定意見"), blank=True)
    superseded_at = models.DateTimeField(_("被取代時間"), null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("安全維護計畫版本")

    def __str__(self) -> str:
        return f"v{self.number}"

    @property
    def missing_count(self) -> int:
        """How many records the chapters list as missing (尚未建立…) in this version."""
        return sum(len(c.get("missing", [])) for c in self.content.get("chapters", []))


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("排隊中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失敗")


class ImplementationReport(models.Model):
    """A 實施情形 report for one period: the ZIP (approved plan, record lists, evidence, SHA-256 manifest)."""

    period_start = models.DateField(_("期間起日"))
    period_end = models.DateField(_("期間迄日"))
    status = models.CharField(
        _("狀態"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    zip = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("報告檔"),
    )  # fmt: skip
    manifest = models.JSONField(_("檔案清單（SHA-256）"), default=dict, blank=True)
    error = models.CharField(_("失敗原因"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("實施情形報告")

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}"

    @property
    def error_shown(self) -> str:
        """Why it failed, in the reader's language (the system's fixed sentences are msgids)."""
        from shouhu.core.messages import fixed

        return fixed(self.error)
