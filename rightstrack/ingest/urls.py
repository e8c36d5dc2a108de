from django.urls import path

from rightstrack.ingest import views

app_name = "ingest"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
]
