from django.urls import path

from shouhu.plan import views

app_name = "plan"

urlpatterns = [
    path("", views.version_list, name="list"),
    path("generate/", views.generate, name="generate"),
    path("<int:pk>/", views.version_detail, name="detail"),
    path("reports/", views.report_create, name="report_create"),
]
