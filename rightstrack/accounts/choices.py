"""Roles, and the kinds of institutions people act for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a signed-in person may do (anonymous visitors see published items only)."""

    NMRF_ADMIN = "nmrf_admin", _("NMRF administrator")
    NMRF_STAFF = "nmrf_staff", _("NMRF staff")
    FOCAL_POINT = "focal_point", _("Entity focal point")
    CONTRIBUTOR = "contributor", _("Consultation contributor (NHRI, civil society)")
    VIEWER = "viewer", _("Read-only viewer")


class EntityKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("Agency or department")
    PARLIAMENT = "parliament", _("Parliament")
    JUDICIARY = "judiciary", _("Judiciary")
    SUBNATIONAL = "subnational", _("Subnational government")
    NHRI = "nhri", _("National human rights institution")
    OTHER = "other", _("Other")
