"""Who is responsible for what, and the implementation plan.

A recommendation has one lead entity (``accounts.Entity``, the State's institutions as a
tree) and any number of supporting ones (``Responsibility``). A ``Plan`` (a national implementation plan)
groups recommendations into ``Cluster``s and defines ``Action``s with ``Indicator``s.

Editable objects carry a ``version`` (optimistic locking, see ``core.audit``) and an
``archived`` flag instead of being deleted; services record every change in the audit
trail.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.models import Entity
from rightstrack.core.models import Archivable, Versioned
from rightstrack.planning.choices import FundingSource, IndicatorKind, Status
from rightstrack.recommendations.models import Recommendation
from rightstrack.reference.models import Term


class Responsibility(models.Model):
    """An entity's part in implementing a recommendation: the lead, or in support."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="responsibilities")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="responsibilities")
    lead = models.BooleanField(_("lead entity"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "entity"], name="responsibility_unique_entity"),
            models.UniqueConstraint(
                fields=["recommendation"], condition=models.Q(lead=True), name="responsibility_one_lead"
            ),
        ]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")

    def __str__(self):
        return f"{self.entity} → {self.recommendation}"


class Plan(Archivable, Versioned):
    """A national implementation plan (or human-rights action plan) and its period."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["-start", "title"]
        verbose_name = _("implementation plan")
        verbose_name_plural = _("implementation plans")

    def __str__(self):
        return self.title


class Cluster(Archivable, Versioned):
    """A heading of the plan grouping recommendations (from any mechanism and cycle)."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="clusters")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(default=0)
    recommendations = models.ManyToManyField(
        Recommendation, blank=True, related_name="clusters", verbose_name=_("recommendations")
    )

    class Meta:
        ordering = ["plan", "position", "title"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self):
        return self.title


class Action(Archivable, Versioned):
    """A measure of the plan, for a cluster or for one recommendation."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="actions")
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, null=True, blank=True, related_name="actions")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    entity = models.ForeignKey(
        Entity, on_delete=models.PROTECT, related_name="actions", verbose_name=_("responsible entity")
    )
    start = models.DateField(_("start"), null=True, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices, blank=True)
    technical_assistance = models.TextField(_("technical assistance needed"), blank=True)
    affected_groups = models.ManyToManyField(Term, blank=True, related_name="+", verbose_name=_("affected groups"))
    gender_note = models.TextField(_("gender perspective"), blank=True)
    status = models.CharField(_("status"), max_length=25, choices=Status.choices, default=Status.NOT_STARTED)

    class Meta:
        ordering = ["due", "title", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cluster__isnull=False) | models.Q(recommendation__isnull=False),
                name="action_for_cluster_or_recommendation",
            )
        ]

    def __str__(self):
        return self.title[:120]

    def get_absolute_url(self) -> str:
        return reverse("planning:action_detail", args=[self.pk])


class Indicator(Archivable, Versioned):
    """How progress of an action is measured (OHCHR: structure, process, outcome)."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="indicators")
    kind = models.CharField(_("kind"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.PROCESS)
    name = models.CharField(_("name"), max_length=500)
    baseline = models.CharField(_("baseline"), max_length=100, blank=True)
    target = models.CharField(_("target"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    sdg_indicator = models.ForeignKey(
        Term, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("SDG indicator")
    )

    class Meta:
        ordering = ["action", "kind", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name[:120]
