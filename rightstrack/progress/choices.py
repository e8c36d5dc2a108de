"""The progress report workflow's states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned with a comment")
    VALIDATED = "validated", _("Validated")
    PUBLISHED = "published", _("Published")


# From each state, the states a report may move to (and who moves it: see services).
TRANSITIONS = {
    ReportState.DRAFT: {ReportState.SUBMITTED},
    ReportState.SUBMITTED: {ReportState.RETURNED, ReportState.VALIDATED},
    ReportState.RETURNED: {ReportState.SUBMITTED},
    ReportState.VALIDATED: {ReportState.PUBLISHED},
    ReportState.PUBLISHED: set(),
}
