from django.urls import path

from shouhu.scans import views

app_name = "scans"

urlpatterns = [
    path("", views.source_list, name="list"),
    path("sources/new/", views.source_create, name="source_create"),
    path("mask/", views.mask_start, name="mask"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    path("sources/<int:pk>/edit/", views.source_edit, name="source_edit"),
    path("sources/<int:pk>/delete/", views.source_delete, name="source_delete"),
    path("sources/<int:pk>/run/", views.run_start, name="run_start"),
    path("sources/<int:pk>/mask/", views.mask_database, name="mask_database"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/location/", views.run_location, name="location"),
    path("runs/<int:pk>/inventory/", views.run_inventory, name="inventory"),
]
