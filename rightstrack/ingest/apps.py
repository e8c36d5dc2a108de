from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    name = "rightstrack.ingest"
    verbose_name = _("Import")

    def ready(self):
        from rightstrack.ingest import jobs

        jobs.register()
