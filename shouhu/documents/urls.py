from django.urls import path

from shouhu.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("versions/<int:pk>/approve/", views.version_approve, name="approve"),
    path("versions/<int:pk>/campaign/", views.campaign_start, name="campaign_start"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/close/", views.campaign_close, name="campaign_close"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/read/", views.read, name="read"),
    path("mine/<int:pk>/confirm/", views.confirm, name="confirm"),
]
