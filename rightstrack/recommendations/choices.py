"""Fixed vocabularies of recommendations and their tags."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RecommendationType(models.TextChoices):
    RECOMMENDATION = "recommendation", _("Recommendation")
    OBSERVATION = "observation", _("Observation")
    CONCERN = "concern", _("Concern")
    PLEDGE = "pledge", _("Voluntary pledge")


class Position(models.TextChoices):
    """The State under review's response to a UPR recommendation."""

    SUPPORTED = "supported", _("Supported")
    NOTED = "noted", _("Noted")
    PARTIALLY_SUPPORTED = "partially_supported", _("Partially supported")


class TagOrigin(models.TextChoices):
    IMPORTED = "imported", _("Imported")
    MANUAL = "manual", _("Manual")
    AUTOMATIC = "automatic", _("Automatic")


class DocumentKind(models.TextChoices):
    WORKING_GROUP_REPORT = "wg_report", _("UPR Working Group report")
    ADDENDUM = "addendum", _("Addendum (response)")
    CONCLUDING_OBSERVATIONS = "concluding_observations", _("Concluding observations")
    VISIT_REPORT = "visit_report", _("Country visit report")
    OTHER = "other", _("Other")


# The six UN languages, by the codes sources use.
UN_LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
