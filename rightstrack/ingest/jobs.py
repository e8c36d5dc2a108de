"""The web import as two background jobs: check the file (a dry run whose result is the
preview), then, once a person confirms, import it and run the after-import steps.

A large file (tens of thousands of records) takes minutes, mostly in tag suggestions:
no request waits for it. The uploaded file lives in its own folder under
``MEDIA_ROOT/uploads`` until the import is done, fails, or is cancelled; folders left by
checks nobody confirmed are removed after a day.
"""

from __future__ import annotations

import dataclasses
import shutil
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core import jobs
from rightstrack.core.errors import RightstrackError
from rightstrack.core.models import Job, JobState
from rightstrack.ingest.merge import FieldChange
from rightstrack.ingest.registry import ImportOptions
from rightstrack.ingest.services import import_file
from rightstrack.recommendations.after_import import after_import

CHECK, IMPORT = "import-check", "import"
PREVIEW_ROWS = 20
STALE_UPLOAD_SECONDS = 24 * 3600


def uploads() -> Path:
    return Path(settings.MEDIA_ROOT) / "uploads"


def store_upload(upload) -> Path:
    """Keep an uploaded file in a folder of its own (never trusting the client's path)."""
    folder = uploads() / uuid.uuid4().hex
    folder.mkdir(parents=True)
    target = folder / (Path(upload.name).name or "upload")
    with open(target, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return target


def discard(path: str | Path) -> None:
    """Remove an uploaded file and its folder (only ever inside the uploads folder)."""
    folder = Path(path).parent
    if folder.parent == uploads() and folder.exists():
        shutil.rmtree(folder, ignore_errors=True)


def discard_stale() -> int:
    """Remove upload folders older than a day (checks nobody confirmed), except those of
    jobs still waiting or running; returns how many."""
    if not uploads().exists():
        return 0
    busy = {
        Path(p).parent
        for p in Job.objects.filter(
            kind__in=[CHECK, IMPORT], state__in=[JobState.QUEUED, JobState.RUNNING]
        ).values_list("params__path", flat=True)
        if p
    }
    removed = 0
    for folder in uploads().iterdir():
        if folder.is_dir() and folder not in busy and time.time() - folder.stat().st_mtime > STALE_UPLOAD_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def start_check(user, path: Path, fmt: str, options: ImportOptions, publish: bool) -> Job:
    """Queue the check of an uploaded file; its page shows the preview when ready."""
    return jobs.start(
        CHECK,
        user,
        title=_("Check %(name)s") % {"name": path.name},
        params={
            "path": str(path),
            "format": fmt,
            "options": dataclasses.asdict(options),
            "publish": publish,
            "name": path.name,
        },
    )


def confirm(user, check: Job) -> Job:
    """Queue the import a person confirmed after reading the check's preview. Confirming
    twice gives the same import job."""
    if check.kind != CHECK or check.state != JobState.DONE:
        raise RightstrackError(_("This file has not been checked: upload it again."))
    if check.result.get("confirmed"):
        return Job.objects.get(pk=check.result["confirmed"])
    if not Path(check.params["path"]).exists():
        raise RightstrackError(_("This import was already done or has expired: upload the file again."))
    job = jobs.start(
        IMPORT,
        user,
        title=_("Import %(name)s") % {"name": check.params["name"]},
        params={**check.params, "format": check.result["format"]},
    )
    check.result["confirmed"] = job.pk
    check.save(update_fields=["result"])
    return job


def cancel(check: Job) -> None:
    if check.kind == CHECK and not check.result.get("confirmed"):
        discard(check.params.get("path", ""))
        check.result["cancelled"] = True
        check.save(update_fields=["result"])


def _check(job: Job, progress: jobs.Progress) -> dict:
    discard_stale()
    params = job.params
    sample: list = []
    progress.begin(_("Reading the file"))
    try:
        fmt, summary, skipped = import_file(
            params["path"],
            params["format"],
            ImportOptions(**params["options"]),
            dry_run=True,
            sample=sample,
            sample_size=PREVIEW_ROWS,
            progress=progress.advance,
            user=job.user,
        )
    except RightstrackError:  # the file is refused (each error is on the job's page): not kept
        discard(params["path"])
        raise
    return {
        "format": fmt,
        "skipped": skipped,
        "confirmed": None,
        "summary": {
            "new": summary.new,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "removals": summary.removals,
            "disputed": summary.disputed,
            "listed": summary.listed,
            "also": summary.also,
            "counts": summary.counts,
            "details": [
                {"label": r.label, "location": r.location, "fields": [dataclasses.asdict(c) for c in r.fields]}
                for r in summary.details
            ],
        },
        "sample": [
            {
                "location": r.location,
                "paragraph": r.paragraph,
                "country": r.country or "",
                "text": r.text[:2000],
                "recommending_states": list(r.recommending_states or []),
                "position": r.position or "",
            }
            for r in sample
        ],
    }


def preview(check: Job) -> dict:
    """The check's result as the preview template reads it (field changes rebuilt, so
    their labels are in the reader's language)."""
    summary = dict(check.result["summary"])
    summary["details"] = [{**r, "fields": [FieldChange(**c) for c in r["fields"]]} for r in summary["details"]]
    summary["unlisted"] = summary["listed"] - len(summary["details"])
    return {
        "format": check.result["format"],
        "skipped": check.result["skipped"],
        "summary": summary,
        "sample": check.result["sample"],
        "name": check.params["name"],
        "check": check,
        "confirmed": check.result.get("confirmed"),
        "cancelled": check.result.get("cancelled"),
    }


def _import(job: Job, progress: jobs.Progress) -> dict:
    params = job.params
    progress.begin(_("Importing"))
    try:
        _fmt, summary, _skipped = import_file(
            params["path"],
            params["format"],
            ImportOptions(**params["options"]),
            publish=params["publish"],
            user=job.user,
            progress=progress.advance,
        )
    finally:
        discard(params["path"])  # imported or refused, the upload is not kept
    progress.say(f"{params['name']}: {summary.line()}")
    after_import(summary.changed_ids, say=progress.say, progress=progress)
    return {
        "new": summary.new,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "removals": summary.removals,
        "disputed": summary.disputed,
        "also": summary.also,
        "counts": summary.counts,
    }


def register() -> None:
    jobs.register(
        CHECK,
        _check,
        gettext_lazy("Check a file before importing"),
        template="ingest/preview.html",
        context=preview,
        failed_note=gettext_lazy("Nothing was imported."),
    )
    jobs.register(
        IMPORT,
        _import,
        gettext_lazy("Import"),
        template="ingest/imported.html",
        failed_note=gettext_lazy("Nothing was imported."),
    )
