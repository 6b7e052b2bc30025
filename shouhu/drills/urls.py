from django.urls import path

from shouhu.drills import views

app_name = "drills"

urlpatterns = [
    path("", views.drill_list, name="list"),
    path("<int:pk>/", views.drill_detail, name="detail"),
    path("<int:pk>/results/", views.result_add, name="result_add"),
    path("<int:pk>/edit/", views.drill_edit, name="edit"),
    path("<int:pk>/delete/", views.drill_delete, name="delete"),
]
