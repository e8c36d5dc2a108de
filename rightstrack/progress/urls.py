from django.urls import path

from rightstrack.progress import views, views_followup

app_name = "progress"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("new/", views.report_create, name="report_create"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("<int:pk>/<str:step>/", views.report_move, name="report_move"),
    path("followup/", views_followup.followup_list, name="followup_list"),
    path("followup/<int:pk>/", views_followup.followup_detail, name="followup_detail"),
    path("status/<int:pk>/", views.tracking_edit, name="tracking_edit"),
    path("evidence/<int:pk>/<str:name>", views.evidence_file, name="evidence_file"),
]
