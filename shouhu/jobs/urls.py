from django.urls import path

from shouhu.jobs import views

app_name = "jobs"
urlpatterns = [path("", views.job_list, name="list"), path("<int:pk>/", views.job_detail, name="detail")]
