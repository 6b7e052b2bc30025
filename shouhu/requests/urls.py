from django.urls import path

from shouhu.requests import views, views_public

app_name = "requests"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/do/<slug:action>/", views.request_action, name="action"),
    path("<int:pk>/files/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("suppression/", views.suppression_list, name="suppression"),
    path("intake/", views_public.intake_manage, name="intake_manage"),
    path("intake/issue/", views_public.intake_issue, name="intake_issue"),
    path("intake/close/", views_public.intake_close, name="intake_close"),
    path("apply/<str:token>/", views_public.public_intake, name="intake"),
    path("suppression.csv", views.suppression_csv, name="suppression_csv"),
]
