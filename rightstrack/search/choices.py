"""Choices of the search app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class GroupStatus(models.TextChoices):
    # A context of their own: a group's gender differs from a tag's in French and Spanish.
    SUGGESTED = "suggested", pgettext_lazy("group of repeats", "suggested")
    CONFIRMED = "confirmed", pgettext_lazy("group of repeats", "confirmed")


class SearchMode(models.TextChoices):
    KEYWORD = "keyword", _("Words")
    SEMANTIC = "semantic", _("Meaning")
    HYBRID = "hybrid", _("Words and meaning")
