from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top of the house: the commands, the demo, the home page and the API's
    assembly. It may import every app; no app imports it."""

    name = "rightstrack.site"
    label = "rightstrack_site"
    verbose_name = _("rightstrack")
