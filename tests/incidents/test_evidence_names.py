"""The files an incident produces are named for the reader (issue 12): a drill's files are internal and named
in the reader's language; the official documents (表 2, the notices, the 附錄三 package) keep their zh-TW
file names, and an English page says what they are beside the name."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.test import Client

from shouhu.audit.models import AuditEvent
from shouhu.incidents import notices, package, reports, services
from shouhu.incidents.models import Incident
from tests.incidents.test_package import LETTER

SUBJECT = {"kinds": ["leak"], "data_items": "姓名、電話", "measures": "已封鎖來源", "hotline": "0800-123-456"}


def _web(client: Client, user: Any, language: str) -> Client:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _sent_subject_notice(incident: Incident, officer: Any) -> Any:
    saved = notices.save_subject_notice(actor=officer, incident=incident, channel="sms", **SUBJECT)
    notices.mark_subject_notice_sent(actor=officer, notice=saved, recipients=10)
    return incident.evidence_links.get(category="subject_notice").evidence


def _drill(incident: Incident, officer: Any) -> Incident:
    return services.update_incident(actor=officer, incident=incident, data={"is_drill": True})


def test_a_drill_notice_is_named_in_english_on_the_english_incident_page(
    incident: Incident, officer: Any, client: Client
) -> None:
    incident = _drill(incident, officer)
    evidence = _sent_subject_notice(incident, officer)
    zh_name = f"演練_當事人通知_簡訊_第{incident.pk}號事件_{evidence.name_facts['notice']}.txt"
    en_name = f"Drill_subject-notice_SMS_INC-{incident.pk}_{evidence.name_facts['notice']}.txt"
    assert evidence.original_name == zh_name  # stored in the official language, as before

    english = _web(client, officer, "en").get(f"/incidents/{incident.pk}/").content.decode()
    assert en_name in english
    assert zh_name not in english
    chinese = _web(client, officer, "zh-hant").get(f"/incidents/{incident.pk}/").content.decode()
    assert zh_name in chinese
    assert en_name not in chinese


def test_a_drill_notice_downloads_under_the_readers_name(
    incident: Incident, officer: Any, client: Client
) -> None:
    incident = _drill(incident, officer)
    evidence = _sent_subject_notice(incident, officer)
    url = f"/incidents/{incident.pk}/evidence/{evidence.pk}/"
    english = _web(client, officer, "en").get(url)
    assert english["Content-Disposition"] == (
        f'attachment; filename="Drill_subject-notice_SMS_INC-{incident.pk}_{evidence.name_facts["notice"]}.txt"'
    )
    chinese = _web(client, officer, "zh-hant").get(url)
    assert f"filename*=utf-8''{quote(evidence.original_name)}" in chinese["Content-Disposition"]


def test_a_real_notice_keeps_its_chinese_name_and_is_labelled_in_english(
    incident: Incident, officer: Any, client: Client
) -> None:
    evidence = _sent_subject_notice(incident, officer)
    label = f"Notice to data subjects (SMS), INC-{incident.pk}, notice {evidence.name_facts['notice']}"
    english = _web(client, officer, "en").get(f"/incidents/{incident.pk}/").content.decode()
    assert f"{evidence.original_name} — {label}" in english
    chinese = _web(client, officer, "zh-hant").get(f"/incidents/{incident.pk}/").content.decode()
    assert evidence.original_name in chinese
    assert label not in chinese
    # handed to the data subject's side as written: the download keeps the official name in English too
    url = f"/incidents/{incident.pk}/evidence/{evidence.pk}/"
    header = _web(client, officer, "en").get(url)["Content-Disposition"]
    assert f"filename*=utf-8''{quote(evidence.original_name)}" in header


def test_the_regulator_report_is_labelled_and_a_drill_report_renamed(
    incident: Incident, officer: Any, client: Client
) -> None:
    report = reports.generate(actor=officer, incident=incident, with_pdf=False)
    assert report.docx.original_name == f"表2_個資侵害事故通報與紀錄表_第{incident.pk}號事件_01.docx"
    english = _web(client, officer, "en").get("/evidence/").content.decode()
    assert f"{report.docx.original_name} — Regulator report (Table 2), INC-{incident.pk}, report 1" in english

    incident = _drill(incident, officer)
    drill = reports.generate(actor=officer, incident=incident, with_pdf=False)
    english = _web(client, officer, "en").get("/evidence/").content.decode()
    assert f"Drill_Table2_breach-report_INC-{incident.pk}_02.docx" in english
    assert drill.docx.original_name not in english


def test_a_drill_package_is_named_in_english_on_the_incident_page(
    incident: Incident, officer: Any, client: Client
) -> None:
    incident = _drill(incident, officer)
    pkg = package.build(actor=officer, incident=incident, letter=LETTER, with_pdf=False)
    english = _web(client, officer, "en").get(f"/incidents/{incident.pk}/").content.decode()
    assert f"Drill_reply-to-regulator_INC-{incident.pk}_" in english
    assert pkg.archive.original_name not in english


def test_the_audit_log_names_a_generated_file_in_the_readers_language(
    incident: Incident, officer: Any, client: Client, make_user: Any
) -> None:
    incident = _drill(incident, officer)
    evidence = _sent_subject_notice(incident, officer)
    event = AuditEvent.objects.get(action="evidence.stored", object_id=str(evidence.pk))
    assert (event.object_repr, event.object_key) == (evidence.original_name, evidence.name_key)
    page = _web(client, make_user("auditor"), "en").get("/audit/?object_type=evidence.evidence")
    assert f"Drill_subject-notice_SMS_INC-{incident.pk}_" in page.content.decode()
