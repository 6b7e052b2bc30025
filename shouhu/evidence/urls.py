from django.urls import path

from shouhu.evidence import views

app_name = "evidence"
urlpatterns = [
    path("", views.evidence_list, name="list"),
    path("<int:pk>/", views.evidence_detail, name="detail"),
    path("<int:pk>/download/", views.evidence_download, name="download"),
    path("<int:pk>/hold/", views.evidence_hold, name="hold"),
    path("<int:pk>/delete/", views.evidence_delete, name="delete"),
]
