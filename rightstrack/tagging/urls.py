from django.urls import path

from rightstrack.tagging import views

app_name = "tagging"
urlpatterns = [
    path("suggestions/", views.suggestion_list, name="suggestions"),
    path("suggestions/decide/", views.decide, name="decide"),
    path("suggestions/accept-above/", views.accept_above, name="accept_above"),
    path("suggestions/<int:pk>/accept/", views.decide_one, {"action": "accept"}, name="accept"),
    path("suggestions/<int:pk>/reject/", views.decide_one, {"action": "reject"}, name="reject"),
    path("quality/", views.quality_page, name="quality"),
]
