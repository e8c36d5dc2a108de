from django.contrib import admin
from django.urls import include, path

from rightstrack.api.api import api
from rightstrack.core import views as core_views
from rightstrack.tagging import views as tagging_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("recommendations/", include("rightstrack.recommendations.urls")),
    path("import/", include("rightstrack.ingest.urls")),
    path("jobs/", include("rightstrack.core.urls")),
    path("search/", include("rightstrack.search.urls")),
    path("tagging/", include("rightstrack.tagging.urls")),
    path("plans/", include("rightstrack.planning.urls")),
    path("progress/", include("rightstrack.progress.urls")),
    path("consultation/", include("rightstrack.consultation.urls")),
    path("dashboard/", include("rightstrack.dashboard.urls")),
    path("reports/", include("rightstrack.reports.urls")),
    path("about/", tagging_views.about, name="about"),
    path("api/", api.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
