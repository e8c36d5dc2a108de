from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "rightstrack.recommendations"
    verbose_name = _("Recommendations")

    def ready(self):
        from rightstrack.recommendations import signals  # noqa: F401 - model writes send recommendations_changed
