from django.urls import path

from rightstrack.ingest import views

app_name = "ingest"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("confirm/", views.confirm, name="confirm"),
]
