"""Keep the search index in step with every write, in the writer's transaction: search
listens to ``recommendations_changed`` alone (see ``recommendations.signals``)."""

from __future__ import annotations

from django.dispatch import receiver

from rightstrack.recommendations.signals import recommendations_changed
from rightstrack.search import services


@receiver(recommendations_changed)
def recommendations_written(sender, ids, texts=False, **kwargs):
    if texts and ids:
        services.index_recommendations(ids)
    services.bump()
