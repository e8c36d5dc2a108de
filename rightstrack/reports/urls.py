from django.urls import path

from rightstrack.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("matrix/download/", views.download, name="download"),
    path("matrix/bring-back/", views.bring_back, name="bring_back"),
    path("midterm/download/", views.document, {"kind": "midterm"}, name="midterm"),
    path("plan/download/", views.document, {"kind": "plan"}, name="plan"),
    path("followup/download/", views.document, {"kind": "followup"}, name="followup"),
]
