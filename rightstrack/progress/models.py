"""Where implementation stands: a status per recommendation, the focal points' dated
progress reports that the NMRF validates before anything is published, and the treaty
bodies' follow-up procedures with the Committee's grades per part."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Entity
from rightstrack.core.models import Archivable, Versioned
from rightstrack.planning.choices import Status
from rightstrack.planning.models import Action, Indicator
from rightstrack.progress.choices import ReportStage
from rightstrack.progress.evidence import NAME_LENGTH, display_name, stored_path
from rightstrack.progress.evidence import label as kind_label
from rightstrack.recommendations.models import Document, Recommendation, paragraph_sort_key
from rightstrack.reference.models import GradeLevel


class Tracking(Versioned):
    """A recommendation's implementation status, and the overall follow-up grade the NMRF
    notes by hand for a treaty body's recommendation (a code of that committee's scale,
    reference.GradeLevel). The Committee's own grades, part by part, are PartGrade rows."""

    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="tracking")
    status = models.CharField(_("status"), max_length=25, choices=Status.choices, default=Status.NOT_STARTED)
    grade = models.CharField(_("follow-up grade"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("implementation status")
        verbose_name_plural = _("implementation statuses")

    def __str__(self):
        return f"{self.recommendation}: {self.get_status_display()}"

    def get_grade_display(self) -> str:
        """ "B1: Substantive action taken" (GradeLevel.display); the code alone when the
        committee's scale does not know it."""
        if not self.grade:
            return ""
        level = GradeLevel.objects.filter(mechanism_id=self.recommendation.mechanism_id, code=self.grade).first()
        return level.display() if level else self.grade


class ProgressReport(Archivable, Versioned):
    """A dated update on an action or a recommendation, written by a focal point:
    draft -> submitted -> validated (or returned with a comment, then resubmitted) ->
    published. Only a published report is public."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, null=True, blank=True, related_name="reports")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, null=True, blank=True, related_name="progress_reports"
    )
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="reports", verbose_name=_("entity"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    proposed_status = models.CharField(_("proposed status"), max_length=25, choices=Status.choices, blank=True)
    # A step of the workflow, not a country: "stage" (the API also answers "state", its
    # old name, for one release).
    stage = models.CharField(_("stage"), max_length=10, choices=ReportStage.choices, default=ReportStage.DRAFT)
    review_comment = models.TextField(_("NMRF comment"), blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__isnull=False) | models.Q(recommendation__isnull=False),
                name="report_on_action_or_recommendation",
            )
        ]

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
        constraints = [
            models.CheckConstraint(condition=~models.Q(file="") | ~models.Q(link=""), name="evidence_file_or_link")
        ]

    def __str__(self):
        return self.display_name if self.file else self.link

    def get_absolute_url(self) -> str:
        """The download address (files only): the report's permissions apply."""
        return reverse("progress:evidence_file", args=[self.pk, self.display_name])

    @property
    def display_name(self) -> str:
        """The file's name as its author gave it (files stored before names were kept:
        the stored name's last part)."""
        return self.name or display_name(self.file.name.rsplit("/", 1)[-1]) if self.file else ""

    @property
    def kind(self) -> str:
        return kind_label(self.file.name) if self.file else ""


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

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.date:%Y-%m-%d})"


class FollowUp(models.Model):
    """A treaty body's written follow-up procedure on one of its documents (concluding
    observations): the paragraphs it picked, the State's reply, the Committee's
    assessments. ``due`` is the Committee's own date for the reply, when it set one;
    otherwise the date follows from the document's adoption (see ``due_date``)."""

    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, related_name="follow_up_procedure", verbose_name=_("document")
    )
    due = models.DateField(_("reply due (the Committee's own date)"), null=True, blank=True)
    reply_symbol = models.CharField(_("the State's follow-up reply"), max_length=100, blank=True)
    reply_date = models.DateField(_("date of the reply"), null=True, blank=True)

    class Meta:
        ordering = ["document__symbol"]
        verbose_name = _("follow-up procedure")

    def __str__(self):
        return str(self.document)

    @property
    def due_date(self):
        """The Committee's own date, else the adoption date plus the committee's reply
        period (``Mechanism.followup_years``: one year, two for CEDAW and CMW); None when
        either is unknown."""
        if self.due:
            return self.due
        adopted, years = self.document.date, self.document.mechanism.followup_years
        if adopted is None or not years:
            return None
        try:
            return adopted.replace(year=adopted.year + years)
        except ValueError:  # 29 February
            return adopted.replace(year=adopted.year + years, day=28)


class FollowUpParagraph(models.Model):
    """A paragraph picked for the follow-up procedure. ``recommendation`` is the
    paragraph as a recommendation, when its text is known (an earlier round may give
    only the paragraph's number and grades)."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="paragraphs")
    paragraph = models.CharField(_("paragraph"), max_length=30)
    paragraph_key = models.CharField(max_length=120, editable=False)
    title = models.CharField(_("heading"), max_length=300, blank=True)
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_up_paragraphs"
    )

    class Meta:
        ordering = ["follow_up", "paragraph_key"]
        verbose_name = _("follow-up paragraph")
        constraints = [models.UniqueConstraint(fields=["follow_up", "paragraph"], name="followup_unique_paragraph")]

    def __str__(self):
        return f"{self.follow_up.document} {self.paragraph}"

    def save(self, *args, **kwargs):
        self.paragraph_key = paragraph_sort_key(self.paragraph)
        super().save(*args, **kwargs)


class FollowUpPart(models.Model):
    """A lettered part of a follow-up paragraph ("(a)"), its text verbatim."""

    paragraph = models.ForeignKey(FollowUpParagraph, on_delete=models.CASCADE, related_name="parts")
    label = models.CharField(_("part"), max_length=10)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["paragraph", "position"]
        verbose_name = _("part")
        constraints = [models.UniqueConstraint(fields=["paragraph", "label"], name="followup_unique_part")]

    def __str__(self):
        return self.label


class CommitteeAssessment(models.Model):
    """One round of the Committee's assessment of a follow-up procedure: the report that
    gives it (e.g. CCPR/C/128/3/Add.2), the session and its dates. Rounds are numbered in
    the order of their sessions (``selectors.rounds``), so an earlier round imported later
    takes its place."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="assessments")
    symbol = models.CharField(_("assessment document"), max_length=100, blank=True)
    session = models.PositiveIntegerField(_("session"), null=True, blank=True)
    dates = models.CharField(
        _("dates of the session"),
        max_length=100,
        blank=True,
        help_text=_("As the document gives them, e.g. '2–27 March 2020'."),
    )
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("The session's last day, when known."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        # Rounds in session order; one without a session first, on every database.
        ordering = [
            "follow_up",
            models.F("session").asc(nulls_first=True),
            models.F("year").asc(nulls_first=True),
            "id",
        ]
        verbose_name = _("Committee's assessment")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "symbol"], name="assessment_unique_symbol", condition=~models.Q(symbol="")
            )
        ]

    def __str__(self):
        return self.symbol or f"{self.follow_up} ({self.year or self.session})"


class PartGrade(models.Model):
    """The grade the Committee gave a part, a group of parts ("(b), (c) and (d)") or a
    whole paragraph (``label`` empty) in one assessment, with its evaluation. ``grade``
    is a code of the committee's scale (reference.GradeLevel)."""

    assessment = models.ForeignKey(CommitteeAssessment, on_delete=models.CASCADE, related_name="grades")
    paragraph = models.ForeignKey(FollowUpParagraph, on_delete=models.CASCADE, related_name="grades")
    label = models.CharField(_("parts"), max_length=100, blank=True)
    parts = models.ManyToManyField(FollowUpPart, blank=True, related_name="grades")
    grade = models.CharField(_("grade"), max_length=12)
    evaluation = models.TextField(_("the Committee's evaluation"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["assessment", "paragraph", "position"]
        verbose_name = _("grade")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "paragraph", "position"], name="grade_unique_position")
        ]

    def __str__(self):
        return f"{self.paragraph} {self.label}: {self.grade}".replace("  ", " ")
