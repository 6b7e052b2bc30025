"""Names of the files Shouhu writes itself, in the reader's language (``core.messages`` keys and facts).

A file the system generates is stored with ``Evidence.name_key`` + ``name_facts`` beside its zh-TW
``original_name``; a file a person uploads keeps the name they gave (no key: user data is never translated).
Each kind is one of two sorts, decided per kind:

Official documents (``OFFICIAL``) — written in the official language for a Taiwanese regulator, a data subject
or a client under a legal duty, and handed on as they are: the 表 2 通報表 (``REPORT``), the 附錄三 函復
package (``PACKAGE``), the notice to data subjects (``SUBJECT_NOTICE``), the notice e-mail to a client
(``CLIENT_NOTICE``, PDPA Enforcement Rules Art. 8), the letters of a data-subject request
(``REQUEST_LETTER``) and the 安全維護計畫 itself (``PLAN_VERSION``). Their file name stays zh-TW in every language (also when downloaded
from an English page, so the file handed to the authority is named in its language); the key is a *label*
that an English page shows beside the name ("Regulator report, Table 2, incident 1, report 01"), so an
English reader is never left with only Chinese.

Internal files (every other key) — drill outputs (a drill is never sent anywhere), the 實施情形 report ZIP,
the client assurance pack, the deletion certificate, the access-review results and masked copies: the key
is the file name itself, shown and downloaded in the reader's language.

These kinds are registered here, in the evidence app, so every page that lists files can render any of them
without importing the module that wrote them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from shouhu.core.messages import Message, compose, define, render, template_text

if TYPE_CHECKING:
    from shouhu.evidence.models import Evidence

_PLACE = re.compile(r"\{[^}]*\}")
# The incident notice channels (incidents.models.Channel), named by the same msgids.
_CHANNELS = {"sms": gettext_noop("簡訊"), "email": gettext_noop("電子郵件")}
# The letters of a data-subject request (requests.services), by code: to the requester, or to the client.
_LETTERS = {
    "extension": gettext_noop("延長處理期限通知書"),
    "refusal": gettext_noop("處理結果通知書"),
    "forward": gettext_noop("轉交委託者通知"),
}


def _words(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if out.get("channel") in _CHANNELS:
        out["channel"] = gettext(_CHANNELS[out["channel"]])
    if out.get("letter") in _LETTERS:
        out["letter"] = gettext(_LETTERS[out["letter"]])
    return out


def _name(key: str, zh: str) -> str:
    return define(key, zh, _words)


# --- internal files: the key is the file name ---------------------------------------------------------
DRILL_SUBJECT_NOTICE = _name(
    "evidence.name.drill_subject_notice",
    gettext_noop("演練_當事人通知_{channel}_第{incident}號事件_{notice}.txt"),
)
DRILL_CLIENT_NOTICE = _name(
    "evidence.name.drill_client_notice", gettext_noop("演練_客戶通知_{client}_第{incident}號事件.eml")
)
DRILL_REPORT = _name(
    "evidence.name.drill_report",
    gettext_noop("演練_表2_個資侵害事故通報與紀錄表_第{incident}號事件_{sequence}.{ext}"),
)
DRILL_REPORT_SENT = _name(
    "evidence.name.drill_report_sent",
    gettext_noop("演練_表2_個資侵害事故通報與紀錄表_第{incident}號事件_{sequence}_送出版.{ext}"),
)
DRILL_PACKAGE = _name(
    "evidence.name.drill_package", gettext_noop("演練_函復主管機關資料_第{incident}號事件_{date}.zip")
)
IMPLEMENTATION_REPORT = _name(
    "evidence.name.implementation_report", gettext_noop("實施情形_{start}_{end}.zip")
)
ASSURANCE_PACK = _name("evidence.name.assurance_pack", gettext_noop("{client}_資安保證資料_{date}.zip"))
ASSURANCE_PACK_NO_CLIENT = _name(
    "evidence.name.assurance_pack_general", gettext_noop("資料包_資安保證資料_{date}.zip")
)
DELETION_CERTIFICATE = _name(
    "evidence.name.deletion_certificate", gettext_noop("{client}_資料刪除證明書_{date}.docx")
)
ACCESS_REVIEW = _name("evidence.name.access_review", gettext_noop("存取權限審查結果_{review}.{ext}"))
MASKED_COPY = _name("evidence.name.masked_copy", gettext_noop("遮罩副本_{name}{suffix}"))

# --- official documents: the name stays zh-TW, the key is an English page's label beside it -------------
SUBJECT_NOTICE = _name(
    "evidence.label.subject_notice", gettext_noop("當事人通知（{channel}），第{incident}號事件第{notice}則")
)
CLIENT_NOTICE = _name(
    "evidence.label.client_notice", gettext_noop("寄予委託者 {client} 之事故通知信，第{incident}號事件")
)
REPORT = _name(
    "evidence.label.report", gettext_noop("表2 個資侵害事故通報與紀錄表，第{incident}號事件第{sequence}次")
)
REPORT_SENT = _name(
    "evidence.label.report_sent",
    gettext_noop("表2 個資侵害事故通報與紀錄表（送出版），第{incident}號事件第{sequence}次"),
)
PACKAGE = _name("evidence.label.package", gettext_noop("附錄三 函復主管機關資料，第{incident}號事件"))
REQUEST_LETTER = _name("evidence.label.request_letter", gettext_noop("{number} {letter}"))
PLAN_VERSION = _name("evidence.label.plan_version", gettext_noop("個人資料檔案安全維護計畫第 {number} 版"))

OFFICIAL = frozenset(
    {SUBJECT_NOTICE, CLIENT_NOTICE, REPORT, REPORT_SENT, PACKAGE, REQUEST_LETTER, PLAN_VERSION}
)
KINDS = frozenset(
    {
        DRILL_SUBJECT_NOTICE, DRILL_CLIENT_NOTICE, DRILL_REPORT, DRILL_REPORT_SENT, DRILL_PACKAGE, IMPLEMENTATION_REPORT,
        ASSURANCE_PACK, ASSURANCE_PACK_NO_CLIENT, DELETION_CERTIFICATE, ACCESS_REVIEW, MASKED_COPY,
    }
) | OFFICIAL  # fmt: skip


def _described(key: str, zh: str) -> str:
    return define(key, zh, _words)


# What an internal file is, for a page not in zh-TW (a zh-TW page shows the description stored with the file,
# which the creation site wrote in the official language). An official document's label says what it is.
DESCRIPTIONS = {
    DRILL_SUBJECT_NOTICE: _described(
        "evidence.about.drill_subject_notice", gettext_noop("演練：以{channel}通知當事人")
    ),
    DRILL_CLIENT_NOTICE: _described(
        "evidence.about.drill_client_notice", gettext_noop("演練：寄送予 {client} 之事故通知信")
    ),
    DRILL_REPORT: _described(
        "evidence.about.drill_report", gettext_noop("演練：表2 個資侵害事故通報與紀錄表")
    ),
    DRILL_REPORT_SENT: _described(
        "evidence.about.drill_report_sent", gettext_noop("演練：表2 個資侵害事故通報與紀錄表（送出版）")
    ),
    DRILL_PACKAGE: _described("evidence.about.drill_package", gettext_noop("演練：附錄三 函復主管機關資料")),
    IMPLEMENTATION_REPORT: _described(
        "evidence.about.implementation_report", gettext_noop("個人資料檔案安全維護計畫實施情形")
    ),
    ASSURANCE_PACK: _described("evidence.about.assurance_pack", gettext_noop("資安保證資料包：{client}")),
    ASSURANCE_PACK_NO_CLIENT: _described(
        "evidence.about.assurance_pack_general", gettext_noop("資安保證資料包")
    ),
    DELETION_CERTIFICATE: _described(
        "evidence.about.deletion_certificate", gettext_noop("契約終止資料刪除證明書：{client}")
    ),
    ACCESS_REVIEW: _described("evidence.about.access_review", gettext_noop("存取權限審查結果")),
    MASKED_COPY: _described("evidence.about.masked_copy", gettext_noop("遮罩（隱碼）副本")),
}


def description(evidence: Evidence) -> str:
    """The file's description for the reader: as stored on a zh-TW page and for uploads; on other pages an
    internal file's from its kind, an official document's none (its label beside the name says what it is)."""
    if not evidence.name_key or _zh_active():
        return evidence.description
    if evidence.name_key in OFFICIAL:
        return ""
    key = DESCRIPTIONS.get(evidence.name_key)
    return render(key, evidence.name_facts, evidence.description) if key else evidence.description


def _labelled(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    out["label"] = render(str(values.get("kind") or ""), values.get("facts") or {}, "")
    return out


# An official document's name with its label: the audit log's name for it, and an English page's.
WITH_LABEL = define("evidence.name.with_label", gettext_noop("{file}（{label}）"), _labelled)


def is_official(evidence: Evidence) -> bool:
    return evidence.name_key in OFFICIAL


def _zh_active() -> bool:
    return (translation.get_language() or settings.LANGUAGE_CODE).lower() == settings.LANGUAGE_CODE.lower()


def file_name(evidence: Evidence) -> str:
    """The file's name for the reader: an internal file's in the reader's language; an official document's
    and an upload's as stored."""
    if not evidence.name_key or evidence.name_key in OFFICIAL:
        return evidence.original_name
    return render(evidence.name_key, evidence.name_facts, evidence.original_name)


def label(evidence: Evidence) -> str:
    """What an official document is, for a reader not reading zh-TW; empty otherwise (the name says it)."""
    if evidence.name_key not in OFFICIAL or _zh_active():
        return ""
    return render(evidence.name_key, evidence.name_facts, "")


def shown(evidence: Evidence) -> str:
    """The file's name as a page shows it: ``file_name``, with an official document's label beside it on a
    page not in zh-TW."""
    if label(evidence):
        return render(WITH_LABEL, _with_label_facts(evidence), evidence.original_name)
    return file_name(evidence)


def _with_label_facts(evidence: Evidence) -> dict[str, Any]:
    return {"file": evidence.original_name, "kind": evidence.name_key, "facts": evidence.name_facts}


def message(evidence: Evidence) -> Message | str:
    """The file's name for the audit log: its key and facts when the system named it, else the name as given."""
    if evidence.name_key in OFFICIAL:
        return compose(WITH_LABEL, **_with_label_facts(evidence))
    if evidence.name_key in KINDS:
        return Message(evidence.name_key, dict(evidence.name_facts), evidence.original_name)
    return evidence.original_name


def matching_keys(word: str) -> list[str]:
    """The kinds whose name or label, in zh-TW or in the active language, contains ``word`` (case-blind;
    the facts' own words are not searched), for finding generated files by the name a page shows."""
    needle = word.casefold()
    languages = {settings.LANGUAGE_CODE, translation.get_language() or settings.LANGUAGE_CODE}
    found = []
    for key in sorted(KINDS):
        texts = [_PLACE.sub(" ", _template(key, language)).casefold() for language in languages]
        if any(needle in text for text in texts):
            found.append(key)
    return found


def _template(key: str, language: str) -> str:
    with translation.override(language):
        return template_text(key)
