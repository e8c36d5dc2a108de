from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The documents an NMRF hands over: the OHCHR matrix (and, later, the mid-term
    report, the action plan and treaty-body follow-up reports)."""

    name = "rightstrack.reports"
    verbose_name = _("Reports")

    def ready(self):
        # The filled-in matrix comes back through the importer; this app owns that
        # format and registers it, so that ingest (a lower app) never imports it.
        from rightstrack.reports import matrix_return

        matrix_return.register()
