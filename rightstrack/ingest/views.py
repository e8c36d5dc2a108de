"""Import from the browser: upload, read the preview, confirm — each long step a job.

The upload is checked by a background job (a dry run of the very import a confirmation
performs, so what the person approves is what happens); its page shows the preview
with the confirm button, and the confirmed import is a second job, followed by the same
after-import steps as ``rightstrack import``. No request waits for a large file.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightstrack.core.errors import RightstrackError
from rightstrack.core.models import Job
from rightstrack.core.web import allowed
from rightstrack.ingest import jobs
from rightstrack.ingest.forms import UploadForm
from rightstrack.ingest.registry import detect_format


@allowed("ingest.import")
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "ingest/upload.html", {"form": form})
    path = jobs.store_upload(form.cleaned_data["file"])
    fmt = form.cleaned_data["format"]
    if fmt == "auto":
        # Detected here (it reads only the start of the file), so that an unknown file is
        # answered at once, in this page's terms.
        try:
            fmt = detect_format(path, how_to_choose=_("choose its format in the “Format” list below")).name
        except RightstrackError as exc:
            jobs.discard(path)
            return render(request, "ingest/upload.html", {"form": form, "errors": [str(exc)]})
    check = jobs.start_check(request.user, path, fmt, form.options(), form.cleaned_data["publish"])
    return redirect("jobs:detail", pk=check.pk)


def _check(pk: int) -> Job:
    return get_object_or_404(Job.objects.filter(kind=jobs.CHECK), pk=pk)


@allowed("ingest.import")
@require_POST
def confirm(request, pk: int):
    try:
        job = jobs.confirm(request.user, _check(pk))
    except RightstrackError as exc:
        messages.error(request, str(exc))
        return redirect("ingest:upload")
    return redirect("jobs:detail", pk=job.pk)


@allowed("ingest.import")
@require_POST
def cancel(request, pk: int):
    jobs.cancel(_check(pk))
    messages.info(request, _("Import cancelled: the file was removed."))
    return redirect("ingest:upload")
