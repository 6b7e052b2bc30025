from django.urls import path

from shouhu.imports import views

app_name = "imports"

urlpatterns = [
    path("<str:kind>/", views.upload, name="upload"),
    path("<str:kind>/template.xlsx", views.template, name="template"),
    path("batches/<int:pk>/", views.preview, name="preview"),
    path("batches/<int:pk>/fix/", views.fix, name="fix"),
    path("batches/<int:pk>/columns/", views.add_column, name="add_column"),
    path("batches/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("batches/<int:pk>/cancel/", views.cancel, name="cancel"),
]
