"""E-mail social-engineering (phishing) drills: when, what scenario, whom, and each person's result.

The guideline asks for a drill at least every six months (附錄二 2.8.2; 第三章二、（二）8.(2)). Results come
from GoPhish's CSV results export or are entered by hand; people are matched by e-mail. Only the furthest
stage a person reached and whether they reported the mail are kept: no IP address or location.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Drill(models.Model):
    title = models.CharField(_("演練名稱"), max_length=200)
    held_on = models.DateField(_("演練日期"))
    scenario = models.TextField(
        _("演練情境"), help_text=_("例如：假冒人資部寄送「年終獎金試算」連結，誘導登入。")
    )
    audience = models.CharField(_("演練對象說明"), max_length=200, blank=True)
    departments = models.ManyToManyField(
        "organization.Department", blank=True, related_name="+", verbose_name=_("對象部門（未選為全體）")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("社交工程演練")

    def __str__(self) -> str:
        return self.title


class Stage(models.TextChoices):
    """The furthest a person went, in order (GoPhish's result status, without its sending states)."""

    NOT_DELIVERED = "not_delivered", _("未寄達")
    SENT = "sent", _("已寄達未開啟")
    OPENED = "opened", _("開啟信件")
    CLICKED = "clicked", _("點擊連結")
    SUBMITTED = "submitted", _("提交資料")


class Source(models.TextChoices):
    GOPHISH = "gophish", _("GoPhish 匯入")
    MANUAL = "manual", _("手動登錄")


class Remedial(models.TextChoices):
    """What followed a submitter's result: remedial training assigned, or not because they had left."""

    ASSIGNED = "assigned", _("已指派補強訓練")
    LEAVER = "leaver", _("已離職，未指派補強訓練")


class Result(models.Model):
    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="results")
    person = models.ForeignKey("organization.Person", on_delete=models.PROTECT, related_name="+")
    # the person's department when the result was recorded, so rates per department stay as they were
    department = models.ForeignKey(
        "organization.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("部門"),
    )  # fmt: skip
    stage = models.CharField(_("結果"), max_length=16, choices=Stage.choices)
    reported = models.BooleanField(_("回報可疑信件"), null=True)  # None: not recorded
    source = models.CharField(_("來源"), max_length=10, choices=Source.choices)
    # Empty: no remedial training called for (the person did not submit data).
    remedial = models.CharField(_("補強訓練"), max_length=10, choices=Remedial.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["drill", "person__name"]
        constraints = [models.UniqueConstraint(fields=["drill", "person"], name="drills_result_unique")]
        verbose_name = _("演練結果")

    def __str__(self) -> str:
        return f"{self.drill_id}:{self.person_id}:{self.stage}"
