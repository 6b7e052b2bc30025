from django.urls import URLPattern

app_name = "law"

urlpatterns: list[URLPattern] = []
