"""Progress pages: the reports list, writing and editing a report, its page with the
workflow's buttons (submit, return with a comment, validate, publish), and a
recommendation's status.

Services decide who may do what; a refusal is a 403 page that says why, a stale save
the form again with who saved in between (nothing typed is lost).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightstrack.core.audit import ConflictError
from rightstrack.core.errors import InvalidValueError
from rightstrack.core.permissions import can, require
from rightstrack.core.web import page_form, save_or_explain, signed_in
from rightstrack.planning.selectors import actions as visible_actions
from rightstrack.progress import evidence, selectors, services
from rightstrack.progress.choices import TRANSITIONS, ReportStage
from rightstrack.progress.filtersets import ProgressReportFilterSet
from rightstrack.progress.forms import ReportForm, ReturnForm, TrackingForm
from rightstrack.progress.models import Evidence, ProgressReport
from rightstrack.recommendations.selectors import visible_recommendations

PAGE_SIZE = 50


def report_list(request):
    base = selectors.reports(request.user).select_related("action", "recommendation")
    filterset = ProgressReportFilterSet(request.GET or None, queryset=base, request=request)
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "progress/report_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_plan": can(request.user, "progress.review"),
        },
    )


def report_detail(request, pk: int):
    report = selectors.reports(request.user).select_related("action", "recommendation").filter(pk=pk).first()
    if report is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return render(
        request,
        "progress/report_detail.html",
        {
            "report": report,
            **_workflow(request.user, report),
            "values": report.indicator_values.select_related("indicator"),
            "evidence": report.evidence.order_by("pk"),
        },
    )


def evidence_file(request, pk: int, name: str = ""):
    """An evidence file, downloaded with its report's permissions: a published report's
    by anyone, an unpublished one's by those who may see the report (its entity's focal
    points, NMRF staff). 404 for anyone else, as for the report itself. ``name`` only
    gives the address the file's name."""
    found = Evidence.objects.exclude(file="").filter(pk=pk, report__in=selectors.reports(request.user)).first()
    if found is None:
        raise Http404
    return evidence.response(found, public=found.report.stage == ReportStage.PUBLISHED)


def _workflow(user, report: ProgressReport) -> dict:
    """Which buttons the person gets on this report."""
    author_side = can(user, "progress.report", report)
    planner = can(user, "progress.review")
    moves = TRANSITIONS[ReportStage(report.stage)]
    return {
        "can_edit": author_side and report.stage in services.EDITABLE_STAGES,
        "can_submit": author_side and ReportStage.SUBMITTED in moves,
        "can_return": planner and ReportStage.RETURNED in moves,
        "can_validate": planner and ReportStage.VALIDATED in moves,
        "can_publish": planner and ReportStage.PUBLISHED in moves,
        "return_form": ReturnForm(initial={"version": report.version}),
    }


def _subject(request):
    """The action (``?action=``) or recommendation (``?recommendation=``) reported on."""
    action = visible_actions(request.user).filter(pk=request.GET.get("action") or 0).first()
    rec = (
        None
        if action
        else visible_recommendations(request.user).filter(pk=request.GET.get("recommendation") or 0).first()
    )
    if action is None and rec is None:
        raise Http404(_("A report is on an action or a recommendation."))
    return action, rec


@signed_in
def report_create(request):
    action, rec = _subject(request)
    require(request.user, "progress.report", action or rec, refused=_("this item is assigned to another entity"))
    indicators = action.indicators.filter(archived=False) if action else []
    form = ReportForm(
        request.POST or None, request.FILES or None, indicators=indicators, initial={"date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        report = save_or_explain(form, lambda: _create(request, form, action, rec))
        if report is not None:
            messages.success(request, _("Draft saved. Submit it to the NMRF when it is ready."))
            return redirect("progress:report_detail", report.pk)
    back = (
        reverse("planning:action_detail", args=[action.pk])
        if action
        else reverse("recommendations:detail", args=[rec.pk])
    )
    return page_form(
        request, form, title=_("Progress report on %(item)s") % {"item": action or rec}, cancel=back, multipart=True
    )


def _create(request, form, action, rec):
    from django.db import transaction

    data = form.cleaned_data
    with transaction.atomic():  # the report and its file together, or neither
        report = services.create_report(
            request.user,
            text=data["text"],
            date=data["date"],
            action=action,
            recommendation=rec,
            proposed_status=data["proposed_status"],
            indicator_values=form.indicator_values(),
            links=data["links"],
        )
        for upload in data.get("files") or ():
            services.add_evidence(request.user, report, file=upload)
    return report


@signed_in
def report_edit(request, pk: int):
    report = get_object_or_404(ProgressReport, pk=pk, archived=False)
    require(request.user, "progress.report", report, refused=_("this report is another entity's"))
    form = ReportForm(request.POST or None, request.FILES or None, instance=ProgressReport.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        if save_or_explain(form, lambda: _save_edit(request, report, form)) is not None:
            messages.success(request, _("Saved."))
            return redirect("progress:report_detail", pk)
    return page_form(
        request,
        form,
        title=_("Edit the progress report"),
        cancel=reverse("progress:report_detail", args=[pk]),
        multipart=True,
    )


def _save_edit(request, report, form):
    from django.db import transaction

    with transaction.atomic():
        changes = form.changes()
        saved = services.edit_report(request.user, report, form.seen_version(), **changes) if changes else report
        for link in form.cleaned_data["links"]:
            services.add_evidence(request.user, saved, link=link)
        for upload in form.cleaned_data.get("files") or ():
            services.add_evidence(request.user, saved, file=upload)
    return saved


@signed_in
@require_POST
def report_move(request, pk: int, step: str):
    """One step of the workflow: submit, return (with a comment), validate, publish."""
    report = get_object_or_404(ProgressReport, pk=pk, archived=False)
    version = int(request.POST.get("version") or 0)
    try:
        if step == "submit":
            services.submit(request.user, report, version)
        elif step == "return":
            services.return_report(request.user, report, version, request.POST.get("comment", ""))
        elif step == "validate":
            services.validate(request.user, report, version)
        elif step == "publish":
            services.publish(request.user, report, version)
        else:
            raise Http404
    except (ConflictError, InvalidValueError) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            {
                "submit": _("Submitted to the NMRF."),
                "return": _("Returned to its author."),
                "validate": _("Validated."),
                "publish": _("Published."),
            }[step],
        )
    return redirect("progress:report_detail", pk)


@signed_in
def tracking_edit(request, pk: int):
    """A recommendation's status and, for treaty-body follow-up, the Committee's grade."""
    rec = get_object_or_404(visible_recommendations(request.user), pk=pk)
    require(request.user, "progress.review", refused=_("statuses are set by NMRF staff"))
    tracking = services.tracking_for(rec)
    form = TrackingForm(request.POST or None, instance=type(tracking).objects.get(pk=tracking.pk))
    back = reverse("recommendations:detail", args=[pk])
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        if (
            not changes
            or save_or_explain(form, lambda: services.set_status(request.user, rec, form.seen_version(), **changes))
            is not None
        ):
            return redirect(back)
    return page_form(request, form, title=_("Status of %(item)s") % {"item": rec}, cancel=back)
