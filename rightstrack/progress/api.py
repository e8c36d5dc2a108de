"""REST API of progress reporting: the focal points' dated reports and their validation,
and each recommendation's implementation status.

Who sees which report is the selectors' rule: the public sees published reports; NMRF
staff all; a focal point its entities' reports in every state and the others' once
validated; other signed-in people validated and published ones. A report the caller may
not see is a 404, never a 403.

A report moves draft -> submitted -> validated -> published, or back from submitted to
returned (with the NMRF's comment) and then submitted again; each step is a POST that
sends the ``version`` the caller read (409 if someone moved the report since). Evidence
(a link, or a file sent as multipart form data) is added to a draft or returned report;
a file must be of an allowed type as its content shows. Files are downloaded from
``/reports/{id}/evidence/{evidence_id}/file`` by whoever may see the report.
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, UploadedFile
from ninja.errors import HttpError

from rightstrack.api.auth import SIGNED_IN, api_user
from rightstrack.api.common import (
    EDIT_ERRORS,
    WRITE_ERRORS,
    With,
    created,
    edit_of,
    filtered,
    found,
    history_of,
    referenced,
)
from rightstrack.api.errors import BadParameter, BadRequest, NotFound, reject_unknown
from rightstrack.api.filters import filter_query_schema
from rightstrack.api.paging import PARAMETERS as PAGE_PARAMETERS
from rightstrack.api.paging import PageParams, paginate
from rightstrack.planning import selectors as planning
from rightstrack.planning.models import Indicator
from rightstrack.progress import evidence as evidence_files
from rightstrack.progress import selectors, services
from rightstrack.progress.choices import ReportStage
from rightstrack.progress.filtersets import ProgressReportFilterSet
from rightstrack.progress.models import ProgressReport, Tracking
from rightstrack.progress.schemas import (
    EvidenceIn,
    EvidenceOut,
    ReportDetail,
    ReportEdit,
    ReportIn,
    ReportPage,
    ReturnIn,
    TrackingIn,
    TrackingOut,
    VersionIn,
)
from rightstrack.recommendations.selectors import visible_recommendations

router = Router(tags=["progress"])
ReportQuery = filter_query_schema(ProgressReportFilterSet, "ReportQuery")
REPORT_FILTERS = frozenset(ProgressReportFilterSet.base_filters)


def report_detail(request, report_id: int) -> With:
    """The report with its values, evidence and history; 404 if the caller may not see it."""
    report = _report(request, report_id)
    return With(
        report,
        indicator_values=list(report.indicator_values.select_related("indicator")),
        evidence=list(report.evidence.order_by("pk")),
        history=history_of(request, report),
    )


def _tracking(recommendation) -> Tracking:
    # Reading must not write: a recommendation nobody has set a status for yet reads as
    # the row set_status would make (not started, version 1).
    return Tracking.objects.filter(recommendation=recommendation).first() or Tracking(recommendation=recommendation)


def _report(request, report_id: int) -> ProgressReport:
    return found(selectors.reports(api_user(request)), report_id, _("No such report."))


def _recommendation(request, recommendation_id: int):
    return found(visible_recommendations(api_user(request)), recommendation_id, _("No such recommendation."))


# --- Reads --------------------------------------------------------------------------


@router.get("/reports", response={200: ReportPage, 400: BadRequest}, summary="List progress reports")
def list_reports(request, filters: Query[ReportQuery], page: Query[PageParams]):
    """Reports in id order, one page at a time. Anonymous callers see published reports only."""
    reject_unknown(request, REPORT_FILTERS | PAGE_PARAMETERS)
    reports = filtered(ProgressReportFilterSet, filters.filterset_params(), selectors.reports(api_user(request)))
    return paginate(reports, page)


@router.get(
    "/reports/{report_id}",
    response={200: ReportDetail, 404: NotFound},
    summary="One progress report, with its indicator values and evidence",
)
def get_report(request, report_id: int):
    return report_detail(request, report_id)


@router.get(
    "/reports/{report_id}/evidence/{evidence_id}/file",
    response={404: NotFound},
    url_name="evidence_download",
    summary="Download a report's evidence file",
)
def download_evidence(request, report_id: int, evidence_id: int):
    """The file as an attachment of the type its content was checked to be. Who may is
    who may see the report (anonymous callers: a published report's files); 404 for
    anyone else."""
    report = _report(request, report_id)
    evidence = found(report.evidence.exclude(file=""), evidence_id, _("No such evidence file."))
    try:
        return evidence_files.response(evidence, public=report.stage == ReportStage.PUBLISHED)
    except Http404:
        raise HttpError(404, _("The file is no longer there.")) from None


@router.get(
    "/recommendations/{recommendation_id}/tracking",
    response={200: TrackingOut, 404: NotFound},
    summary="A recommendation's implementation status and follow-up grade",
)
def get_tracking(request, recommendation_id: int):
    return _tracking(_recommendation(request, recommendation_id))


# --- Writes -------------------------------------------------------------------------


@router.post(
    "/reports", auth=SIGNED_IN, response={201: ReportDetail, **WRITE_ERRORS}, summary="Write a draft progress report"
)
def create_report(request, body: ReportIn):
    """A draft on an action or a recommendation, with indicator values (of the action's
    indicators) and evidence links. NMRF staff, or a focal point of a responsible entity."""
    user = api_user(request)
    if body.action is None and body.recommendation is None:
        raise BadParameter("action", _("give an action or a recommendation"))
    action = referenced(planning.actions(user), body.action, "action")
    indicators = Indicator.objects.filter(archived=False, action__in=planning.actions(user))
    report = services.create_report(
        user,
        text=body.text,
        date=body.date or timezone.localdate(),
        action=action,
        recommendation=referenced(visible_recommendations(user), body.recommendation, "recommendation"),
        proposed_status=body.proposed_status,
        links=body.links,
        indicator_values=[
            (referenced(indicators, v.indicator, "indicator_values"), v.value) for v in body.indicator_values
        ],
    )
    return created(report_detail(request, report.pk))


@router.post(
    "/reports/{report_id}",
    auth=SIGNED_IN,
    response={200: ReportDetail, **EDIT_ERRORS},
    summary="Edit a draft or returned report",
)
def edit_report(request, report_id: int, body: ReportEdit):
    """Send ``version`` and the fields to change (text, proposed_status)."""
    version, changes = edit_of(body)
    report = services.edit_report(api_user(request), _report(request, report_id), version, **changes)
    return report_detail(request, report.pk)


@router.post(
    "/reports/{report_id}/submit",
    auth=SIGNED_IN,
    response={200: ReportDetail, **EDIT_ERRORS},
    summary="Submit a report to the NMRF",
)
def submit_report(request, report_id: int, body: VersionIn):
    report = services.submit(api_user(request), _report(request, report_id), body.version)
    return report_detail(request, report.pk)


@router.post(
    "/reports/{report_id}/return",
    auth=SIGNED_IN,
    response={200: ReportDetail, **EDIT_ERRORS},
    summary="Return a submitted report with a comment (NMRF staff)",
)
def return_report(request, report_id: int, body: ReturnIn):
    report = services.return_report(api_user(request), _report(request, report_id), body.version, body.comment)
    return report_detail(request, report.pk)


@router.post(
    "/reports/{report_id}/validate",
    auth=SIGNED_IN,
    response={200: ReportDetail, **EDIT_ERRORS},
    summary="Validate a submitted report (NMRF staff)",
)
def validate_report(request, report_id: int, body: VersionIn):
    """Its proposed status becomes the action's or the recommendation's status."""
    report = services.validate(api_user(request), _report(request, report_id), body.version)
    return report_detail(request, report.pk)


@router.post(
    "/reports/{report_id}/publish",
    auth=SIGNED_IN,
    response={200: ReportDetail, **EDIT_ERRORS},
    summary="Publish a validated report (NMRF staff)",
)
def publish_report(request, report_id: int, body: VersionIn):
    report = services.publish(api_user(request), _report(request, report_id), body.version)
    return report_detail(request, report.pk)


@router.post(
    "/recommendations/{recommendation_id}/tracking",
    auth=SIGNED_IN,
    response={200: TrackingOut, **EDIT_ERRORS},
    summary="Set a recommendation's status or follow-up grade (NMRF staff)",
)
def set_tracking(request, recommendation_id: int, body: TrackingIn):
    """Send ``version`` and status, grade or both."""
    recommendation = _recommendation(request, recommendation_id)
    version, changes = edit_of(body)
    services.set_status(api_user(request), recommendation, version, **changes)
    return _tracking(recommendation)


@router.post(
    "/reports/{report_id}/evidence",
    auth=SIGNED_IN,
    response={201: EvidenceOut, **WRITE_ERRORS},
    summary="Add an evidence link to a draft or returned report",
)
def add_evidence_link(request, report_id: int, body: EvidenceIn):
    """The report's authors (its entity's focal points) or NMRF staff."""
    evidence = services.add_evidence(
        api_user(request), _report(request, report_id), link=body.link, description=body.description
    )
    return created(evidence)


@router.post(
    "/reports/{report_id}/evidence/file",
    auth=SIGNED_IN,
    response={201: EvidenceOut, **WRITE_ERRORS},
    summary="Attach an evidence file to a draft or returned report (multipart form data)",
)
def add_evidence_file(request, report_id: int, file: File[UploadedFile], description: Form[str] = ""):
    """The form fields ``file`` and ``description`` (at most 300 characters); who may is as
    for a link."""
    evidence = services.add_evidence(api_user(request), _report(request, report_id), file=file, description=description)
    return created(evidence)
