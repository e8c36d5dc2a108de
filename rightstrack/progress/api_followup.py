"""REST API of the treaty bodies' follow-up procedures: for each document, the
paragraphs the Committee picked, their parts verbatim, the Committee's grades by round
with its evaluation, the reply's due date, and the counts of grades by committee and
State. Anonymous callers see the procedures with a published recommendation."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from rightstrack.api.auth import api_user
from rightstrack.api.common import filtered, found
from rightstrack.api.errors import BadRequest, NotFound, reject_unknown
from rightstrack.api.filters import filter_query_schema
from rightstrack.api.paging import PARAMETERS as PAGE_PARAMETERS
from rightstrack.api.paging import PageParams, page_schema, paginate
from rightstrack.progress import selectors
from rightstrack.progress.filtersets import FollowUpFilterSet

router = Router(tags=["treaty-body follow-up"])
FollowUpQuery = filter_query_schema(FollowUpFilterSet, "FollowUpQuery")
FOLLOWUP_FILTERS = frozenset(FollowUpFilterSet.base_filters)


class AssessmentOut(Schema):
    round: int = Field(description="1 for the Committee's first assessment of this procedure")
    symbol: str = Field(description="the report that gives it, e.g. CCPR/C/128/3/Add.2 (empty when not known)")
    session: int | None
    dates: str = Field(description="the session's dates as the report gives them")
    date: dt.date | None = Field(description="the session's last day")
    year: int | None


class GradeOut(Schema):
    round: int
    label: str = Field(description="the parts graded together, as the Committee wrote them; empty: the whole paragraph")
    parts: list[str] = Field(description="the labels of the parts this grade covers")
    grade: str = Field(description="a code of the committee's scale (GET /api/mechanisms shows the committees)")
    meaning: str
    evaluation: str = Field(description="the Committee's evaluation")


class PartOut(Schema):
    label: str
    text: str = Field(description="the part verbatim")
    latest_grade: str = Field(description="the grade of the latest round that covers it (empty: none)")


class ParagraphOut(Schema):
    paragraph: str
    title: str
    recommendation_id: int | None = Field(description="null when the paragraph's text is not recorded")
    parts: list[PartOut]
    grades: list[GradeOut]


class FollowUpOut(Schema):
    id: int
    document: str
    mechanism: str
    states: list[str] = Field(description="ISO3 codes")
    adopted: dt.date | None
    due: dt.date | None = Field(
        description="the Committee's own date, else one year after adoption (two for CEDAW and CMW); null when unknown"
    )
    reply_symbol: str
    reply_date: dt.date | None
    paragraphs: list[str]
    latest_grades: dict[str, int] = Field(description="the grades of the latest assessment, counted")


class FollowUpDetail(FollowUpOut):
    assessments: list[AssessmentOut]
    paragraph_details: list[ParagraphOut]


class GradeCount(Schema):
    mechanism: str
    state: str
    iso3: str
    total: int
    grades: dict[str, int]


def _record(follow_up) -> dict:
    return {
        "id": follow_up.pk,
        "document": follow_up.document.symbol,
        "mechanism": follow_up.document.mechanism.code,
        "states": [s.iso3 for s in follow_up.document.states.all()],
        "adopted": follow_up.document.date,
        "due": follow_up.due_date,
        "reply_symbol": follow_up.reply_symbol,
        "reply_date": follow_up.reply_date,
        "paragraphs": [p.paragraph for p in follow_up.paragraphs.all()],
        "latest_grades": selectors.latest_grade_counts(follow_up),
    }


def _detail(view) -> dict:
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
    return {**_record(view.follow_up), "assessments": assessments, "paragraph_details": paragraphs}


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
    return paginate(queryset.prefetch_related("paragraphs", "assessments__grades").order_by("pk"), page, _record)


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
