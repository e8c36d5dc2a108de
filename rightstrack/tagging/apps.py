from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaggingConfig(AppConfig):
    name = "rightstrack.tagging"
    verbose_name = _("Automatic tagging")

    def ready(self):
        from rightstrack.tagging import jobs

        jobs.register()
