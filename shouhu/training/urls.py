from django.urls import path

from shouhu.training import views

app_name = "training"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/held/", views.held, name="held"),
]
