"""Reads of the evidence store for other modules' pickers."""

from __future__ import annotations

import contextlib
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext, gettext_noop

from shouhu.accounts.permissions import readable_departments, scope_reads
from shouhu.core.rocdate import RocDateError, parse_date
from shouhu.evidence import names
from shouhu.evidence.models import Evidence

# Where a file was first stored, in words (an Evidence.context starts with "app.model:"); msgids, shown in the
# reader's language, and a search word in either language finds the module's files.
CONTEXT_LABELS = {
    "assessment": gettext_noop("自我檢查與稽核"),
    "incidents": gettext_noop("事件"),
    "inventory": gettext_noop("個資盤點"),
    "risk": gettext_noop("風險評估"),
    "scans": gettext_noop("個資掃描"),
    "jobs": gettext_noop("個資掃描"),  # the masked copies made by a background job
    "logwatch": gettext_noop("日誌監控"),
    "plan": gettext_noop("安全維護計畫"),
    "requests": gettext_noop("當事人權利行使"),
    "subject_requests": gettext_noop("當事人權利行使"),
    "thirdparties": gettext_noop("委外與傳輸"),
    "contracts": gettext_noop("委託者契約"),
    "organization": gettext_noop("委託者"),
    "people": gettext_noop("人員及存取權限"),
    "training": gettext_noop("教育訓練"),
    "documents": gettext_noop("政策及文件"),
    "law": gettext_noop("法規與適用"),
}


def context_label(evidence: Evidence) -> str:
    """The module the file was stored from, in the reader's language (empty for an upload to the store)."""
    label = CONTEXT_LABELS.get(evidence.context.split(".", 1)[0], "") if evidence.context else ""
    return gettext(label) if label else ""


def evidence(*, actor: Any) -> QuerySet[Evidence]:
    """The files ``actor`` may read: a department-scoped officer reads their departments' files and the
    company's (without a department) except compilations of every department's records; other readers
    read all."""
    qs = Evidence.objects.select_related("blob", "uploaded_by", "department")
    if readable_departments(actor, "evidence.view") is not None:
        qs = qs.exclude(whole_company=True)
    return scope_reads(qs, actor, "evidence.view")


def evidence_by_pk(pk: int, *, actor: Any) -> Evidence | None:
    """One file, or None when it does not exist or ``actor`` may not read it."""
    return evidence(actor=actor).filter(pk=pk).first()


def name_matches(word: str) -> Q:
    """Files named ``word``-ish: the stored (zh-TW) name contains it, or the file is a generated kind whose
    name or label in the reader's language contains it (「notice」 finds 「當事人通知_…」 on an English page)."""
    match = Q(original_name__icontains=word)
    keys = names.matching_keys(word)
    if keys:
        match |= Q(name_key__in=keys)
    return match


def search(query: str, *, actor: Any, limit: int = 20) -> QuerySet[Evidence]:
    """Files whose name or description contains the words, or uploaded on a date (ISO or ROC, e.g. 115/11/20).

    A word naming a module (「事件」, 「個資盤點」) also matches the files stored from that module.
    """
    words = query.split()
    qs = evidence(actor=actor)
    for word in words[:5]:
        match = name_matches(word) | Q(description__icontains=word)
        apps = [
            app
            for app, label in CONTEXT_LABELS.items()
            if word in label or word.casefold() in gettext(label).casefold()
        ]
        for app in apps:
            match |= Q(context__startswith=f"{app}.")
        with contextlib.suppress(RocDateError, ValueError):  # not a date: name and description only
            match |= Q(uploaded_at__date=parse_date(word))
        qs = qs.filter(match)
    return qs.order_by("-uploaded_at", "-id")[:limit]
