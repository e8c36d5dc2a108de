"""Choices of the search app."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupStatus(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")


class SearchMode(models.TextChoices):
    KEYWORD = "keyword", _("Words")
    SEMANTIC = "semantic", _("Meaning")
    HYBRID = "hybrid", _("Words and meaning")
