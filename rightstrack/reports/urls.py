from django.urls import path

from rightstrack.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("overdue/", views.overdue, name="overdue"),
]
