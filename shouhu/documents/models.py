"""The four-tier document register (政策 / 程序 / 作業說明 / 表單及紀錄) with versions kept, and the
acknowledgement campaigns in which chosen people read and confirm an approved version."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from shouhu.core import messages


class Tier(models.TextChoices):
    POLICY = "policy", _("一階：政策")
    PROCEDURE = "procedure", _("二階：程序")
    INSTRUCTION = "instruction", _("三階：作業說明")
    FORM = "form", _("四階：表單及紀錄")


class Document(models.Model):
    code = models.CharField(_("文件編號"), max_length=40, unique=True)
    title = models.CharField(_("文件名稱"), max_length=200)
    tier = models.CharField(_("階層"), max_length=12, choices=Tier.choices)
    owner = models.ForeignKey(
        "organization.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("權責人員"),
    )  # fmt: skip
    review_months = models.PositiveSmallIntegerField(_("檢視週期（月）"), default=12)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["tier", "code"]
        verbose_name = _("文件")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class VersionState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    APPROVED = "approved", _("已核定（現行）")
    SUPERSEDED = "superseded", _("已被取代")


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("版次"))
    state = models.CharField(
        _("狀態"), max_length=12, choices=VersionState.choices, default=VersionState.DRAFT
    )
    file = models.ForeignKey(
        "evidence.Evidence", on_delete=models.PROTECT, related_name="+", verbose_name=_("檔案")
    )
    change_summary = models.CharField(_("修訂摘要"), max_length=500, blank=True)
    effective_on = models.DateField(_("生效日"), null=True, blank=True)
    next_review_on = models.DateField(_("下次檢視日"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("核定時間"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("被取代時間"), null=True, blank=True)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="documents_version_unique")
        ]
        verbose_name = _("文件版本")

    def __str__(self) -> str:
        return f"{self.document.code} v{self.number}"


CAMPAIGN_NAME = messages.define("documents.name.campaign", gettext_noop("{version} 確認活動"))


class Campaign(messages.Named, models.Model):
    """People chosen to read and confirm one approved version; new joiners may be added automatically."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="campaigns")
    departments = models.ManyToManyField(
        "organization.Department", blank=True, related_name="+", verbose_name=_("對象部門（未選為全體）")
    )
    due_on = models.DateField(_("完成期限"))
    include_new_joiners = models.BooleanField(_("新進人員自動加入"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("結束時間"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("確認活動")

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return CAMPAIGN_NAME, {"version": str(self.version)}


class Acknowledgement(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="acknowledgements")
    person = models.ForeignKey("organization.Person", on_delete=models.PROTECT, related_name="+")
    added_as_joiner = models.BooleanField(_("新進人員"), default=False)
    assigned_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("閱讀時間"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("確認時間"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("提醒次數"), default=0)
    last_reminded_on = models.DateField(_("最近提醒日"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "person__name"]
        constraints = [models.UniqueConstraint(fields=["campaign", "person"], name="documents_ack_unique")]
        verbose_name = _("閱讀確認")

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.person_id}"
