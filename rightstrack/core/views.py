from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from rightstrack.core import jobs
from rightstrack.core.permissions import can
from rightstrack.core.web import signed_in

# --- background jobs -----------------------------------------------------------------


def _job_context(job):
    kind = jobs.KINDS.get(job.kind)
    context = {"job": job, "status": jobs.status(job), "kind": kind}
    if job.state == "done" and kind and kind.template:
        context["result_template"] = kind.template
        context.update(kind.context(job) if kind.context else {"result": job.result})
    return context


@signed_in
def job_list(request):
    """The jobs this person may follow; NMRF staff can start the long ones from here."""
    startable = [k for k in jobs.KINDS.values() if k.startable] if can(request.user, "core.start_jobs") else []
    return render(request, "core/job_list.html", {"jobs": jobs.visible_to(request.user)[:100], "startable": startable})


@signed_in
def job_detail(request, pk: int):
    """One job: its state and progress while it runs (the page polls), then its result."""
    job = get_object_or_404(jobs.visible_to(request.user), pk=pk)
    context = _job_context(job)
    if request.htmx and request.GET.get("status"):
        return render(request, "core/_job_status.html", context)
    return render(request, "core/job.html", context)


@signed_in
@require_POST
def job_start(request):
    kind = jobs.KINDS.get(request.POST.get("kind", ""))
    if kind is None or not kind.startable:
        raise Http404
    job = jobs.start(kind.name, request.user)
    return redirect("jobs:detail", pk=job.pk)
