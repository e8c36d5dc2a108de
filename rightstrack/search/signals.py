"""Keep the search index in step with every write, in the writer's transaction."""
from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from rightstrack.recommendations.models import Recommendation, TagAssignment, Translation
from rightstrack.recommendations.signals import recommendations_changed
from rightstrack.search import services

INDEXED_FIELDS = {"text", "language", "subject"}


@receiver(post_save, sender=Recommendation)
def recommendation_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is None or INDEXED_FIELDS & set(update_fields):
        services.index_recommendations([instance.pk])
    services.bump()


@receiver(post_save, sender=Translation)
@receiver(post_delete, sender=Translation)
def translation_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if Recommendation.objects.filter(pk=instance.recommendation_id).exists():
        services.index_recommendations([instance.recommendation_id])
    services.bump()


@receiver(post_delete, sender=Recommendation)
@receiver(post_save, sender=TagAssignment)
@receiver(post_delete, sender=TagAssignment)
def facets_changed(sender, raw=False, **kwargs):
    if not raw:
        services.bump()


@receiver(m2m_changed, sender=Recommendation.recommending_states.through)
def recommending_states_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        services.bump()


@receiver(recommendations_changed)
def bulk_written(sender, ids, **kwargs):
    services.index_recommendations(ids)
    services.bump()
