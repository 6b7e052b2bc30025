"""Incidents (個資事故): the record, its timeline, tasks, legal deadlines, documents and notices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from shouhu.core import messages
from shouhu.core.bilingual import english, pick
from shouhu.incidents.facts import FACTS, label_zh

if TYPE_CHECKING:
    from shouhu.engines.law.model import DeadlineRule


class Kind(models.TextChoices):
    """事件發生種類 (表 2). A leak (個資外洩) ticks both 竊取 and 洩漏; 誤寄 (sent to the wrong person) is
    kept apart so notices can say what happened, and prints as 洩漏 on the form."""

    THEFT = "theft", _("竊取")
    LEAK = "leak", _("洩漏")
    MISDIRECTED = "misdirected", _("誤寄")  # 表 2 has no box of its own: ticks 洩漏 (see reports.FORM_KINDS)
    ALTERATION = "alteration", _("竄改")
    DAMAGE = "damage", _("毀損")
    LOSS = "loss", _("滅失")
    OTHER = "other", _("其他侵害事故")


class State(models.TextChoices):
    SUSPECTED = "suspected", _("疑似事件（待分流）")
    OPEN = "open", _("處理中")
    CLOSED = "closed", _("處理結束")
    DISMISSED = "dismissed", _("經分流非事故")


# Allowed workflow transitions (STYLE 3): anything else is refused. A suspected event leaves that state
# only through triage (services.triage_confirm / triage_dismiss), which records 知悉 and the reason.
TRANSITIONS: dict[str, frozenset[str]] = {
    State.SUSPECTED: frozenset(),
    State.OPEN: frozenset({State.CLOSED}),
    State.CLOSED: frozenset({State.OPEN}),
    State.DISMISSED: frozenset({State.SUSPECTED}),
}
# States whose legal clocks run (shown, counted down and reminded): a suspected event's clocks are
# provisional but never hidden.
LIVE_STATES = (State.SUSPECTED, State.OPEN)


DRILL_NAME = messages.define("incidents.name.drill", gettext_noop("【演練】{title}"))


class Incident(messages.Named, models.Model):
    title = models.CharField(_("事件名稱"), max_length=200)
    is_drill = models.BooleanField(_("演練"), default=False)
    state = models.CharField(_("狀態"), max_length=10, choices=State.choices, default=State.OPEN)
    # Timestamps kept apart: rules start from different ones.
    occurred_at = models.DateTimeField(_("發生時間"), null=True, blank=True)
    occurred_unknown = models.BooleanField(_("發生時間不明"), default=False)
    discovered_at = models.DateTimeField(_("發現時間"))
    aware_at = models.DateTimeField(_("知悉時間"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("查明時間"), null=True, blank=True)
    handling_ended_at = models.DateTimeField(_("處理結束時間"), null=True, blank=True)
    kinds = models.JSONField(_("事件發生種類"), default=list, blank=True)
    data_items = models.CharField(
        _("受侵害之個人資料項目"), max_length=300, blank=True, help_text=_("例如：姓名、電話、地址、訂單內容")
    )
    records_unknown = models.BooleanField(_("侵害筆數目前不明"), default=False)
    general_records = models.PositiveIntegerField(_("一般個資筆數"), null=True, blank=True)
    special_records = models.PositiveIntegerField(_("特種個資筆數"), null=True, blank=True)
    affected_clients = models.ManyToManyField(
        "organization.Client", blank=True, related_name="incidents", verbose_name=_("受影響之委託者")
    )
    affected_systems = models.TextField(_("受影響之系統"), blank=True)
    system_ids = models.JSONField(_("資產清冊之系統"), default=list, blank=True)
    summary = models.TextField(_("發生原因及事件摘要"), blank=True)
    damage = models.TextField(_("損害狀況"), blank=True)
    consequences = models.TextField(_("個資侵害可能結果"), blank=True, help_text=_("例如詐騙、盜刷信用卡"))
    measures_taken = models.TextField(_("已採取之因應措施"), blank=True)
    measures_planned = models.TextField(_("擬採取之因應措施"), blank=True)
    subject_notice_plan = models.TextField(_("擬採通知當事人之時間及方式"), blank=True)
    # Facts that decide whether a legal clock runs: None = 尚未判斷 (the default). A clock waiting on one is
    # shown, counted down and reminded; only an explicit "no" with a written reason (FactDecision) removes it.
    serious = models.BooleanField(_("危及正常營運或大量當事人權益"), null=True, blank=True, default=None)
    ncc_serious = models.BooleanField(_("屬NCC所定重大個資事故"), null=True, blank=True, default=None)
    cyber = models.BooleanField(_("同時為資通安全事件"), null=True, blank=True, default=None)
    level = models.PositiveSmallIntegerField(
        _("資安事件等級"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    caused_by_violation = models.BooleanField(_("因違反個資法所致"), null=True, blank=True, default=None)
    contract_notice_hours = models.PositiveIntegerField(_("契約約定通知時數"), null=True, blank=True)
    authority_reported_at = models.DateTimeField(_("首次通報主管機關時間"), null=True, blank=True)
    delay_reason = models.TextField(_("延遲通報理由"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_incidents",
        verbose_name=_("事件負責人"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="reported_incidents",
        verbose_name=_("通報人"),
    )
    # A staff member's report of a suspected event, and its triage.
    reporter_contact = models.CharField(_("通報人聯絡方式"), max_length=200, blank=True)
    triaged_at = models.DateTimeField(_("分流時間"), null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dismiss_reason = models.TextField(_("非事故之理由"), blank=True)
    # The law engine's warnings at the last recompute (EngineWarning.to_dict()), shown beside the clocks.
    clock_warnings = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-discovered_at", "-id"]
        verbose_name = "個資事故"

    def __str__(self) -> str:
        return self.name_shown() if self.is_drill else self.title

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """A drill's title marked 【演練】 ([Drill]); a real incident's title as typed."""
        return (DRILL_NAME, {"title": self.title}) if self.is_drill else ("", {})

    def name_message(self) -> messages.Message:
        return super().name_message() if self.is_drill else messages.Message("", {}, self.title)

    def kind_labels(self) -> list[str]:
        labels = dict(Kind.choices)
        return [str(labels[k]) for k in Kind.values if k in self.kinds]


class TimelineEntry(models.Model):
    """What was done, by whom, when. Append-only: never edited or deleted."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="timeline")
    at = models.DateTimeField(_("時間"))
    text = models.TextField(_("內容"))  # as written; for a system entry, its zh-TW text
    automatic = models.BooleanField(_("系統紀錄"), default=False)
    # A system entry's sentence (``incidents.timeline_text``), rendered in the reader's language.
    message_key = models.CharField(max_length=60, blank=True, default="")
    message_facts = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.text[:40]}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("時間軸紀錄不可修改（僅能新增）")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("時間軸紀錄不可刪除")

    @property
    def shown(self) -> str:
        """The entry in the reader's language (a typed entry as typed)."""
        from shouhu.core.messages import shown
        from shouhu.incidents import timeline_text  # noqa: F401  (registers the keys)

        return shown(self)


class FactDecision(models.Model):
    """One answer to a clock-deciding fact (yes / no / back to 尚未判斷): who, when, why. Append-only."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="decisions")
    fact = models.CharField(_("事實"), max_length=30)
    old_value = models.JSONField(_("原判斷"), null=True, blank=True)
    value = models.JSONField(_("判斷"), null=True, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("判斷時間"))

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"INC-{self.incident_id} {self.fact}={self.value!r}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("判斷紀錄不可修改（僅能新增）")
        super().save(*args, **kwargs)

    @property
    def fact_zh(self) -> str:
        return label_zh(self.fact)

    @property
    def old_display(self) -> str:
        return FACTS[self.fact].display(self.old_value) if self.fact in FACTS else str(self.old_value)

    @property
    def value_display(self) -> str:
        return FACTS[self.fact].display(self.value) if self.fact in FACTS else str(self.value)


class Task(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField(default=0)
    phase = models.CharField(_("階段"), max_length=20)
    title = models.CharField(_("工作項目"), max_length=300)
    done_at = models.DateTimeField(_("完成時間"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title_en(self) -> str | None:
        """Shouhu's (unofficial) English of a title seeded from the guideline; None for a typed task."""
        from shouhu.incidents.tasks_seed import title_english

        return title_english(self.title)

    @property
    def phase_shown(self) -> str:
        from shouhu.incidents.tasks_seed import phase_text

        return phase_text(self.phase)


DEADLINE_NAME = messages.define(
    "incidents.name.deadline",
    gettext_noop("{title}（{party}）"),
    lambda v: {**v, "party": gettext("本公司") if v["party"] == "self" else v["party"]},
)


class IncidentDeadline(messages.Named, models.Model):
    """One deadline from the law engine, stored so it can be met, reminded and audited."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="deadlines")
    rule_id = models.CharField(max_length=80)
    party_id = models.CharField(max_length=40)
    client = models.ForeignKey(
        "organization.Client", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title_zh = models.CharField(_("期限"), max_length=300)
    obligor_zh = models.CharField(_("義務人"), max_length=300, blank=True)
    recipient_zh = models.CharField(_("對象"), max_length=300, blank=True)
    content_zh = models.TextField(blank=True)
    form_zh = models.CharField(_("格式"), max_length=300, blank=True)
    legal_basis_zh = models.TextField(_("法律依據"), blank=True)
    law_version = models.CharField(_("法規版本"), max_length=60, blank=True)
    explanation_zh = models.TextField(_("說明"), blank=True)
    # The engine's English explanation; "" for clocks computed before it wrote one (see ``explanation``).
    explanation_en = models.TextField(_("英文說明"), blank=True, default="")
    due_at = models.DateTimeField(_("期限"))
    extended_due_at = models.DateTimeField(null=True, blank=True)
    verified = models.BooleanField(default=True)
    conservative_reading = models.BooleanField(default=False)
    # Facts not yet known that this deadline waits on (PendingFact.to_dict()); empty when it surely applies.
    pending = models.JSONField(_("待判斷"), default=list, blank=True)
    active = models.BooleanField(_("適用中"), default=True)
    met_at = models.DateTimeField(_("完成時間"), null=True, blank=True)
    met_by = models.CharField(_("完成文件"), max_length=300, blank=True)
    met_evidence = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-active", "due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "rule_id", "party_id"], name="incident_deadline_unique_rule_party"
            )
        ]

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """The deadline's title from the law engine in both languages, and whose duty it is (本公司 for us)."""
        rule = self._rule()
        title = {"zh": self.title_zh, "en": rule.title_en if rule else None}
        return DEADLINE_NAME, {"title": title, "party": self.party_id}

    @property
    def pending_labels(self) -> list[str]:
        return list(dict.fromkeys(str(p.get("label_zh", "")) for p in self.pending or []))

    @property
    def pending_zh(self) -> str:
        """「待判斷：是否危及正常營運或大量當事人權益」, or "" when the deadline surely applies."""
        return f"待判斷：{'、'.join(self.pending_labels)}" if self.pending else ""

    # What pages show: the stored Chinese, or on English pages the catalogue's English for the same rule.
    # Official documents (reports, notices, the package) keep reading the *_zh fields.
    @property
    def title(self) -> str:
        rule = self._rule()
        return pick(self.title_zh, rule.title_en if rule else None)

    def _rule(self) -> DeadlineRule | None:
        from shouhu.engines.law.catalogue import load_catalogue

        return next((r for r in load_catalogue().rules if r.id == self.rule_id), None)

    @property
    def legal_basis(self) -> str:
        """The articles in the page's language: 「個人資料保護法第12條；…」 as stored (without the database code
        rows computed earlier still carry), or on English pages "PDPA Art. 12; …" from the catalogue."""
        from shouhu.engines.law.deadlines import legal_basis_en
        from shouhu.engines.law.explain import without_codes

        rule = self._rule()
        return pick(
            without_codes(self.legal_basis_zh), legal_basis_en(rule, self.law_version) if rule else None
        )

    @property
    def explanation(self) -> str:
        """The engine's explanation in the page's language; "" on an English page when this clock was computed
        before the engine wrote English (``explanation_untranslated`` then holds the Chinese to show)."""
        from shouhu.engines.law.explain import without_codes

        return self.explanation_en if english() else without_codes(self.explanation_zh)

    @property
    def explanation_untranslated(self) -> str:
        """The Chinese explanation for an English page that has no English one, else ""."""
        from shouhu.engines.law.explain import without_codes

        return without_codes(self.explanation_zh) if english() and not self.explanation_en else ""

    @property
    def form(self) -> str:
        """The form or way to report in the page's language (the catalogue's English for the rule)."""
        rule = self._rule()
        return pick(self.form_zh, rule.form_en if rule and rule.form_zh == self.form_zh else None)

    @property
    def law_version_label(self) -> str:
        """The law version in words (「2023年5月31日修正公布…」), never its id; the id when unknown."""
        from shouhu.engines.law.catalogue import load_catalogue

        rule = self._rule()
        try:
            version = load_catalogue().law(rule.law).version(self.law_version) if rule else None
        except KeyError:
            version = None
        if version is None:
            return self.law_version
        return pick(version.label_zh, version.label_en)

    @property
    def recipient(self) -> str:
        from shouhu.engines.law.english import recipient_en

        return pick(self.recipient_zh, recipient_en(self.recipient_zh))

    @property
    def obligor(self) -> str:
        from shouhu.engines.law.english import obligor_en

        return pick(self.obligor_zh, obligor_en(self.obligor_zh))


class Reminder(models.Model):
    """A reminder e-mail sent for one deadline stage (24 h, 6 h, 1 h, passed); sent at most once."""

    deadline = models.ForeignKey(IncidentDeadline, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=10)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["deadline", "stage", "due_at"], name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.deadline_id}:{self.stage}"


class EvidenceCategory(models.TextChoices):
    DIAGRAM = "diagram", _("系統架構圖")
    CONTRACT = "contract", _("契約")
    PENTEST = "pentest", _("滲透測試報告")
    SCAN = "scan", _("弱點掃描報告")
    CODE_REVIEW = "code_review", _("原始碼檢測報告")
    NOTICE_PROOF = "notice_proof", _("通知客戶佐證")
    SUBJECT_NOTICE = "subject_notice", _("協助通知當事人佐證")
    LOG = "log", _("紀錄檔（log）")
    MALWARE = "malware", _("惡意程式處理佐證")
    REPORT = "report", _("通報文件")
    TRAINING = "training", _("教育訓練紀錄（簽到表）")  # 附錄三 圖20
    PHISHING_DRILL = "phishing_drill", _("社交工程演練紀錄")  # 附錄三 圖21
    OTHER = "other", _("其他")


class IncidentEvidence(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="evidence_links")
    evidence = models.ForeignKey("evidence.Evidence", on_delete=models.PROTECT, related_name="+")
    category = models.CharField(
        _("類別"), max_length=20, choices=EvidenceCategory.choices, default=EvidenceCategory.OTHER
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return f"{self.incident_id}:{self.evidence_id}"


REPORT_NAME_FIRST = messages.define("incidents.name.report_first", gettext_noop("INC-{incident} 初報"))
REPORT_NAME_NEXT = messages.define(
    "incidents.name.report_next", gettext_noop("INC-{incident} 續報（第{n}次）")
)


class AuthorityReport(messages.Named, models.Model):
    """A staged report on 表 2 (initial, then follow-ups), kept as evidence."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="reports")
    sequence = models.PositiveIntegerField(_("次別"))
    snapshot = models.JSONField(default=dict)
    docx = models.ForeignKey("evidence.Evidence", on_delete=models.PROTECT, related_name="+")
    pdf = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("送出時間"), null=True, blank=True)
    reporter = models.ForeignKey(
        "organization.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("通報人"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sequence"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "sequence"], name="report_sequence_unique")
        ]

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """「INC-1 初報」 / 「INC-1 續報（第2次）」, in the reader's language (first report, follow-up report no. 2)."""
        if self.sequence == 1:
            return REPORT_NAME_FIRST, {"incident": self.incident_id}
        return REPORT_NAME_NEXT, {"incident": self.incident_id, "n": self.sequence - 1}

    @property
    def stage_zh(self) -> str:
        """The stage as 表 2 prints it (official language)."""
        return "初報" if self.sequence == 1 else f"續報（第{self.sequence - 1}次）"

    @property
    def stage_shown(self) -> str:
        """The stage in the reader's language, for pages."""
        if self.sequence == 1:
            return gettext("初報")
        return gettext("續報（第{n}次）").format(n=self.sequence - 1)


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SENT = "sent", _("已寄出")
    FAILED = "failed", _("寄送失敗")


CLIENT_NOTICE_NAME = messages.define(
    "incidents.name.client_notice", gettext_noop("INC-{incident} 委託者通知：{client}")
)


class ClientNotice(messages.Named, models.Model):
    """The e-mail to one affected client (圖 18). The draft survives SMTP failures."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="client_notices")
    client = models.ForeignKey("organization.Client", on_delete=models.PROTECT, related_name="+")
    to = models.CharField(_("收件者"), max_length=500)
    cc = models.CharField(_("副本"), max_length=500, blank=True)
    subject = models.CharField(_("主旨"), max_length=300)
    body = models.TextField(_("內容"))
    status = models.CharField(max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT)
    last_error = models.CharField(max_length=500, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    evidence = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["client__name", "id"]
        constraints = [models.UniqueConstraint(fields=["incident", "client"], name="client_notice_unique")]

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """「INC-1 委託者通知：客戶名稱」 (the client by name, not its number), in the reader's language."""
        return CLIENT_NOTICE_NAME, {"incident": self.incident_id, "client": self.client.name}


class Channel(models.TextChoices):
    SMS = "sms", _("簡訊")
    EMAIL = "email", _("電子郵件")


SUBJECT_NOTICE_NAME = messages.define(
    "incidents.name.subject_notice",
    gettext_noop("INC-{incident} 當事人通知（{channel}）"),
    messages.labels(channel=Channel),
)


class SubjectNotice(messages.Named, models.Model):
    """A notice to data subjects (PDPA Art. 12; Enforcement Rules Art. 22), drafted from structured facts.

    The required elements are fields (what happened to which data, the measures taken, the line for
    enquiries) so the checker verifies them directly; ``body`` is the text composed from them and sent.
    When the incident concerns a client's data held by us as its processor, the client is the party that
    must notify (PDPA Art. 4, Enforcement Rules Art. 8): ``client`` is set and the notice is signed by it.
    """

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="subject_notices")
    channel = models.CharField(_("管道"), max_length=10, choices=Channel.choices)
    client = models.ForeignKey(
        "organization.Client",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("通知義務人（委託者）"),
    )
    signer = models.CharField(_("署名（通知義務人）"), max_length=200, blank=True)
    kinds = models.JSONField(_("侵害種類"), default=list, blank=True)
    data_items = models.CharField(_("受侵害之個人資料項目"), max_length=300, blank=True)
    measures = models.TextField(_("已採取之因應措施"), blank=True)
    hotline = models.CharField(_("查詢專線或管道"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("寄送時間"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("通知人數"), null=True, blank=True)
    subject = models.CharField(_("主旨"), max_length=300, blank=True)
    body = models.TextField(_("內容"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["channel", "id"]

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        """「INC-1 當事人通知（簡訊）」 in the reader's language (was the channel's code, 「sms」)."""
        return SUBJECT_NOTICE_NAME, {"incident": self.incident_id, "channel": self.channel}


class PackageStatus(models.TextChoices):
    QUEUED = "queued", _("產生中")
    DONE = "done", _("完成")
    FAILED = "failed", _("失敗")


PACKAGE_NAME = messages.define(
    "incidents.name.package", gettext_noop("INC-{incident} 函復主管機關資料 #{id}")
)


class RegulatorPackage(messages.Named, models.Model):
    """附錄三: the reply to the authority's letter, as one ZIP kept as evidence. Built by the
    ``incidents.package`` job: the row exists (queued) from the request on, its archive once done."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="packages")
    letter = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=PackageStatus.choices, default=PackageStatus.DONE)
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    error = models.CharField(max_length=300, blank=True)
    archive = models.ForeignKey(
        "evidence.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    manifest = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return PACKAGE_NAME, {"incident": self.incident_id, "id": self.pk}

    @property
    def error_shown(self) -> str:
        """Why it failed, in the reader's language (the system's fixed sentences are msgids)."""
        from shouhu.core.messages import fixed

        return fixed(self.error)


NOTIFY_SETTINGS_NAME = messages.define("incidents.name.notify_settings", gettext_noop("疑似事件通知設定"))


class NotifySettings(messages.Named, models.Model):
    """Who is e-mailed at once when an employee reports a suspected event (a single row)."""

    notify_privacy_chief = models.BooleanField(_("通知個資保護總負責人"), default=True)
    notify_security_chief = models.BooleanField(_("通知資安總負責人"), default=True)
    extra_recipients = models.TextField(
        _("其他收件者"), blank=True, help_text=_("電子郵件地址，以逗號或換行分隔（例如資安值班信箱）")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "疑似事件通知設定"

    def __str__(self) -> str:
        return self.name_shown()

    def name_parts(self) -> tuple[str, dict[str, object]]:
        return NOTIFY_SETTINGS_NAME, {}

    def extra_list(self) -> list[str]:
        parts = self.extra_recipients.replace("\n", ",").replace("，", ",").replace("、", ",").split(",")
        return [p.strip() for p in parts if p.strip()]
