"""Training sessions tagged to the training items of the moda rule (Art. 13) and who attended them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    """What a session covers; the moda rule Art. 13 (per the research summary) asks for the law, each
    person's responsibilities and the plan's procedures, and awareness for the 代表人 and managers."""

    LAW = "law", _("個人資料保護法令")
    DUTIES = "duties", _("個人責任範圍")
    PROCEDURES = "procedures", _("安全維護計畫及作業程序")
    AWARENESS = "awareness", _("代表人及主管之認知宣導")
    SECURITY = "security", _("資訊安全認知")
    PHISHING = "phishing", _("社交工程防範")


class Session(models.Model):
    title = models.CharField(_("課程名稱"), max_length=200)
    topics = models.JSONField(_("課程主題"), default=list)
    held_on = models.DateField(_("上課日期"))
    hours = models.DecimalField(_("時數"), max_digits=4, decimal_places=1)
    trainer = models.CharField(_("講師"), max_length=100)
    audience = models.CharField(_("對象"), max_length=200)
    materials = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("教材"),
    )  # fmt: skip
    held = models.BooleanField(_("已辦理"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("教育訓練場次")

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("organization.Person", on_delete=models.PROTECT, related_name="+")
    attended = models.BooleanField(_("出席"), null=True)  # None: not recorded yet (unknown, not "absent")
    score = models.PositiveSmallIntegerField(_("測驗分數"), null=True, blank=True)

    class Meta:
        ordering = ["session", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="training_attendance_unique")
        ]
        verbose_name = _("出席紀錄")

    def __str__(self) -> str:
        return f"{self.session_id}:{self.person_id}"
