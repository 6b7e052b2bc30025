from django.urls import URLPattern

app_name = "scans"

urlpatterns: list[URLPattern] = []
