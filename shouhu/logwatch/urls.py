from django.urls import path

from shouhu.logwatch import views

app_name = "logwatch"

urlpatterns = [
    path("", views.alert_list, name="alerts"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert"),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="alert_acknowledge"),
    path("alerts/<int:pk>/assign/", views.alert_assign, name="alert_assign"),
    path("alerts/<int:pk>/close/", views.alert_close, name="alert_close"),
    path("alerts/<int:pk>/incident/", views.alert_incident, name="alert_incident"),
    path("sources/", views.source_list, name="sources"),
    path("sources/new/", views.source_create, name="source_create"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    path("sources/<int:pk>/edit/", views.source_edit, name="source_edit"),
    path("sources/<int:pk>/delete/", views.source_delete, name="source_delete"),
    path("sources/<int:pk>/rules/", views.source_rules, name="source_rules"),
    path("sources/<int:pk>/read-folder/", views.source_read_folder, name="source_read_folder"),
    path("ingests/<int:pk>/", views.ingest_detail, name="ingest"),
    path("blocklists/", views.blocklist_list, name="blocklists"),
    path("blocklists/<int:pk>/toggle/", views.blocklist_toggle, name="blocklist_toggle"),
    path("drills/", views.drill_list, name="drills"),
    path("drills/<int:pk>/run/", views.drill_run, name="drill_run"),
    path("summaries/", views.summary_list, name="summaries"),
]
