from django.urls import path

from shouhu.inventory import views
from shouhu.inventory.models import Category, Purpose

app_name = "inventory"

urlpatterns = [
    path("", views.files, name="files"),
    path("files/new/", views.file_create, name="file_create"),
    path("files/export.<str:fmt>", views.files_export, name="files_export"),
    path("files/<int:pk>/", views.file_detail, name="file"),
    path("files/<int:pk>/delete/", views.file_delete, name="file_delete"),
    path("files/<int:pk>/steps/", views.step_add, name="step_add"),
    path("steps/<int:pk>/remove/", views.step_remove, name="step_remove"),
    path("files/<int:pk>/notices/", views.notice_generate, name="notice_generate"),
    path("notices/<int:pk>/", views.notice_detail, name="notice"),
    path("systems/", views.systems, name="systems"),
    path("systems/new/", views.system_create, name="system_create"),
    path("systems/export.xlsx", views.systems_export, name="systems_export"),
    path("systems/<int:pk>/", views.system_edit, name="system"),
    path("flows/", views.flows, name="flows"),
    path("flows/download.<str:fmt>", views.flow_download, name="flow_download"),
    path("reference/", views.reference, name="reference"),
    path(
        "reference/purposes/<int:pk>/wording/",
        views.set_wording,
        {"model": Purpose},
        name="purpose_wording",
    ),
    path(
        "reference/categories/<int:pk>/wording/",
        views.set_wording,
        {"model": Category},
        name="category_wording",
    ),
    path("reference/categories/<int:pk>/special/", views.set_special, name="category_special"),
    path(
        "reference/purposes/<int:pk>/restore/",
        views.restore_wording,
        {"model": Purpose},
        name="purpose_restore",
    ),
    path(
        "reference/categories/<int:pk>/restore/",
        views.restore_wording,
        {"model": Category},
        name="category_restore",
    ),
]
