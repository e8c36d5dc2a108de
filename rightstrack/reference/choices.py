"""Fixed vocabularies of the reference app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionalGroup(models.TextChoices):
    AFRICAN = "AFRICAN", _("African States")
    ASIA_PACIFIC = "ASIA_PACIFIC", _("Asia-Pacific States")
    EEG = "EEG", _("Eastern European States")
    GRULAC = "GRULAC", _("Latin American and Caribbean States")
    WEOG = "WEOG", _("Western European and other States")
    NONE = "NONE", _("No regional group")


class StateStatus(models.TextChoices):
    MEMBER = "member", _("UN Member State")
    OBSERVER = "observer", _("Non-member observer State")


class MechanismKind(models.TextChoices):
    UPR = "upr", _("Universal Periodic Review")
    TREATY_BODY = "treaty_body", _("Treaty body")
    SPECIAL_PROCEDURES = "special_procedures", _("Special procedures")
    CHARTER_BODY = "charter_body", _("Charter body")


class InstrumentKind(models.TextChoices):
    TREATY = "treaty", _("Treaty")
    OPTIONAL_PROTOCOL = "optional_protocol", _("Optional protocol")


class MandateKind(models.TextChoices):
    THEMATIC = "thematic", _("Thematic mandate")
    COUNTRY = "country", _("Country mandate")


# Slugs of the taxonomies rightstrack ships; other code refers to them by these names.
UHRI_THEMES = "uhri-themes"
SDG_GOALS = "sdg-goals"
SDG_TARGETS = "sdg-targets"
SDG_INDICATORS = "sdg-indicators"
AFFECTED_PERSONS = "affected-persons"
UPR_INFO_ISSUES = "upr-info-issues"
ACTION_CATEGORY = "action-category"
