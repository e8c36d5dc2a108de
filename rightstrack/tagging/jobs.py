"""Tag suggestions as an after-import step, and tagging and training as background jobs."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core import jobs
from rightstrack.recommendations import after_import as after


def _lines(summary) -> list[str]:
    if not (summary.added or summary.updated or summary.removed):
        return []
    return [
        _(
            "tag suggestions: %(added)d added, %(updated)d updated, %(removed)d withdrawn "
            "(review them at /tagging/suggestions/)"
        )
        % {"added": summary.added, "updated": summary.updated, "removed": summary.removed}
    ]


def suggestions_after_import(ids: list[int], progress=None) -> list[str]:
    """Suggestions from the trained classifiers for the imported recommendations (none
    trained: nothing to do)."""
    from rightstrack.tagging import services

    if progress:
        progress.begin(_("Tag suggestions"), len(ids))
    return _lines(services.tag(ids, progress=progress.advance if progress else None))


def _tag_job(job, progress) -> dict:
    from rightstrack.recommendations.models import Recommendation
    from rightstrack.tagging import services

    ids = list(Recommendation.objects.order_by("pk").values_list("pk", flat=True))
    progress.begin(_("Tag suggestions"), len(ids))
    summary = services.tag(
        ids,
        taxonomies=job.params.get("taxonomies"),
        only_untagged=job.params.get("only_untagged", False),
        progress=progress.advance,
    )
    if summary.skipped_taxonomies and not (summary.added or summary.updated or summary.removed):
        progress.say(_("No trained classifier for: %(names)s") % {"names": ", ".join(summary.skipped_taxonomies)})
    for line in _lines(summary) or [_("tag suggestions: nothing new")]:
        progress.say(line)
    return {"added": summary.added, "updated": summary.updated, "removed": summary.removed}


def _train_job(job, progress) -> dict:
    from rightstrack.tagging import services

    progress.begin(_("Training"))
    results = services.train(
        job.params.get("taxonomies"), progress=lambda slug: progress.say(_("training %(name)s…") % {"name": slug})
    )
    for result in results:
        if result.error:
            progress.say(f"{result.taxonomy}: {result.error}")
        else:
            progress.say(_("%(name)s: trained on %(n)d recommendations") % {"name": result.taxonomy, "n": result.n})
    return {"trained": [r.taxonomy for r in results if not r.error]}


def register() -> None:
    after.register(
        "suggestions",
        suggestions_after_import,
        order=20,
        enabled=after.tags_on_import,
        needs=("vectors",),
        skipped_hint=gettext_lazy(
            "tag suggestions skipped: they need the meaning vectors "
            "(later: rightstrack reindex --vectors-only, then rightstrack tag)"
        ),
    )
    jobs.register(
        "train",
        _train_job,
        gettext_lazy("Train the tag classifiers"),
        startable=True,
        description=gettext_lazy("From the tags people gave or confirmed; takes a few minutes."),
    )
    jobs.register(
        "tag",
        _tag_job,
        gettext_lazy("Suggest tags"),
        startable=True,
        description=gettext_lazy("For every recommendation, with the trained classifiers."),
    )
