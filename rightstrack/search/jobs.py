"""The meaning vectors as an after-import step and as a background job."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core import jobs
from rightstrack.recommendations import after_import as after


def _line(run) -> list[str]:
    if not run and not getattr(run, "skipped", ()):
        return []
    from rightstrack.search import services

    return [services.vectors_summary(run)]


def vectors_after_import(ids: list[int], progress=None) -> list[str]:
    """The vectors of the imported recommendations that lack a current one."""
    from rightstrack.search import services

    missing = services.missing_embeddings(ids)
    if not missing:
        return []
    if progress:
        progress.begin(_("Meaning vectors"), len(missing))
    return _line(services.embed_recommendations(missing, progress.advance if progress else None))


def _vectors_job(job, progress) -> dict:
    from rightstrack.search import services

    missing = services.missing_embeddings()
    progress.begin(_("Meaning vectors"), len(missing))
    run = services.embed_recommendations(missing, progress.advance) if missing else 0
    for line in _line(run) or [_("meaning vectors: all up to date")]:
        progress.say(line)
    return {"computed": int(run), "skipped": list(getattr(run, "skipped", ()))}


def register() -> None:
    after.register("vectors", vectors_after_import, order=10, enabled=after.vectors_on_import)
    jobs.register(
        "vectors",
        _vectors_job,
        gettext_lazy("Compute the missing meaning vectors"),
        startable=True,
        description=gettext_lazy("For meaning search and repeats; imports compute them already."),
    )
