"""Data that leaves us or reaches its end: cross-border transfers (PDPA Art. 21), retention periods as
structured values, destruction/transfer/deletion records (moda rule Art. 16 II) and end-of-contract
deletion certificates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from shouhu.core import messages


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("當事人書面同意")
    CONTRACT = "contract", _("與當事人有契約或類似契約之關係")
    LAW = "law", _("法律明文規定")
    CLIENT = "client", _("受委託者指示（委託處理）")
    OTHER = "other", _("其他（請說明）")


class Art21Result(models.TextChoices):
    UNKNOWN = "unknown", _("尚未查核")
    CLEAR = "clear", _("查無主管機關限制")
    RESTRICTED = "restricted", _("受主管機關限制")


TRANSFER_NAME = messages.define("thirdparties.name.transfer", gettext_noop("{recipient}（{country}）"))


class Transfer(messages.Named, models.Model):
    """One cross-border transfer (國際傳輸) of personal data."""

    data_description = models.CharField(_("傳輸之個人資料"), max_length=300)
    file = models.ForeignKey(
        "inventory.PersonalDataFile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("個人資料檔案"),
    )
    recipient = models.CharField(_("接收者"), max_length=200)
    country = models.CharField(_("國家或地區"), max_length=100)
    purpose = models.CharField(_("傳輸目的"), max_length=300)
    legal_basis = models.CharField(_("法律依據"), max_length=10, choices=LegalBasis.choices)
    legal_basis_note = models.CharField(_("依據說明"), max_length=300, blank=True)
    client = models.ForeignKey(
        "organization.Client",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("受託處理之委託者"),
    )
    art21_checked_on = models.DateField(_("第21條限制查核日期"), null=True, blank=True)
    art21_result = models.CharField(
        _("第21條限制查核結果"), max_length=10, choices=Art21Result.choices, default=Art21Result.UNKNOWN
    )
    art21_note = models.TextField(_("查核說明"), blank=True)
    active = models.BooleanField(_("傳輸中"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country", "recipient", "id"]
        verbose_name = _("國際傳輸")

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return TRANSFER_NAME, {"recipient": self.recipient, "country": self.country}


class Unit(models.TextChoices):
    DAYS = "days", _("日")
    MONTHS = "months", _("個月")
    YEARS = "years", _("年")


class StartEvent(models.TextChoices):
    COLLECTED = "collected", _("蒐集時")
    TRANSACTION = "transaction", _("交易完成時")
    CONTRACT_END = "contract_end", _("契約終止時")
    ACCOUNT_CLOSED = "account_closed", _("帳號終止時")
    PURPOSE_ENDED = "purpose_ended", _("特定目的消失時")
    OTHER = "other", _("其他事件")


RETENTION_RULE_NAME = messages.define(
    "thirdparties.name.retention_rule", gettext_noop("{name}：{duration}{unit}"), messages.labels(unit=Unit)
)


class RetentionRule(messages.Named, models.Model):
    """How long one kind of data is kept: a duration, the basis that sets it and the event it runs from."""

    name = models.CharField(_("資料名稱"), max_length=200)
    file = models.ForeignKey(
        "inventory.PersonalDataFile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("個人資料檔案"),
    )
    duration = models.PositiveIntegerField(_("保存期間"))
    unit = models.CharField(_("單位"), max_length=10, choices=Unit.choices)
    basis = models.CharField(_("保存依據"), max_length=300, help_text=_("例如：商業會計法第38條、契約第12條"))
    start_event = models.CharField(_("起算事件"), max_length=20, choices=StartEvent.choices)
    start_event_note = models.CharField(_("起算事件說明"), max_length=200, blank=True)
    disposal_method = models.CharField(_("屆期處理方式"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("保存期限")

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return RETENTION_RULE_NAME, {"name": self.name, "duration": self.duration, "unit": self.unit}


class RetentionBatch(models.Model):
    """A batch of data whose period started on one day (e.g. 2024 orders; a client's contract end)."""

    rule = models.ForeignKey(RetentionRule, on_delete=models.PROTECT, related_name="batches")
    label = models.CharField(_("批次"), max_length=200)
    started_on = models.DateField(_("起算日"))
    due_on = models.DateField(_("屆期日"))
    client = models.ForeignKey(
        "organization.Client", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    disposed = models.ForeignKey(
        "DisposalRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="batches"
    )
    reminded = models.JSONField(default=list, blank=True)  # reminder stages already sent ("30d", "due")

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.rule.name} {self.label}"


class DisposalKind(models.TextChoices):
    DESTRUCTION = "destruction", _("銷毀")
    TRANSFER = "transfer", _("移轉")
    DELETION = "deletion", _("刪除、停止處理或利用")


DISPOSAL_NAME = messages.define(
    "thirdparties.name.disposal", gettext_noop("{kind} {description}"), messages.labels(kind=DisposalKind)
)


class DisposalRecord(messages.Named, models.Model):
    """moda rule Art. 16 II: how, when and where data were destroyed, transferred or deleted; for a
    transfer, to whom and on what legal basis. Its proof is locked in the evidence store for five years."""

    kind = models.CharField(_("處理類型"), max_length=12, choices=DisposalKind.choices)
    data_description = models.CharField(_("個人資料"), max_length=300)
    method = models.CharField(_("方法"), max_length=300)
    performed_at = models.DateTimeField(_("時間"))
    place = models.CharField(_("地點"), max_length=200)
    recipient = models.CharField(_("移轉對象"), max_length=200, blank=True)
    recipient_basis = models.CharField(_("移轉對象之合法依據"), max_length=300, blank=True)
    performed_by = models.CharField(_("執行人"), max_length=100)
    witness = models.CharField(_("監督人"), max_length=100, blank=True)
    client = models.ForeignKey(
        "organization.Client",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("委託者"),
    )
    proof = models.ForeignKey("evidence.Evidence", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-performed_at", "-id"]
        verbose_name = _("銷毀、移轉或刪除紀錄")

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return DISPOSAL_NAME, {"kind": self.kind, "description": self.data_description}


class DeletionCertificate(models.Model):
    """The end-of-contract certificate handed to a client: what was returned, destroyed or deleted."""

    client = models.ForeignKey("organization.Client", on_delete=models.PROTECT, related_name="+")
    contract_ended_on = models.DateField(_("契約終止日"))
    records = models.ManyToManyField(DisposalRecord, related_name="certificates")
    document = models.ForeignKey("evidence.Evidence", on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.client} {self.contract_ended_on}"


class SubProcessor(models.Model):
    """A sub-processor (受託者／複委託) the company hands personal data to."""

    name = models.CharField(_("名稱"), max_length=200)
    ubn = models.CharField(_("統一編號"), max_length=8, blank=True)
    services = models.TextField(_("委託服務內容"))
    data_categories = models.TextField(_("個人資料類別"), blank=True)
    systems = models.TextField(_("涉及之系統"), blank=True)
    countries = models.CharField(_("處理地點（國家或地區）"), max_length=200, blank=True)
    contact_email = models.EmailField(_("聯絡人電子郵件"), blank=True)
    contract_signed_on = models.DateField(_("契約簽訂日"), null=True, blank=True)
    contract_ends_on = models.DateField(_("契約到期日"), null=True, blank=True)
    clients_consented = models.BooleanField(
        _("已取得委託者同意複委託"), null=True, blank=True, help_text=_("未確認時請留空（視為不明）")
    )
    active = models.BooleanField(_("委託中"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("受託者")

    def __str__(self) -> str:
        return self.name


class ContractItemKey(models.TextChoices):
    """個人資料保護法施行細則第8條第2項: what the contract with a processor must settle."""

    SCOPE = "scope", _("預定蒐集、處理或利用個人資料之範圍、類別、特定目的及其期間")
    MEASURES = "measures", _("受託者就施行細則第12條第2項採取之安全措施")
    SUBCONTRACT = "subcontract", _("有複委託者，其約定之受託者")
    BREACH = "breach", _("受託者或其受僱人違反個資法時，應通知之事項及採行之補救措施")
    RESERVED = "reserved", _("委託者保留指示之事項")
    RETURN = "return", _("委託關係終止或解除時，個人資料載體之返還及儲存資料之刪除")


class ContractItem(models.Model):
    """One Art. 8 item in the contract: agreed or not (unknown until someone checked), where, proof."""

    subprocessor = models.ForeignKey(SubProcessor, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=12, choices=ContractItemKey.choices)
    agreed = models.BooleanField(_("已約定"), null=True, blank=True)
    clause = models.CharField(_("契約條款"), max_length=200, blank=True)
    evidence = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["subprocessor", "key"]
        constraints = [
            models.UniqueConstraint(fields=["subprocessor", "key"], name="thirdparties_contract_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.subprocessor} {self.get_key_display()}"


class SupervisionCheck(models.Model):
    """The periodic check of a processor's performance and its recorded result (施行細則第8條第3項)."""

    class Method(models.TextChoices):
        ONSITE = "onsite", _("實地稽核")
        DOCUMENT = "document", _("書面審查")
        QUESTIONNAIRE = "questionnaire", _("問卷")

    subprocessor = models.ForeignKey(SubProcessor, on_delete=models.PROTECT, related_name="checks")
    checked_on = models.DateField(_("確認日期"))
    method = models.CharField(_("方式"), max_length=15, choices=Method.choices)
    result = models.TextField(_("確認結果"))
    issues = models.TextField(_("待改善事項"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-checked_on", "-id"]

    def __str__(self) -> str:
        return f"{self.subprocessor} {self.checked_on}"


class Questionnaire(models.Model):
    """Self-check items chosen from 附錄一／二, sent to a processor's respondent by an expiring link."""

    subprocessor = models.ForeignKey(SubProcessor, on_delete=models.PROTECT, related_name="questionnaires")
    token = models.CharField(max_length=64, unique=True)
    items = models.JSONField(default=list)  # [{"id", "number", "title"}] as sent (the catalogue may change)
    expires_at = models.DateTimeField(_("填答期限"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("填答時間"), null=True, blank=True)
    respondent = models.CharField(_("填答人"), max_length=100, blank=True)
    answers = models.JSONField(default=dict, blank=True)  # {item id: {"answer": yes|partial|no|na, "note"}}
    score = models.DecimalField(_("得分（%）"), max_digits=5, decimal_places=1, null=True, blank=True)
    sent_to = models.EmailField(_("寄送對象"), blank=True)
    sent_at = models.DateTimeField(_("寄送時間"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.subprocessor} {self.created_at:%Y-%m-%d}"
