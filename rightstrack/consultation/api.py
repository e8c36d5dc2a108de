"""REST API of consultation: what the NHRI and civil society say, kept apart from the
State's own reporting.

Independent assessments of a recommendation read by anyone who may see the
recommendation: the public ones for anonymous callers, all of them for signed-in ones.
Comments and assessments are written with a token or a session; the services decide
who may (contributors and the NMRF comment, contributors assess) and refuse others
with a 403.
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from rightstrack.api.auth import SIGNED_IN, api_user
from rightstrack.api.errors import BadParameter, NotFound
from rightstrack.consultation import selectors, services
from rightstrack.consultation.models import Assessment, Comment
from rightstrack.planning.api import WRITE_ERRORS, StatusName, created, found, referenced
from rightstrack.progress import selectors as progress
from rightstrack.recommendations.selectors import visible_recommendations

router = Router(tags=["consultation"])


class AssessmentOut(Schema):
    id: int
    recommendation_id: int
    organisation: str
    status: str = Field(description="how far the recommendation is implemented, in the organisation's view")
    text: str
    date: dt.date
    is_public: bool


class CommentOut(Schema):
    id: int
    recommendation_id: int | None
    report_id: int | None
    organisation: str
    text: str
    is_public: bool
    created_at: dt.datetime


class CommentIn(Schema):
    text: str = Field(min_length=1)
    recommendation: int | None = Field(None, description="the recommendation commented on; give it or a report")
    report: int | None = Field(None, description="the progress report commented on")
    organisation: str = Field("", max_length=300)
    is_public: bool = False


class AssessmentIn(Schema):
    recommendation: int
    organisation: str = Field(min_length=1, max_length=300)
    status: StatusName
    text: str = Field(min_length=1)
    date: dt.date | None = Field(None, description="today when left out")
    is_public: bool = False


def assessment_record(assessment: Assessment) -> dict:
    return {"id": assessment.pk, "recommendation_id": assessment.recommendation_id,
            "organisation": assessment.organisation, "status": assessment.status, "text": assessment.text,
            "date": assessment.date, "is_public": assessment.is_public}


def comment_record(comment: Comment) -> dict:
    return {"id": comment.pk, "recommendation_id": comment.recommendation_id, "report_id": comment.report_id,
            "organisation": comment.organisation, "text": comment.text, "is_public": comment.is_public,
            "created_at": comment.created_at}


@router.get("/recommendations/{recommendation_id}/assessments", response={200: list[AssessmentOut], 404: NotFound},
            summary="Independent assessments of a recommendation, newest first")
def list_assessments(request, recommendation_id: int):
    """Public assessments for anonymous callers, all of them for signed-in ones."""
    user = api_user(request)
    recommendation = found(visible_recommendations(user), recommendation_id, _("No such recommendation."))
    return [assessment_record(a) for a in selectors.assessments(user, recommendation)]


@router.post("/comments", auth=SIGNED_IN, response={201: CommentOut, **WRITE_ERRORS},
             summary="Comment on a recommendation or a progress report (contributors, NMRF)")
def create_comment(request, body: CommentIn):
    user = api_user(request)
    if body.recommendation is None and body.report is None:
        raise BadParameter("recommendation", _("give a recommendation or a report"))
    made = services.comment(
        user, body.text, organisation=body.organisation, is_public=body.is_public,
        recommendation=referenced(visible_recommendations(user), body.recommendation, "recommendation"),
        report=referenced(progress.reports(user), body.report, "report"),
    )
    return created(comment_record(made))


@router.post("/assessments", auth=SIGNED_IN, response={201: AssessmentOut, **WRITE_ERRORS},
             summary="Assess how far a recommendation is implemented (contributors)")
def create_assessment(request, body: AssessmentIn):
    """The organisation's own view; it never changes the State's status."""
    user = api_user(request)
    recommendation = referenced(visible_recommendations(user), body.recommendation, "recommendation")
    made = services.assess(user, recommendation, organisation=body.organisation, status=body.status, text=body.text,
                           date=body.date or timezone.localdate(), is_public=body.is_public)
    return created(assessment_record(made))
