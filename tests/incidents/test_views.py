"""Pages: staff may report; the form shows what is missing; permissions; downloads audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from shouhu.incidents.models import Incident


def _dt(value: dt.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_staff_reports_and_sees_own_incident(
    company: Any, make_user: Any, login_as: Any, now: dt.datetime
) -> None:
    staff = make_user("staff")
    c = login_as(staff)
    response = c.post(
        reverse("incidents:report"),
        {
            "title": "員工通報：疑似外洩",
            "discovered_at": _dt(now - dt.timedelta(hours=1)),
            "kinds": ["leak"],
            "summary": "收到客戶反映",
        },
    )
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("incidents:detail", args=[incident.pk])
    assert incident.reported_by == staff
    assert incident.deadlines.exists()
    page = c.get(reverse("incidents:detail", args=[incident.pk]))
    assert page.status_code == 200
    assert "法定期限" in page.content.decode()
    assert c.get(reverse("incidents:edit", args=[incident.pk])).status_code == 403


def test_out_of_order_refused_on_form(company: Any, officer: Any, login_as: Any, now: dt.datetime) -> None:
    c = login_as(officer)
    response = c.post(
        reverse("incidents:report"),
        {
            "title": "x",
            "discovered_at": _dt(now - dt.timedelta(hours=1)),
            "aware_at": _dt(now - dt.timedelta(hours=3)),
        },
    )
    assert response.status_code == 200
    assert "不可早於發現時間" in response.content.decode()
    assert not Incident.objects.exists()


def test_detail_shows_missing_facts_and_countdown(
    company: Any, officer: Any, login_as: Any, now: dt.datetime
) -> None:
    c = login_as(officer)
    c.post(
        reverse("incidents:report"),
        {
            "title": "x",
            "discovered_at": _dt(now - dt.timedelta(hours=1)),
            "summary": "初步",
            "serious": "yes",
        },
    )
    incident = Incident.objects.get()
    html = c.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert 'data-testid="missing-report"' in html
    assert "事件發生種類" in html
    assert "incidents/countdown.js" in html
    assert "data-due=" in html
    assert "<script>" not in html
    assert "style=" not in html
    generate = c.post(reverse("incidents:report_generate", args=[incident.pk]))
    assert generate.status_code == 302
    assert not incident.reports.exists()


def test_auditor_cannot_report_or_edit(incident: Incident, make_user: Any, login_as: Any) -> None:
    c = login_as(make_user("auditor"))
    assert c.get(reverse("incidents:list")).status_code == 200
    assert c.get(reverse("incidents:detail", args=[incident.pk])).status_code == 200
    assert c.get(reverse("incidents:report")).status_code == 403
    assert c.post(reverse("incidents:report_generate", args=[incident.pk])).status_code == 403


def test_other_staff_cannot_view(incident: Incident, make_user: Any, login_as: Any) -> None:
    c = login_as(make_user("staff"))
    assert c.get(reverse("incidents:detail", args=[incident.pk])).status_code == 403


def test_subject_notice_page_checks(incident: Incident, officer: Any, login_as: Any) -> None:
    c = login_as(officer)
    html = c.post(
        reverse("incidents:subject_notice", args=[incident.pk]),
        {"channel": "sms", "body": "近期詐騙猖獗，請勿依來電指示操作ATM。"},
        follow=True,
    ).content.decode()
    assert "僅防詐騙宣導" in html
    assert "未記載侵害種類" in html
    assert incident.subject_notices.count() == 1
    notice = incident.subject_notices.get()
    page = c.get(reverse("incidents:subject_notice_edit", args=[incident.pk, notice.pk])).content.decode()
    assert "共 1 則" in page
    assert 'data-testid="notice-mark-sent"' not in page


def test_subject_notice_drafted_checked_and_marked_sent(
    incident: Incident, officer: Any, client_a: Any, login_as: Any
) -> None:
    c = login_as(officer)
    page = c.get(reverse("incidents:subject_notice", args=[incident.pk]) + "?channel=sms").content.decode()
    assert "【甲電商股份有限公司】通知" in page  # the only affected client signs
    c.post(
        reverse("incidents:subject_notice", args=[incident.pk]),
        {
            "channel": "sms",
            "client": client_a.pk,
            "kinds": ["leak"],
            "data_items": "姓名、電話",
            "measures": "已封鎖來源",
            "hotline": "0800-123-456",
            "body": "",
        },
    )
    notice = incident.subject_notices.get()
    assert notice.signer == "甲電商股份有限公司"
    page = c.get(reverse("incidents:subject_notice_edit", args=[incident.pk, notice.pk])).content.decode()
    assert 'data-testid="notice-mark-sent"' in page
    c.post(reverse("incidents:subject_notice_sent", args=[incident.pk, notice.pk]), {"recipients": "30"})
    notice.refresh_from_db()
    assert notice.sent_at is not None
    assert notice.recipients == 30


def test_dashboard_panel(incident: Incident, officer: Any, login_as: Any) -> None:
    html = login_as(officer).get(reverse("core:dashboard")).content.decode()
    assert "個資事故期限" in html


def test_edit_form_keeps_values_and_recomputes(incident: Incident, officer: Any, login_as: Any) -> None:
    from shouhu.incidents import services

    incident = services.update_incident(
        actor=officer,
        incident=incident,
        data={"caused_by_violation": False, "decision_reason": "委外廠商無違法"},
    )
    c = login_as(officer)
    form = c.get(reverse("incidents:edit", args=[incident.pk])).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = field.widget.format_value(value) if hasattr(field.widget, "format_value") else value
    data = {k: v for k, v in data.items() if v is not None}
    assert form["caused_by_violation"].value() == "no"  # the stored "no" is shown, and kept on save
    moved = incident.aware_at + dt.timedelta(hours=1)
    data["aware_at"] = _dt(moved)
    response = c.post(reverse("incidents:edit", args=[incident.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    incident.refresh_from_db()
    assert incident.caused_by_violation is False
    assert incident.summary.startswith("駭客")
    assert incident.aware_at == moved.replace(second=0)
    row = incident.deadlines.get(rule_id="moda-art8-report")
    assert row.due_at == incident.aware_at + dt.timedelta(hours=72)


def test_opening_the_client_notice_page_writes_nothing(
    incident: Incident, officer: Any, client_a: Any, login_as: Any
) -> None:
    from shouhu.audit.models import AuditEvent
    from shouhu.incidents.models import ClientNotice

    c = login_as(officer)
    events = AuditEvent.objects.count()
    response = c.get(f"/incidents/{incident.pk}/clients/{client_a.pk}/notice/")
    assert response.status_code == 200
    assert "本公司非常注重您的權益" in response.content.decode()
    assert not ClientNotice.objects.exists()
    assert AuditEvent.objects.count() == events


def test_saving_the_client_notice_stores_the_draft(
    incident: Incident, officer: Any, client_a: Any, login_as: Any
) -> None:
    from shouhu.incidents.models import ClientNotice

    c = login_as(officer)
    url = f"/incidents/{incident.pk}/clients/{client_a.pk}/notice/"
    page = c.get(url)
    form = page.context["form"]
    data = {**{k: form.initial[k] for k in ("to", "cc", "subject", "body")}, "action": "save"}
    assert c.post(url, data).status_code == 302
    assert ClientNotice.objects.get().to == "security@a.example.com"


def test_pending_clock_links_to_its_question_and_no_needs_a_reason(
    company: Any, officer: Any, chief: Any, login_as: Any, now: dt.datetime
) -> None:
    c = login_as(officer)
    c.post(reverse("incidents:report"), {"title": "誤寄", "discovered_at": _dt(now - dt.timedelta(hours=1))})
    incident = Incident.objects.get()
    decide = reverse("incidents:decide", args=[incident.pk, "serious"])
    html = c.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "待判斷：" in html
    assert f'href="{decide}"' in html
    assert "待判斷 " in c.get(reverse("incidents:list")).content.decode()
    # a "no" without a reason is refused on the form, nothing changes
    refused = c.post(decide, {"value": "no", "reason": ""})
    assert refused.status_code == 200
    assert "請寫明判斷理由" in refused.content.decode()
    assert incident.deadlines.get(rule_id="moda-art8-report").active
    # with a reason it is recorded and the clock leaves
    assert c.post(decide, {"value": "no", "reason": "僅內部資料"}).status_code == 302
    assert not incident.deadlines.get(rule_id="moda-art8-report").active
    page = c.get(decide).content.decode()
    assert "尚未判斷 → 否" in page
    assert "僅內部資料" in page


def test_unknown_fact_page_is_404(incident: Incident, officer: Any, login_as: Any) -> None:
    assert login_as(officer).get(f"/incidents/{incident.pk}/facts/owner/").status_code == 404


def test_report_names_the_chosen_reporter_and_the_time_it_was_sent(
    incident: Incident, officer: Any, login_as: Any
) -> None:
    import io

    from django.utils import timezone
    from docx import Document

    from shouhu.evidence.services import read_bytes_internal
    from shouhu.incidents.reports import roc_time
    from tests.factories import PersonFactory

    person = PersonFactory(name="林資安", job_title="資安長", phone="(02)2345-6789")
    c = login_as(officer)
    page = c.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "林資安（資安長）" in page
    c.post(reverse("incidents:report_generate", args=[incident.pk]), {"reporter": person.pk})
    report = incident.reports.get()
    assert report.reporter == person
    sent = timezone.localtime(incident.discovered_at + dt.timedelta(hours=5)).replace(second=0, microsecond=0)
    c.post(
        reverse("incidents:report_submitted", args=[report.pk]),
        {"submitted_at": sent.strftime("%Y-%m-%dT%H:%M")},
    )
    report.refresh_from_db()
    assert report.submitted_at == sent
    table = Document(io.BytesIO(read_bytes_internal(report.docx))).tables[0]
    cells = {row.cells[0].text.split("\n")[0]: row.cells[1].text for row in table.rows}
    assert cells["通報人"].startswith("林資安")
    assert cells["通報時間"] == roc_time(sent)


def test_engine_warnings_are_shown_beside_the_clocks(
    company: Any, officer: Any, login_as: Any, now: dt.datetime
) -> None:
    from shouhu.incidents import services
    from tests.factories import ClientFactory

    # given a client whose industry is unknown, so its sector rules cannot be decided
    client = ClientFactory(name="乙客戶", industry_code="")
    incident = services.report_incident(
        actor=officer, data={"title": "x", "discovered_at": now - dt.timedelta(hours=1)}, clients=[client]
    )
    assert [w["code"] for w in incident.clock_warnings] == ["party_industry_unknown"]
    html = login_as(officer).get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert 'data-testid="clock-warnings"' in html
    assert incident.clock_warnings[0]["message_zh"] in html


def test_dashboard_flags_a_pending_clock_with_the_link_to_answer_it(
    company: Any, officer: Any, login_as: Any, now: dt.datetime
) -> None:
    from shouhu.incidents import services

    incident = services.report_incident(
        actor=officer, data={"title": "誤寄", "discovered_at": now - dt.timedelta(hours=1)}
    )
    html = login_as(officer).get(reverse("core:dashboard")).content.decode()
    decide = reverse("incidents:decide", args=[incident.pk, "serious"])
    assert (
        f'<a class="badge warn" href="{decide}" data-testid="panel-pending">待判斷：是否危及正常營運或大量當事人權益</a>'
        in html
    )


def test_english_clock_table_names_the_duty_and_the_recipient_in_english(
    incident: Incident, officer: Any, login_as: Any
) -> None:
    import re

    from django.conf import settings

    c = login_as(officer)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = c.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    table = html[
        html.index('data-testid="deadlines"') : html.index("</table>", html.index('data-testid="deadlines"'))
    ]
    rows = re.findall(r'<tr data-rule="[^"]+".*?</tr>', table, flags=re.S)

    assert rows
    for row in rows:
        first_cell = re.search(r"<td>(.*?)(<br>|</td>)", row, flags=re.S)
        assert first_cell is not None
        assert not re.search(r"[\u4e00-\u9fff]", first_cell.group(1)), first_cell.group(1)  # the title
        recipient = re.search(r'<span class="muted">→ (.*?)</span>', row, flags=re.S)
        assert recipient is not None
        assert not re.search(r"[\u4e00-\u9fff]", recipient.group(1)), recipient.group(1)
    assert "Our company" in table
    # The stored rows (used by official documents) keep the Chinese.
    assert all(re.search(r"[\u4e00-\u9fff]", d.title_zh) for d in incident.deadlines.all())


def test_english_incident_page_cites_the_law_in_english(
    incident: Incident, officer: Any, login_as: Any
) -> None:
    """Issue 12: 「個人資料保護法第12條」 read "PDPA Art. 12" on the English page; zh-TW cites by name and
    article."""
    import re

    from django.conf import settings

    c = login_as(officer)
    path = reverse("incidents:detail", args=[incident.pk])
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = re.findall(r'data-testid="legal-basis">([^<]*)<', c.get(path).content.decode())
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    chinese = re.findall(r'data-testid="legal-basis">([^<]*)<', c.get(path).content.decode())

    assert "PDPA Art. 12; PDPA Enforcement Rules Art. 22" in english
    assert [t for t in english if re.search(r"[\u4e00-\u9fff]", t)] == []
    assert any(t.startswith("個人資料保護法第12條") for t in chinese)


def test_a_clock_stored_with_the_law_code_is_shown_without_it(
    incident: Incident, officer: Any, login_as: Any
) -> None:
    """A row computed before laws were cited without their database code still reads 「個人資料保護法第12條」."""
    row = incident.deadlines.get(rule_id="pdpa-art12-notify", party_id="self")
    row.legal_basis_zh = row.legal_basis_zh.replace(
        "個人資料保護法第12條", "個人資料保護法（I0050021）第12條"
    )
    row.explanation_zh = row.explanation_zh.replace(
        "個人資料保護法第12條", "個人資料保護法（I0050021）第12條"
    )
    row.save(update_fields=["legal_basis_zh", "explanation_zh"])

    html = login_as(officer).get(reverse("incidents:detail", args=[incident.pk])).content.decode()

    assert "I0050021" not in html
    assert "依據：個人資料保護法第12條" in html
