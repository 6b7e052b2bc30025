from django.urls import path

from shouhu.law import views

app_name = "law"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("company/", views.company_facts, name="company_facts"),
    path("clients/<int:pk>/", views.client_facts, name="client_facts"),
    path("deadlines/", views.deadline_preview, name="deadline_preview"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/sync/", views.calendar_sync, name="calendar_sync"),
    path("calendar/<int:pk>/", views.obligation_detail, name="obligation"),
    path("calendar/feed-token/", views.feed_token, name="feed_token"),
    path("calendar/feed/<str:token>.ics", views.ics_feed, name="ics_feed"),
]
