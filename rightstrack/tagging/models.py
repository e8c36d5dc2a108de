"""Trained classifiers and the suggestions people turned down.

A suggestion itself is a ``TagAssignment`` with origin "automatic" and a confidence
(recommendations app): search, filters and exports see it like any tag, marked as
such. Accepting one sets ``confirmed``; rejecting one deletes it and leaves a
``RejectedTag`` so that later runs never suggest it again and training learns from it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightstrack.recommendations.models import Recommendation
from rightstrack.reference.models import Term
from rightstrack.tagging.choices import ClassifierOrigin


class Classifier(models.Model):
    """One trained model for one taxonomy, stored in the database with its figures.

    The model lives in ``blob`` (compressed pickle) rather than in a file so that a
    backup of the database is a backup of the models, and every web worker sees the
    same one. Only the newest ``active`` classifier of a taxonomy is used; ``metrics``
    holds the figures measured when it was trained (held-out part of the training data).
    """

    taxonomy = models.CharField(_("taxonomy"), max_length=50)
    origin = models.CharField(_("origin"), max_length=10, choices=ClassifierOrigin.choices)
    trained_at = models.DateTimeField(_("trained"), auto_now_add=True)
    n_train = models.PositiveIntegerField(_("training examples"), default=0)
    labels = models.JSONField(_("labels"), default=list)
    metrics = models.JSONField(_("figures"), default=dict, blank=True)
    params = models.JSONField(default=dict, blank=True)
    blob = models.BinaryField()
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["taxonomy", "-trained_at", "-id"]
        verbose_name = _("classifier")
        indexes = [models.Index(fields=["taxonomy", "active"])]

    def __str__(self):
        return f"{self.taxonomy} ({self.trained_at:%Y-%m-%d %H:%M})"


class RejectedTag(models.Model):
    """A suggested tag a person turned down: never suggested again, a negative example."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="rejected_tags", db_index=False
    )
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="+")
    confidence = models.FloatField(null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    rejected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["recommendation", "term"], name="rejected_tag_unique")]
        verbose_name = _("rejected suggestion")

    def __str__(self):
        return f"{self.term} rejected for {self.recommendation}"
