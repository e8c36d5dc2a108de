from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    """Where implementation stands: statuses, progress reports, and the treaty bodies'
    follow-up procedures with the Committee's grades."""

    name = "rightstrack.progress"
    verbose_name = _("Progress reporting")

    def ready(self):
        # The Committee's follow-up assessments come in through the importer; this app owns
        # the format and registers it, so that ingest (a lower app) never imports it.
        from rightstrack.progress import ccpr_followup

        ccpr_followup.register()
