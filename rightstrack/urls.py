from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from rightstrack.accounts import signin
from rightstrack.site import views as site_views
from rightstrack.site.api import api
from rightstrack.tagging import views as tagging_views

urlpatterns = [
    path("", site_views.home, name="home"),
    path("recommendations/", include("rightstrack.recommendations.urls")),
    path("import/", include("rightstrack.ingest.urls")),
    path("jobs/", include("rightstrack.core.urls")),
    path("search/", include("rightstrack.search.urls")),
    path("tagging/", include("rightstrack.tagging.urls")),
    path("plans/people/", include("rightstrack.accounts.urls")),
    path("plans/", include("rightstrack.planning.urls")),
    path("progress/", include("rightstrack.progress.urls")),
    path("consultation/", include("rightstrack.consultation.urls")),
    path("dashboard/", include("rightstrack.dashboard.urls")),
    path("reports/", include("rightstrack.reports.urls")),
    path("about/", tagging_views.about, name="about"),
    path("api/", api.urls),
    # Signing in has a second step for those who turned it on; the admin's own sign-in
    # page would skip it, so it sends people to this one.
    path("accounts/login/", signin.SignIn.as_view(), name="login"),
    path("accounts/login/code/", signin.login_code, name="login_code"),
    path("accounts/two-step/", signin.two_step, name="two_step"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
