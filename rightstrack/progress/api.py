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

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, UploadedFile
from ninja.errors import HttpError
from pydantic import field_validator

from rightstrack.api.auth import SIGNED_IN, api_user
from rightstrack.api.common import (
    EDIT_ERRORS,
    WRITE_ERRORS,
    HistoryEntry,
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
from rightstrack.api.paging import PageParams, page_schema, paginate
from rightstrack.planning import selectors as planning
from rightstrack.planning.choices import Status
from rightstrack.planning.models import Indicator
from rightstrack.planning.schemas import StatusName
from rightstrack.progress import evidence as evidence_files
from rightstrack.progress import selectors, services
from rightstrack.progress.choices import ReportStage
from rightstrack.progress.filtersets import ProgressReportFilterSet
from rightstrack.progress.models import ProgressReport, Tracking
from rightstrack.recommendations.selectors import visible_recommendations

router = Router(tags=["progress"])
ProposedStatus = Literal[("", *Status.values)]
MAX_LINKS = 50
MAX_VALUES = 500

ReportQuery = filter_query_schema(ProgressReportFilterSet, "ReportQuery")
REPORT_FILTERS = frozenset(ProgressReportFilterSet.base_filters)


class ReportOut(Schema):
    id: int
    action_id: int | None
    recommendation_id: int | None
    entity_id: int = Field(description="the entity the report speaks for")
    entity: str
    date: dt.date
    text: str
    proposed_status: str = Field(description="the status the report proposes; it applies once validated")
    stage: str = Field(description="draft, submitted, returned, validated or published")
    state: str = Field(description="the old name of ``stage`` (deprecated: removed in the next release)")
    review_comment: str = Field(description="what the NMRF asked to change when it returned the report")
    version: int = Field(description="send it back with an edit or a step of the workflow")


class IndicatorValueOut(Schema):
    indicator_id: int
    indicator: str
    value: str
    date: dt.date


class EvidenceOut(Schema):
    id: int
    link: str
    file: str | None = Field(
        description="where to download the attached file (GET, with the report's permissions: "
        "this API's endpoint, so a token works); null for a link"
    )
    page: str | None = Field(description="the same file's download address on the web pages (a signed-in browser)")
    name: str | None = Field(description="the file's name as its author gave it")
    size: int | None = Field(description="the file's size in bytes")
    content_type: str | None = Field(description="the file's type, checked from its content")
    description: str


class ReportDetail(ReportOut):
    indicator_values: list[IndicatorValueOut]
    evidence: list[EvidenceOut]
    history: list[HistoryEntry] = Field(description="newest first; empty for anonymous callers")


ReportPage = page_schema(ReportOut, "ReportPage")


class TrackingOut(Schema):
    recommendation_id: int
    status: str
    grade: str = Field(description="a treaty body's follow-up grade (empty: none)")
    version: int = Field(description="send it back with a change")


class IndicatorValueIn(Schema):
    indicator: int = Field(description="id of one of the action's indicators")
    value: str = Field(min_length=1, max_length=100)


class ReportIn(Schema):
    action: int | None = Field(None, description="the action reported on; give an action or a recommendation")
    recommendation: int | None = None
    text: str = Field(min_length=1)
    date: dt.date | None = Field(None, description="today when left out")
    proposed_status: ProposedStatus = ""
    indicator_values: list[IndicatorValueIn] = Field([], max_length=MAX_VALUES)
    links: list[str] = Field([], max_length=MAX_LINKS, description="addresses of the evidence")

    @field_validator("links")
    @classmethod
    def _links_are_addresses(cls, links: list[str]) -> list[str]:
        return [web_address(link) for link in links]


def web_address(link: str) -> str:
    """``link`` if it is a web address evidence may point to; ValueError (a 400 naming
    the parameter) otherwise."""
    try:
        URLValidator()(link)
    except ValidationError:
        raise ValueError(_("not a web address: %(link)s") % {"link": link[:100]}) from None
    if len(link) > 500:
        raise ValueError(_("a web address of at most 500 characters"))
    return link


class EvidenceIn(Schema):
    link: str = Field(description="address of the evidence: a law in the official gazette, a budget line, ...")
    description: str = Field("", max_length=300)

    @field_validator("link")
    @classmethod
    def _link_is_an_address(cls, link: str) -> str:
        return web_address(link)


class VersionIn(Schema):
    version: int = Field(description="the version the caller read")


class ReportEdit(VersionIn):
    text: str = Field(None, min_length=1)
    proposed_status: ProposedStatus = Field(None)


class ReturnIn(VersionIn):
    comment: str = Field(description="what the author should change")


class TrackingIn(VersionIn):
    status: StatusName = Field(None)
    grade: str | None = Field(
        None,
        max_length=12,
        description="a code of the committee's grade scale (A to E for the Human Rights Committee); empty: none",
    )


def report_record(report: ProgressReport) -> dict:
    return {
        "id": report.pk,
        "action_id": report.action_id,
        "recommendation_id": report.recommendation_id,
        "entity_id": report.entity_id,
        "entity": str(report.entity),
        "date": report.date,
        "text": report.text,
        "proposed_status": report.proposed_status,
        "stage": report.stage,
        "state": report.stage,  # the old name, for one release
        "review_comment": report.review_comment,
        "version": report.version,
    }


def _evidence_record(evidence) -> dict:
    has_file = bool(evidence.file)
    kind = evidence_files.KINDS.get(evidence_files.extension(evidence.file.name)) if has_file else None
    return {
        "id": evidence.pk,
        "link": evidence.link,
        "description": evidence.description,
        "file": reverse("api:evidence_download", args=[evidence.report_id, evidence.pk]) if has_file else None,
        "page": evidence.get_absolute_url() if has_file else None,
        "name": evidence.display_name or None,
        "size": evidence.size,
        "content_type": kind.content_type if kind else None,
    }


def report_detail(request, report_id: int) -> dict:
    """The report with its values, evidence and history; 404 if the caller may not see it."""
    report = _report(request, report_id)
    values = report.indicator_values.select_related("indicator")
    return {
        **report_record(report),
        "indicator_values": [
            {"indicator_id": v.indicator_id, "indicator": v.indicator.name, "value": v.value, "date": v.date}
            for v in values
        ],
        "evidence": [_evidence_record(e) for e in report.evidence.order_by("pk")],
        "history": history_of(request, report),
    }


def _report(request, report_id: int) -> ProgressReport:
    return found(selectors.reports(api_user(request)), report_id, _("No such report."))


def _recommendation(request, recommendation_id: int):
    return found(visible_recommendations(api_user(request)), recommendation_id, _("No such recommendation."))


def tracking_record(recommendation) -> dict:
    # Reading must not write: a recommendation nobody has set a status for yet reads as
    # the row set_status would make (not started, version 1).
    tracking = Tracking.objects.filter(recommendation=recommendation).first() or Tracking(recommendation=recommendation)
    return {
        "recommendation_id": recommendation.pk,
        "status": tracking.status,
        "grade": tracking.grade,
        "version": tracking.version,
    }


# --- Reads --------------------------------------------------------------------------


@router.get("/reports", response={200: ReportPage, 400: BadRequest}, summary="List progress reports")
def list_reports(request, filters: Query[ReportQuery], page: Query[PageParams]):
    """Reports in id order, one page at a time. Anonymous callers see published reports only."""
    reject_unknown(request, REPORT_FILTERS | PAGE_PARAMETERS)
    reports = filtered(ProgressReportFilterSet, filters.filterset_params(), selectors.reports(api_user(request)))
    return paginate(reports, page, report_record)


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
    return tracking_record(_recommendation(request, recommendation_id))


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
    return tracking_record(recommendation)


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
    return created(_evidence_record(evidence))


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
    return created(_evidence_record(evidence))
