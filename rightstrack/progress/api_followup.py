"""REST API of the treaty bodies' follow-up procedures: for each document, the
paragraphs the Committee picked, their parts verbatim, the Committee's grades by round
with its evaluation, the reply's due date, and the counts of grades by committee and
State. Anonymous callers see the procedures with a published recommendation."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Query, Router

from rightstrack.api.auth import api_user
from rightstrack.api.common import With, filtered, found
from rightstrack.api.errors import BadRequest, NotFound, reject_unknown
from rightstrack.api.filters import filter_query_schema
from rightstrack.api.paging import PARAMETERS as PAGE_PARAMETERS
from rightstrack.api.paging import PageParams, page_schema, paginate
from rightstrack.progress import selectors
from rightstrack.progress.filtersets import FollowUpFilterSet
from rightstrack.progress.schemas import (
    FollowUpDetail,
    FollowUpOut,
    GradeCount,
)

router = Router(tags=["treaty-body follow-up"])
FollowUpQuery = filter_query_schema(FollowUpFilterSet, "FollowUpQuery")
FOLLOWUP_FILTERS = frozenset(FollowUpFilterSet.base_filters)


def _detail(view) -> With:
    def meaning(code):
        level = view.levels.get(code)
        return _(level.label) if level else ""

    paragraphs = [
        {
            "paragraph": p.paragraph.paragraph,
            "title": p.paragraph.title,
            "recommendation_id": p.paragraph.recommendation_id,
            "parts": [
                {"label": part.label, "text": part.text, "latest_grade": grade.grade if grade else ""}
                for part, grade in p.parts
            ],
            "grades": [
                {
                    "round": r.number,
                    "label": g.label,
                    "parts": [x.label for x in g.parts.all()],
                    "grade": g.grade,
                    "meaning": meaning(g.grade),
                    "evaluation": g.evaluation,
                }
                for r in p.rounds
                for g in r.grades
            ],
        }
        for p in view.paragraphs
    ]
    assessments = [
        {
            "round": r.number,
            "symbol": r.assessment.symbol,
            "session": r.assessment.session,
            "dates": r.assessment.dates,
            "date": r.assessment.date,
            "year": r.assessment.year,
        }
        for r in view.rounds
    ]
    return With(view.follow_up, assessments=assessments, paragraph_details=paragraphs)


@router.get(
    "/followup",
    response={200: page_schema(FollowUpOut, "FollowUpPage"), 400: BadRequest},
    summary="List treaty-body follow-up procedures",
)
def list_followups(request, filters: Query[FollowUpQuery], page: Query[PageParams]):
    """Procedures in id order, one page at a time: filter by ``country`` (ISO3 or name),
    ``mechanism`` (CCPR, CAT…) or ``document`` (part of its symbol)."""
    reject_unknown(request, FOLLOWUP_FILTERS | PAGE_PARAMETERS)
    queryset = filtered(FollowUpFilterSet, filters.filterset_params(), selectors.followups(api_user(request)))
    return paginate(queryset.prefetch_related("paragraphs", "assessments__grades").order_by("pk"), page)


@router.get(
    "/followup/grades",
    response={200: list[GradeCount]},
    summary="The Committee's grades counted by committee and State",
)
def grade_counts(request):
    """The grades of each procedure's latest assessment, by committee and State."""
    return selectors.grade_counts(api_user(request))


@router.get(
    "/followup/{followup_id}",
    response={200: FollowUpDetail, 404: NotFound},
    summary="One follow-up procedure: paragraphs, parts and the Committee's grades by round",
)
def get_followup(request, followup_id: int):
    found(selectors.followups(api_user(request)), followup_id, _("No such follow-up procedure."))
    return _detail(selectors.followup(api_user(request), followup_id))
