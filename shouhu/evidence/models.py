"""Evidence files: content stored once per SHA-256, each upload kept with its name, uploader and retention."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shouhu.core.messages import Message
from shouhu.evidence import names


class EvidenceBlob(models.Model):
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.BigIntegerField()
    kind = models.CharField(max_length=10)
    storage_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.sha256[:12]


class Evidence(models.Model):
    blob = models.ForeignKey(EvidenceBlob, on_delete=models.PROTECT, related_name="uploads")
    original_name = models.CharField(_("原始檔名"), max_length=255)
    description = models.CharField(_("說明"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    retention_until = models.DateField(_("保存至"))
    legal_hold = models.BooleanField(_("訴訟保存（禁止刪除）"), default=False)
    locked = models.BooleanField(_("鎖定（事故佐證）"), default=False)
    # Where it is used, e.g. "incidents.incident:12"; a file may be linked from several records.
    context = models.CharField(max_length=100, blank=True, db_index=True)
    # The department whose file this is: a department-scoped 個資管理專員 reads only their departments' files
    # and the company's (empty). Files stored by other modules belong to the whole company.
    department = models.ForeignKey(
        "organization.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("權責部門"),
    )
    # A compilation of every department's records (the 實施情形 report, the 附錄三 package): only roles that
    # read the whole company may open it, even though it has no department.
    whole_company = models.BooleanField(_("涵蓋全公司各部門"), default=False)
    # A file the system wrote: its name as a message (``evidence.names``: a key and its facts), so pages show
    # it in the reader's language. Empty for an upload (the name the person gave) and for rows from before.
    name_key = models.CharField(max_length=80, blank=True, default="")
    name_facts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = "佐證檔案"

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name a page shows, in the reader's language (``evidence.names.shown``)."""
        return names.shown(self)

    @property
    def shown_description(self) -> str:
        """The description a page shows, in the reader's language for a file the system wrote."""
        return names.description(self)

    @property
    def download_name(self) -> str:
        """The name the file is downloaded under (an official document keeps its zh-TW name)."""
        return names.file_name(self)

    def name_message(self) -> Message | str:
        """The name the audit log keeps (``audit.services.object_name``): the key and facts of a name the
        system wrote, else the name as given."""
        return names.message(self)


class EvidenceAccess(models.Model):
    """Chain of custody: who viewed, downloaded or exported a file, and when."""

    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20)
    at = models.DateTimeField(auto_now_add=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.action} {self.evidence_id} {self.at:%Y-%m-%d %H:%M}"

    @property
    def action_label(self) -> str:
        """「下載佐證檔案」 for ``download``: the same words the audit log uses for it."""
        from shouhu.audit.labels import action_label

        return action_label(f"evidence.{self.action}")
