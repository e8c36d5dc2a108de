from django.urls import path

from rightstrack.consultation import views

app_name = "consultation"
urlpatterns = [
    path("comment/", views.comment, name="comment"),
    path("assess/<int:pk>/", views.assess, name="assess"),
    path("rounds/", views.round_list, name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
]
