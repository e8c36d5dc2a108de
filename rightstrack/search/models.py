"""The search index and the groups of repeated recommendations.

``SearchEntry`` holds each recommendation's index terms (``analysis.index_terms`` of its
text, translations and heading); the database's own engine indexes that column: an FTS5
table kept in step by triggers on SQLite, a generated tsvector column with a GIN index
on PostgreSQL (see the migration). ``Embedding`` holds the multilingual sentence vector
of the text for semantic search. Both are written in the same transaction as the
recommendation they index, so the index never disagrees with the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightstrack.recommendations.models import Recommendation
from rightstrack.reference.models import State
from rightstrack.search.choices import GroupStatus


class IndexState(models.Model):
    """One row: a version changed by every write that changes what search shows.

    Each process caches facet columns and vectors and reloads them when the counter
    moved, so a web worker sees another process's import on its next search.
    """

    version = models.BigIntegerField(default=0)
    vectors_version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"search index version {self.version} (vectors {self.vectors_version})"


class SearchEntry(models.Model):
    """The index terms of one recommendation, space-separated, in text order."""

    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    body = models.TextField()
    text_key = models.CharField(max_length=40)

    def __str__(self):
        return f"search terms of {self.recommendation}"


class Embedding(models.Model):
    """The sentence vector of a recommendation's text (float16, L2-normalised).

    ``text_key`` is the fingerprint of the text it was computed from, so an unchanged
    text is never embedded twice; ``model`` names the embedding model.
    """

    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    model = models.CharField(max_length=50)
    text_key = models.CharField(max_length=40)
    vector = models.BinaryField()

    def __str__(self):
        return f"{self.model} vector of {self.recommendation}"


class RepeatGroup(models.Model):
    """Recommendations to one State that make the same demand: repeated across cycles,
    mechanisms or recommending States. Found by ``rightstrack dedupe`` (suggested) and
    confirmed, split or merged by a person; a later run never changes a confirmed group.
    """

    state = models.ForeignKey(
        State, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("State under review")
    )
    status = models.CharField(_("status"), max_length=10, choices=GroupStatus.choices, default=GroupStatus.SUGGESTED)
    score = models.FloatField(_("lowest similarity"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["state__name", "-score", "id"]
        verbose_name = _("group of repeated recommendations")
        verbose_name_plural = _("groups of repeated recommendations")

    def __str__(self):
        return f"{_('Group')} {self.pk}"


class RepeatMember(models.Model):
    """A recommendation in a group; a recommendation is in one group at most."""

    group = models.ForeignKey(RepeatGroup, on_delete=models.CASCADE, related_name="members")
    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="repeat_member")
    score = models.FloatField(_("similarity to the group"), null=True, blank=True)

    class Meta:
        ordering = ["recommendation__date", "recommendation_id"]

    def __str__(self):
        return f"{self.recommendation} in {self.group}"


class NotRepeat(models.Model):
    """A person said these two recommendations are not the same demand (a split):
    automatic grouping never puts them together again."""

    first = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="not_repeat_unique_pair")]

    def __str__(self):
        return f"{self.first} is not {self.second}"
