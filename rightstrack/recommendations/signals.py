"""``recommendations_changed``: the one way the apps after this one (search) learn that
recommendations changed.

It is sent in the writer's transaction, with ``ids`` (the recommendations concerned)
and ``texts`` (True when their texts, translations, language or subject may have
changed, so that indexes of the texts rebuild those entries; False when only what the
filters read changed: tags, States, publication, deletions). Writes through the models
send it from the receivers below; writers that bypass ``save()`` (the bulk importer,
bulk updates of tags or publication) send it themselves.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal, receiver

from rightstrack.recommendations.models import Recommendation, TagAssignment, Translation

recommendations_changed = Signal()  # keyword arguments: ids (list of ints), texts (bool)

# The fields the texts' indexes read: a save of other fields only moves the filters.
TEXT_FIELDS = {"text", "language", "subject"}


def changed(sender, ids, *, texts: bool) -> None:
    """Send ``recommendations_changed`` (for writers that bypass ``save()``)."""
    recommendations_changed.send(sender=sender, ids=list(ids), texts=texts)


@receiver(post_save, sender=Recommendation)
def _recommendation_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw:
        texts = update_fields is None or bool(TEXT_FIELDS & set(update_fields))
        changed(sender, [instance.pk], texts=texts)


@receiver(post_save, sender=Translation)
@receiver(post_delete, sender=Translation)
def _translation_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # A translation deleted with its recommendation leaves no text to index.
    alive = Recommendation.objects.filter(pk=instance.recommendation_id).exists()
    changed(sender, [instance.recommendation_id] if alive else [], texts=alive)


@receiver(post_delete, sender=Recommendation)
@receiver(post_save, sender=TagAssignment)
@receiver(post_delete, sender=TagAssignment)
def _filters_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        rec_id = instance.pk if sender is Recommendation else instance.recommendation_id
        changed(sender, [rec_id], texts=False)


@receiver(m2m_changed, sender=Recommendation.recommending_states.through)
def _recommending_states_changed(sender, instance, action, pk_set=None, **kwargs):
    if action.startswith("post_"):
        ids = [instance.pk] if isinstance(instance, Recommendation) else sorted(pk_set or ())
        changed(sender, ids, texts=False)
