"""Where implementation stands: a status per recommendation, and the focal points'
dated progress reports that the NMRF validates before anything is published."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rightstrack.planning.choices import FollowUpGrade, Status
from rightstrack.planning.models import Action, Entity, Indicator
from rightstrack.progress.choices import ReportState
from rightstrack.progress.evidence import NAME_LENGTH, display_name, stored_path
from rightstrack.progress.evidence import label as kind_label
from rightstrack.recommendations.models import Recommendation


class Tracking(models.Model):
    """A recommendation's implementation status, and a treaty body's follow-up grade."""

    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="tracking")
    status = models.CharField(_("status"), max_length=25, choices=Status.choices, default=Status.NOT_STARTED)
    grade = models.CharField(_("follow-up grade"), max_length=2, choices=FollowUpGrade.choices, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("implementation status")
        verbose_name_plural = _("implementation statuses")

    def __str__(self):
        return f"{self.recommendation}: {self.get_status_display()}"


class ProgressReport(models.Model):
    """A dated update on an action or a recommendation, written by a focal point:
    draft -> submitted -> validated (or returned with a comment, then resubmitted) ->
    published. Only a published report is public."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, null=True, blank=True, related_name="reports")
    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="progress_reports")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="reports", verbose_name=_("entity"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    date = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    proposed_status = models.CharField(_("proposed status"), max_length=25, choices=Status.choices, blank=True)
    state = models.CharField(_("stage"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    review_comment = models.TextField(_("NMRF comment"), blank=True)
    archived = models.BooleanField(_("archived"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [models.CheckConstraint(
            condition=models.Q(action__isnull=False) | models.Q(recommendation__isnull=False),
            name="report_on_action_or_recommendation")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.entity}: {self.text[:60]}"


class Evidence(models.Model):
    """A file or a link backing a progress report. A file is stored under a random name
    (see progress.evidence); ``name`` is the one it came with, cleaned, shown and offered
    on download."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=stored_path, blank=True)
    name = models.CharField(_("file name"), max_length=NAME_LENGTH, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [models.CheckConstraint(condition=~models.Q(file="") | ~models.Q(link=""),
                                              name="evidence_file_or_link")]

    def __str__(self):
        return self.display_name if self.file else self.link

    @property
    def display_name(self) -> str:
        """The file's name as its author gave it (files stored before names were kept:
        the stored name's last part)."""
        return self.name or display_name(self.file.name.rsplit("/", 1)[-1]) if self.file else ""

    @property
    def kind(self) -> str:
        return kind_label(self.file.name) if self.file else ""

    def get_absolute_url(self) -> str:
        """The download address (files only): the report's permissions apply."""
        return reverse("progress:evidence_file", args=[self.pk, self.display_name])


class IndicatorValue(models.Model):
    """An indicator's value as a report gives it (values over time come from reports)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.CharField(_("value"), max_length=100)
    date = models.DateField(_("date"))

    class Meta:
        ordering = ["indicator", "date"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
