"""What the NHRI and civil society say, kept apart from the State's own reporting.

A ``Comment`` is on a recommendation or a progress report. An ``Assessment`` is an
organisation's own judgement of how far a recommendation is implemented: it never
changes the State's status. A ``Round`` asks named contributors for their views on a
draft report by a deadline; their ``Reply`` records who answered. A round says which
draft it is on (``subject``: the UPR mid-term report of a State and cycle, a national
action plan, or something else), so that report's methodology chapter can say who was
consulted, when, and how many replied.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightstrack.consultation.choices import Subject
from rightstrack.core.models import Archivable
from rightstrack.planning.choices import Status
from rightstrack.planning.models import Plan
from rightstrack.progress.models import ProgressReport
from rightstrack.recommendations.models import Recommendation
from rightstrack.reference.models import State


class Comment(Archivable):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, null=True, blank=True, related_name="consultation_comments"
    )
    report = models.ForeignKey(
        ProgressReport, on_delete=models.PROTECT, null=True, blank=True, related_name="consultation_comments"
    )
    text = models.TextField(_("comment"))
    is_public = models.BooleanField(_("public"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recommendation__isnull=False) | models.Q(report__isnull=False),
                name="comment_on_recommendation_or_report",
            )
        ]

    def __str__(self):
        return _("Comment by %(organisation)s on %(subject)s") % {
            "organisation": self.organisation or self.author,
            "subject": self.recommendation or self.report,
        }


class Assessment(Archivable):
    """An NHRI's or a civil-society organisation's own view of implementation."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    organisation = models.CharField(_("organisation"), max_length=300)
    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(_("status in their view"), max_length=25, choices=Status.choices)
    text = models.TextField(_("assessment"))
    date = models.DateField(_("date"))
    is_public = models.BooleanField(_("public"), default=False)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("independent assessment")
        verbose_name_plural = _("independent assessments")

    def __str__(self):
        return _("Assessment by %(organisation)s of %(recommendation)s") % {
            "organisation": self.organisation,
            "recommendation": self.recommendation,
        }


# Which of country, cycle and plan a round on each subject names; it names none of the others.
NEEDS = {Subject.MIDTERM: ("country", "cycle"), Subject.PLAN: ("plan",), Subject.OTHER: ()}
MISSING = {
    "country": _("a round on the UPR mid-term report names the State under review"),
    "cycle": _("a round on the UPR mid-term report names the UPR cycle"),
    "plan": _("a round on a national action plan names the plan"),
}


class Round(models.Model):
    """A consultation on a draft: who is asked, by when, and on which draft."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("what is asked"), blank=True)
    deadline = models.DateField(_("deadline"))
    invited = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="consultation_rounds", verbose_name=_("invited")
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_open = models.BooleanField(_("open"), default=True)
    subject = models.CharField(
        _("consultation on"), max_length=10, choices=Subject.choices, blank=True, default=Subject.OTHER
    )
    country = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("State under review")
    )
    cycle = models.PositiveSmallIntegerField(_("UPR cycle"), null=True, blank=True, validators=[MinValueValidator(1)])
    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultation_rounds",
        verbose_name=_("action plan"),
    )

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("consultation round")
        verbose_name_plural = _("consultation rounds")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(subject=Subject.MIDTERM, country__isnull=False, cycle__isnull=False, plan__isnull=True)
                    | models.Q(subject=Subject.PLAN, plan__isnull=False, country__isnull=True, cycle__isnull=True)
                    | models.Q(subject=Subject.OTHER, country__isnull=True, cycle__isnull=True, plan__isnull=True)
                ),
                name="round_about_fits_subject",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        """A mid-term round names a State and a cycle, a plan round a plan; a round has
        none of what its subject does not need (its report would cite the wrong one)."""
        needs = NEEDS.get(self.subject, ())
        given = {"country": self.country_id, "cycle": self.cycle, "plan": self.plan_id}
        errors = {}
        for name, value in given.items():
            if name in needs and value is None:
                errors[name] = MISSING[name]
            elif name not in needs and value is not None:
                errors[name] = (
                    _("only a round on a national action plan names a plan")
                    if name == "plan"
                    else _("only a round on the UPR mid-term report names a State and a cycle")
                )
        if errors:
            raise ValidationError(errors)

    @property
    def about(self) -> str:
        """What the round is on, as a person reads it ("" for other or general)."""
        if self.subject == Subject.MIDTERM:
            return _("%(report)s: %(state)s, cycle %(cycle)s") % {
                "report": Subject.MIDTERM.label,
                "state": self.country,
                "cycle": self.cycle,
            }
        if self.subject == Subject.PLAN:
            return _("%(report)s: %(plan)s") % {"report": Subject.PLAN.label, "plan": self.plan}
        return ""


class Reply(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("reply"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self):
        return _("Reply by %(author)s in %(round)s") % {"author": self.author, "round": self.round}
