from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "rightstrack.search"
    verbose_name = _("Search")

    def ready(self):
        from rightstrack.search import jobs, signals  # noqa: F401 - connects the index to every write

        jobs.register()
