from django.urls import path

from shouhu.training import views

app_name = "training"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/held/", views.held, name="held"),
    path("<int:pk>/materials/", views.materials, name="materials"),
    path("<int:pk>/materials/download/", views.materials_download, name="materials_download"),
    path("<int:pk>/signin.<str:fmt>", views.signin_sheet, name="signin"),
    path("mine/", views.mine, name="mine"),
    path("report/", views.report, name="report"),
    path("leaders/<int:pk>/remove/", views.leader_remove, name="leader_remove"),
]
