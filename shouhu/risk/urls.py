from django.urls import path

from shouhu.risk import views

app_name = "risk"

urlpatterns = [
    path("", views.risk_list, name="list"),
    path("new/", views.risk_create, name="create"),
    path("export.xlsx", views.risk_export, name="export"),
    path("matrix/", views.matrix, name="matrix"),
    path("<int:pk>/", views.risk_detail, name="detail"),
    path("<int:pk>/actions/", views.action_add, name="action_add"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
]
