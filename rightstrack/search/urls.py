from django.urls import path

from rightstrack.search import views

app_name = "search"
urlpatterns = [
    path("", views.search_page, name="results"),
    path("similar/<int:pk>/", views.similar_panel, name="similar"),
    path("review/<path:symbol>/", views.review_page, name="review"),
    path("repeats/", views.groups_page, name="groups"),
    path("repeats/<int:pk>/confirm/", views.confirm_group, name="confirm"),
    path("repeats/<int:pk>/split/", views.split_group, name="split"),
    path("repeats/<int:pk>/merge/", views.merge_group, name="merge"),
]
