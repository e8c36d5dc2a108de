from django.urls import path

from rightstrack.core import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("start/", views.job_start, name="start"),
    path("<int:pk>/", views.job_detail, name="detail"),
]
