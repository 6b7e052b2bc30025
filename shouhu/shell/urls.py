from django.urls import path

from shouhu.shell import views

app_name = "core"  # the dashboard keeps its historic URL namespace ("core:dashboard")

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
