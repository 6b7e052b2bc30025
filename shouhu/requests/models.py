"""Data-subject requests (當事人權利行使): the case, its legal deadline, letters, client forwarding,
the Art. 11 notification task and the marketing suppression list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from shouhu.core import messages
from shouhu.core.bilingual import english, pick

if TYPE_CHECKING:
    from shouhu.engines.law.model import DeadlineRule


class Kind(models.TextChoices):
    """PDPA Art. 3 rights and the Art. 20 II marketing refusal; values are the law engine's RequestKind."""

    QUERY_OR_READ = "query_or_read", _("查詢或閱覽")
    COPY = "copy", _("製給複製本")
    SUPPLEMENT_OR_CORRECT = "supplement_or_correct", _("補充或更正")
    STOP = "stop_collect_process_use", _("停止蒐集、處理或利用")
    DELETE = "delete", _("刪除")
    MARKETING = "marketing_refusal", _("拒絕行銷（行銷退出）")


# Art. 14: a fee may be charged only for these.
FEE_KINDS = frozenset({Kind.QUERY_OR_READ, Kind.COPY})
CORRECTION_KINDS = frozenset({Kind.SUPPLEMENT_OR_CORRECT})


class Channel(models.TextChoices):
    EMAIL = "email", _("電子郵件")
    PHONE = "phone", _("電話")
    LETTER = "letter", _("書面郵寄")
    COUNTER = "counter", _("臨櫃")
    WEB = "web", _("線上申請")
    OTHER = "other", _("其他")


class IdentityMethod(models.TextChoices):
    DOCUMENT = "document", _("核對身分證明文件")
    ACCOUNT = "account", _("已登入之會員帳號")
    CALLBACK = "callback", _("回撥留存電話或寄至留存信箱確認")
    AGENT = "agent", _("代理人：核對委任書及雙方身分")
    OTHER = "other", _("其他方式")


class State(models.TextChoices):
    OPEN = "open", _("處理中")
    FORWARDED = "forwarded", _("已轉交委託者")
    GRANTED = "granted", _("已准予並完成")
    REFUSED = "refused", _("已拒絕")
    WITHDRAWN = "withdrawn", _("請求人撤回")


# Allowed workflow transitions (STYLE 3): anything else is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    State.OPEN: frozenset({State.FORWARDED, State.GRANTED, State.REFUSED, State.WITHDRAWN}),
    State.FORWARDED: frozenset({State.GRANTED, State.REFUSED, State.WITHDRAWN}),
    State.GRANTED: frozenset(),
    State.REFUSED: frozenset(),
    State.WITHDRAWN: frozenset(),
}
CLOSED = frozenset({State.GRANTED, State.REFUSED, State.WITHDRAWN})


class RefusalGround(models.TextChoices):
    """Statutory grounds for refusing a request, with the kinds each may answer."""

    ART10_1 = (
        "art10_1",
        _("妨害國家安全、外交及軍事機密、整體經濟利益或其他國家重大利益（個資法第10條第1款）"),
    )
    ART10_2 = "art10_2", _("妨害公務機關執行法定職務（個資法第10條第2款）")
    ART10_3 = "art10_3", _("妨害該蒐集機關或第三人之重大利益（個資法第10條第3款）")
    ART11_1 = "art11_1", _("請求更正或補充而未為適當之釋明（個資法第11條第1項、施行細則第19條）")
    ART11_2 = (
        "art11_2",
        _("正確性有爭議，惟因執行業務所必須或經當事人書面同意，並已註明其爭議（個資法第11條第2項但書）"),
    )
    ART11_3 = (
        "art11_3",
        _("特定目的消失或期限屆滿，惟因執行業務所必須或經當事人書面同意（個資法第11條第3項但書）"),
    )
    IDENTITY = "identity", _("無法確認請求人為當事人本人或其合法代理人")
    NO_DATA = "no_data", _("本公司未保有請求人之個人資料")


GROUND_KINDS: dict[str, frozenset[str]] = {
    RefusalGround.ART10_1: frozenset({Kind.QUERY_OR_READ, Kind.COPY}),
    RefusalGround.ART10_2: frozenset({Kind.QUERY_OR_READ, Kind.COPY}),
    RefusalGround.ART10_3: frozenset({Kind.QUERY_OR_READ, Kind.COPY}),
    RefusalGround.ART11_1: frozenset({Kind.SUPPLEMENT_OR_CORRECT}),
    RefusalGround.ART11_2: frozenset({Kind.STOP}),
    RefusalGround.ART11_3: frozenset({Kind.STOP, Kind.DELETE}),
    RefusalGround.IDENTITY: frozenset(Kind.values) - {Kind.MARKETING},
    RefusalGround.NO_DATA: frozenset(Kind.values) - {Kind.MARKETING},
}


REQUEST_NAME = messages.define("requests.name", gettext_noop("REQ-{id} {kind}"), messages.labels(kind=Kind))


class SubjectRequest(messages.Named, models.Model):
    kind = models.CharField(_("請求類型"), max_length=40, choices=Kind.choices)
    state = models.CharField(_("狀態"), max_length=12, choices=State.choices, default=State.OPEN)
    received_at = models.DateTimeField(_("收受時間"))
    channel = models.CharField(_("收受管道"), max_length=10, choices=Channel.choices)
    requester_name = models.CharField(_("請求人姓名"), max_length=100)
    requester_email = models.EmailField(_("請求人電子郵件"), blank=True)
    requester_phone = models.CharField(_("請求人電話"), max_length=30, blank=True)
    requester_address = models.CharField(_("請求人通訊地址"), max_length=300, blank=True)
    by_agent = models.BooleanField(_("由代理人提出"), default=False)
    data_concerned = models.TextField(_("請求涉及之個人資料"), blank=True)
    details = models.TextField(_("請求內容"), blank=True)
    client = models.ForeignKey(
        "organization.Client",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subject_requests",
        verbose_name=_("受託處理之委託者"),
        help_text=_("本公司僅受此委託者委託處理該資料時填寫：請求將轉交委託者決定。"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_subject_requests",
        verbose_name=_("承辦人"),
    )
    # Identity verification record.
    identity_method = models.CharField(
        _("身分驗證方式"), max_length=12, choices=IdentityMethod.choices, blank=True
    )
    identity_note = models.TextField(_("身分驗證紀錄"), blank=True)
    identity_verified_at = models.DateTimeField(_("身分驗證時間"), null=True, blank=True)
    identity_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The legal deadline, as computed by the law engine (never here).
    rule_id = models.CharField(max_length=80, blank=True)
    deadline_title_zh = models.CharField(max_length=300, blank=True)
    legal_basis_zh = models.CharField(max_length=300, blank=True)
    explanation_zh = models.TextField(blank=True)
    # The engine's English for English pages; "" for cases computed before it was stored (the page then shows
    # the Chinese, see ``deadline_explanation_untranslated``). Letters and reminders read the *_zh fields.
    explanation_en = models.TextField(blank=True, default="")
    law_version = models.CharField(max_length=40, blank=True)
    due_at = models.DateTimeField(_("准駁期限"), null=True, blank=True)
    max_extended_due_at = models.DateTimeField(_("延長後之最長期限"), null=True, blank=True)
    engine_notes = models.JSONField(_("法規引擎提示"), default=list, blank=True)
    engine_notes_en = models.JSONField(default=list, blank=True)  # the same notes in English, same order
    # Extension (once) and decision.
    extended_at = models.DateTimeField(_("延長通知時間"), null=True, blank=True)
    extension_reason = models.TextField(_("延長理由"), blank=True)
    extension_notice = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refusal_ground = models.CharField(
        _("拒絕之法定事由"), max_length=12, choices=RefusalGround.choices, blank=True
    )
    refusal_reason = models.TextField(_("拒絕理由說明"), blank=True)
    refusal_letter = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.TextField(_("處理結果說明"), blank=True)
    decided_at = models.DateTimeField(_("准駁時間"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Fees (Art. 14) and the requester's 釋明 (Enforcement Rules Art. 19).
    fee_amount = models.PositiveIntegerField(_("收取費用（新臺幣元）"), null=True, blank=True)
    fee_note = models.CharField(_("費用說明"), max_length=300, blank=True)
    explanation = models.TextField(_("請求人之釋明"), blank=True)
    # Where scans saw the person's identifiers (locations only; the identifier itself is never stored).
    located = models.JSONField(_("個資所在位置"), default=list, blank=True)
    located_at = models.DateTimeField(_("查找時間"), null=True, blank=True)
    # Whose scan sources were searched: null = every source; a list = only those departments' sources (and the
    # company's), because the officer who searched reads only those — the page says the others were not searched.
    located_departments = models.JSONField(_("查找範圍（部門）"), null=True, blank=True, default=None)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("當事人請求")

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """「REQ-1 製給複製本」."""
        return REQUEST_NAME, {"id": self.pk, "kind": self.kind}

    @property
    def number(self) -> str:
        return f"REQ-{self.pk}"

    @property
    def closed(self) -> bool:
        return self.state in CLOSED

    @property
    def current_due_at(self) -> object:
        """The due time in force: the extended one once the extension was notified."""
        return self.max_extended_due_at if self.extended_at else self.due_at

    # The deadline as pages show it: the stored Chinese, or on English pages the engine's English (the
    # catalogue's title and articles for the stored rule and law version).
    def _rule(self) -> DeadlineRule | None:
        from shouhu.engines.law.catalogue import load_catalogue

        return (
            next((r for r in load_catalogue().rules if r.id == self.rule_id), None) if self.rule_id else None
        )

    @property
    def deadline_title(self) -> str:
        rule = self._rule()
        return pick(self.deadline_title_zh, rule.title_en if rule else None)

    @property
    def legal_basis(self) -> str:
        from shouhu.engines.law.deadlines import legal_basis_en

        rule = self._rule()
        return pick(self.legal_basis_zh, legal_basis_en(rule, self.law_version) if rule else None)

    @property
    def deadline_explanation(self) -> str:
        """The engine's explanation in the page's language; "" on an English page for a case computed before
        the English was stored (``deadline_explanation_untranslated`` then holds the Chinese)."""
        return self.explanation_en if english() else self.explanation_zh

    @property
    def deadline_explanation_untranslated(self) -> str:
        return self.explanation_zh if english() and not self.explanation_en else ""

    @property
    def notes_shown(self) -> list[str]:
        """The engine's notes in the page's language (the Chinese when no English was stored)."""
        if english() and len(self.engine_notes_en or []) == len(self.engine_notes or []):
            return list(self.engine_notes_en)
        return list(self.engine_notes or [])


class ClientForward(models.Model):
    """The case handed to the client that controls the data (the vendor never answers for it)."""

    class Method(models.TextChoices):
        EMAIL = "email", _("電子郵件")
        DOWNLOAD = "download", _("下載文件自行遞送")

    request = models.ForeignKey(SubjectRequest, on_delete=models.CASCADE, related_name="forwards")
    method = models.CharField(_("轉交方式"), max_length=10, choices=Method.choices)
    recipients = models.CharField(_("收件人"), max_length=500, blank=True)
    document = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("轉交時間"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.request.number} → {self.get_method_display()}"


INSTRUCTION_NAME = messages.define("requests.name.instruction", gettext_noop("{number} 委託者指示"))


class ClientInstruction(messages.Named, models.Model):
    """What the client told us to do with the request. Append-only."""

    request = models.ForeignKey(SubjectRequest, on_delete=models.CASCADE, related_name="instructions")
    received_at = models.DateTimeField(_("指示收受時間"))
    text = models.TextField(_("委託者指示內容"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return INSTRUCTION_NAME, {"number": self.request.number}


RECIPIENT_NOTICE_NAME = messages.define(
    "requests.name.recipient_notice", gettext_noop("{number} 通知曾提供利用之對象")
)


class RecipientNotice(messages.Named, models.Model):
    """PDPA Art. 11 V: after a correction, notify those to whom the wrong data was provided."""

    request = models.OneToOneField(SubjectRequest, on_delete=models.CASCADE, related_name="recipient_notice")
    corrected_at = models.DateTimeField(_("更正或補充時間"))
    recipients = models.TextField(_("曾提供利用之對象"), blank=True)
    due_at = models.DateTimeField(_("通知期限"), null=True, blank=True)
    legal_basis_zh = models.CharField(max_length=300, blank=True)
    engine_notes = models.JSONField(default=list, blank=True)
    # The engine's rule and law version (for the English articles) and its notes in English; empty for
    # notices opened before they were stored (English pages then show the Chinese).
    rule_id = models.CharField(max_length=80, blank=True, default="")
    law_version = models.CharField(max_length=40, blank=True, default="")
    engine_notes_en = models.JSONField(default=list, blank=True)
    done_at = models.DateTimeField(_("完成通知時間"), null=True, blank=True)
    done_note = models.TextField(_("通知紀錄"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return RECIPIENT_NOTICE_NAME, {"number": self.request.number}

    @property
    def legal_basis(self) -> str:
        """The articles in the page's language (the catalogue's English for the stored rule)."""
        from shouhu.engines.law.catalogue import load_catalogue
        from shouhu.engines.law.deadlines import legal_basis_en

        rule = (
            next((r for r in load_catalogue().rules if r.id == self.rule_id), None) if self.rule_id else None
        )
        return pick(self.legal_basis_zh, legal_basis_en(rule, self.law_version) if rule else None)

    @property
    def notes_shown(self) -> list[str]:
        """The engine's notes in the page's language (the Chinese when no English was stored)."""
        if english() and len(self.engine_notes_en or []) == len(self.engine_notes or []):
            return list(self.engine_notes_en)
        return list(self.engine_notes or [])


class Suppression(models.Model):
    """One address or number that must not receive marketing (PDPA Art. 20 II), effective at once."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("電子郵件")
        PHONE = "phone", _("電話")

    kind = models.CharField(_("類型"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("電子郵件或電話"), max_length=254)
    digest = models.CharField(max_length=64, unique=True)  # keyed hash of kind + value: look-up by value
    client = models.ForeignKey(
        "organization.Client", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    request = models.ForeignKey(
        SubjectRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="suppressions"
    )
    effective_at = models.DateTimeField(_("生效時間"))

    class Meta:
        ordering = ["-effective_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"


class Reminder(models.Model):
    """One reminder sent for one stage of one due time (never twice)."""

    request = models.ForeignKey(SubjectRequest, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=10)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "stage", "due_at"], name="subject_request_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request.number} {self.stage}"


INTAKE_LINK_NAME = messages.define("requests.name.intake_link", gettext_noop("線上申請頁 #{id}"))


class IntakeLink(messages.Named, models.Model):
    """The public request page of the company: reachable only at an unguessable token URL; one active."""

    token = models.CharField(max_length=64, unique=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return INTAKE_LINK_NAME, {"id": self.pk}
