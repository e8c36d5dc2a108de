"""Fixed vocabularies of implementation planning (the words NMRFs and OHCHR use)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTIALLY_IMPLEMENTED = "partially_implemented", _("Partially implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")
    NO_LONGER_RELEVANT = "no_longer_relevant", _("No longer relevant")


class IndicatorKind(models.TextChoices):
    """OHCHR's human-rights indicator framework."""

    STRUCTURE = "structure", _("Structure")
    PROCESS = "process", _("Process")
    OUTCOME = "outcome", _("Outcome")


class FundingSource(models.TextChoices):
    STATE_BUDGET = "state_budget", _("State budget")
    UPR_VOLUNTARY_FUND = "upr_vf", _("UPR Voluntary Fund for Financial and Technical Assistance")
    VF_TECHNICAL_COOPERATION = "vf_tc", _("Voluntary Fund for Technical Cooperation in the Field of Human Rights")
    MAINSTREAMING_TRUST_FUND = "hrmtf", _("Human Rights Mainstreaming Trust Fund")
    OTHER_DONOR = "donor", _("Other donor")
    OTHER = "other", _("Other")
