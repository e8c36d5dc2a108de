"""What the NHRI and civil society say, kept apart from the State's own reporting.

A ``Comment`` is on a recommendation or a progress report. An ``Assessment`` is an
organisation's own judgement of how far a recommendation is implemented: it never
changes the State's status. A ``Round`` asks named contributors for their views on a
draft report by a deadline; their ``Reply`` records who answered.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightstrack.planning.choices import Status
from rightstrack.progress.models import ProgressReport
from rightstrack.recommendations.models import Recommendation


class Comment(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="consultation_comments")
    report = models.ForeignKey(ProgressReport, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="consultation_comments")
    text = models.TextField(_("comment"))
    is_public = models.BooleanField(_("public"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [models.CheckConstraint(
            condition=models.Q(recommendation__isnull=False) | models.Q(report__isnull=False),
            name="comment_on_recommendation_or_report")]


class Assessment(models.Model):
    """An NHRI's or a civil-society organisation's own view of implementation."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    organisation = models.CharField(_("organisation"), max_length=300)
    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(_("status in their view"), max_length=25, choices=Status.choices)
    text = models.TextField(_("assessment"))
    date = models.DateField(_("date"))
    is_public = models.BooleanField(_("public"), default=False)
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("independent assessment")
        verbose_name_plural = _("independent assessments")


class Round(models.Model):
    """A consultation on a draft: who is asked, by when."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("what is asked"), blank=True)
    deadline = models.DateField(_("deadline"))
    invited = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="consultation_rounds",
                                     verbose_name=_("invited"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_open = models.BooleanField(_("open"), default=True)

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("consultation round")
        verbose_name_plural = _("consultation rounds")

    def __str__(self):
        return self.title


class Reply(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("reply"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
