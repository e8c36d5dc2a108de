from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "rightstrack.search"
    verbose_name = _("Search")

    def ready(self):
        from rightstrack.recommendations.filtersets import WordSearch
        from rightstrack.search import engine, jobs, signals  # noqa: F401 - connects the index to every write

        jobs.register()
        WordSearch.matcher = staticmethod(engine.matching_ids_sql)
        WordSearch.check = staticmethod(engine.check_text)
