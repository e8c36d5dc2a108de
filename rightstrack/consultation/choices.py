"""Fixed vocabularies of consultation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    """What a consultation round is on: the draft report whose methodology chapter will
    say who was consulted, when, and how many replied."""

    OTHER = "", _("Other or general")
    MIDTERM = "midterm", _("UPR mid-term report")
    PLAN = "plan", _("National action plan")
