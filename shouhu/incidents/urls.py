from django.urls import path

from shouhu.incidents import views, views_notices

app_name = "incidents"

urlpatterns = [
    path("", views.incident_list, name="list"),
    path("report/", views.incident_report, name="report"),
    path("suspect/", views.suspect_report, name="suspect"),
    path("settings/notify/", views.notify_settings, name="notify_settings"),
    path("<int:pk>/triage/confirm/", views.triage_confirm, name="triage_confirm"),
    path("<int:pk>/triage/dismiss/", views.triage_dismiss, name="triage_dismiss"),
    path("<int:pk>/", views.incident_detail, name="detail"),
    path("<int:pk>/edit/", views.incident_edit, name="edit"),
    path("<int:pk>/state/", views.incident_state, name="state"),
    path("<int:pk>/facts/<slug:fact>/", views.fact_decide, name="decide"),
    path("<int:pk>/timeline/", views.timeline_add, name="timeline_add"),
    path("<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("<int:pk>/evidence/<int:evidence_id>/", views.evidence_download, name="evidence_download"),
    path("<int:pk>/reports/", views.report_generate, name="report_generate"),
    path("<int:pk>/clients/<int:client_id>/notice/", views.client_notice, name="client_notice"),
    path("<int:pk>/subject-notices/new/", views_notices.subject_notice, name="subject_notice"),
    path(
        "<int:pk>/subject-notices/<int:notice_id>/", views_notices.subject_notice, name="subject_notice_edit"
    ),
    path(
        "<int:pk>/subject-notices/<int:notice_id>/sent/",
        views_notices.subject_notice_sent,
        name="subject_notice_sent",
    ),
    path("<int:pk>/package/", views.package_build, name="package"),
    path("<int:pk>/packages/", views.package_list, name="packages"),
    path("tasks/<int:pk>/", views.task_toggle, name="task_toggle"),
    path("deadlines/<int:pk>/met/", views.deadline_met, name="deadline_met"),
    path("reports/<int:pk>/submitted/", views.report_submitted, name="report_submitted"),
    path("notices/<int:pk>/eml/", views.client_notice_eml, name="client_notice_eml"),
    path("packages/<int:pk>/", views.package_download, name="package_download"),
]
