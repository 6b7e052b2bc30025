from django.urls import path

from shouhu.requests import views

app_name = "requests"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/do/<slug:action>/", views.request_action, name="action"),
    path("<int:pk>/files/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("suppression/", views.suppression_list, name="suppression"),
    path("suppression.csv", views.suppression_csv, name="suppression_csv"),
]
