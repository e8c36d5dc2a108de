from django.urls import path

from rightstrack.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.people, name="people"),
    path("<int:pk>/", views.person_role, name="person_role"),
]
