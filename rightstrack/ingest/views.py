"""Import from the browser: upload, preview what would change, confirm.

The preview is a dry run of the very import the confirmation performs, so what the user
approves is what happens (unless the database changed in between, which the import
handles like any re-import).
"""
from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rightstrack.core.errors import RightstrackError
from rightstrack.ingest.forms import UploadForm
from rightstrack.ingest.registry import ImportOptions, detect_format
from rightstrack.ingest.services import ImportFailed, import_file

PREVIEW_ROWS = 20
SESSION_KEY = "pending_imports"


def _store(upload) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "uploads" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    target = folder / Path(upload.name).name  # never trust a client path
    with open(target, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return target


@staff_member_required
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "ingest/upload.html", {"form": form})
    path = _store(form.cleaned_data["file"])
    options = form.options()
    fmt = form.cleaned_data["format"]
    try:
        if fmt == "auto":  # detected here, so that an unknown file is answered in this page's terms
            fmt = detect_format(path, how_to_choose=_("choose its format in the “Format” list below")).name
        sample: list = []
        chosen, summary, skipped = import_file(path, fmt, options, dry_run=True, sample=sample, sample_size=PREVIEW_ROWS)
    except ImportFailed as exc:
        return render(request, "ingest/upload.html", {"form": form, "errors": exc.summary.errors})
    except RightstrackError as exc:
        return render(request, "ingest/upload.html", {"form": form, "errors": [str(exc)]})
    token = uuid.uuid4().hex
    pending = request.session.setdefault(SESSION_KEY, {})
    pending[token] = {"path": str(path), "format": chosen, "options": dataclasses.asdict(options),
                      "publish": form.cleaned_data["publish"]}
    request.session.modified = True
    return render(request, "ingest/preview.html", {"token": token, "format": chosen, "summary": summary,
                                                   "skipped": skipped, "sample": sample, "name": path.name})


@staff_member_required
@require_POST
def confirm(request):
    pending = request.session.get(SESSION_KEY, {}).pop(request.POST.get("token", ""), None)
    request.session.modified = True
    if pending is None:
        messages.error(request, _("This import was already done or has expired: upload the file again."))
        return redirect("ingest:upload")
    try:
        _fmt, summary, _skipped = import_file(pending["path"], pending["format"], ImportOptions(**pending["options"]),
                                              publish=pending["publish"], user=request.user)
    except RightstrackError as exc:
        messages.error(request, str(exc))
        return redirect("ingest:upload")
    messages.success(request, f"{Path(pending['path']).name}: {summary.line()}")
    if summary.changed_ids and settings.TAG_ON_IMPORT:
        from rightstrack.tagging.services import tag_imported

        suggested = tag_imported(summary.changed_ids).added
        if suggested:
            messages.info(request, ngettext("%(n)d tag suggested: review it.", "%(n)d tags suggested: review them.",
                                            suggested) % {"n": suggested})
    return redirect("recommendations:list")
