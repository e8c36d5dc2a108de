from django.urls import path

from rightstrack.recommendations import views

app_name = "recommendations"
urlpatterns = [
    path("", views.recommendation_list, name="list"),
    path("<int:pk>/", views.recommendation_detail, name="detail"),
]
