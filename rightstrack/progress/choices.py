"""The progress report workflow's stages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned with a comment")
    VALIDATED = "validated", _("Validated")
    PUBLISHED = "published", _("Published")


# From each stage, the stages a report may move to (and who moves it: see services).
TRANSITIONS = {
    ReportStage.DRAFT: {ReportStage.SUBMITTED},
    ReportStage.SUBMITTED: {ReportStage.RETURNED, ReportStage.VALIDATED},
    ReportStage.RETURNED: {ReportStage.SUBMITTED},
    ReportStage.VALIDATED: {ReportStage.PUBLISHED},
    ReportStage.PUBLISHED: set(),
}
