"""REST API of documents: the OHCHR matrix (Word, Excel), the UPR mid-term report (Word,
PDF), a national action plan (Word, PDF, Excel) and a treaty-body follow-up report
(Word, PDF).

The same documents as ``rightstrack report …`` and the Reports page, for what the
caller may see: without credentials, published recommendations and published progress
reports only; with a token or a session, everything the user may see, validated
progress included.
"""

from __future__ import annotations

from ninja import Query, Router

from rightstrack.api.auth import api_user
from rightstrack.api.errors import BadParameter, BadRequest, reject_unknown
from rightstrack.core.limits import MAX_DOCUMENT_ROWS_ONLINE
from rightstrack.reports import services
from rightstrack.reports.schemas import FollowUpQuery, MatrixQuery, MidtermQuery, PlanQuery

router = Router(tags=["documents"])


def _file(description: str, kind: str = "matrix") -> dict:
    return {
        "description": description,
        "content": {
            services.CONTENT_TYPES[fmt]: {"schema": {"type": "string", "format": "binary"}}
            for fmt in services.KINDS[kind]
        },
    }


def _send(request, **arguments):
    try:
        made = services.generate(api_user(request), **arguments)
    except services.InvalidChoice as exc:
        raise BadParameter(exc.field, exc.message) from None
    return made.response()


@router.get(
    "/documents/matrix",
    response={400: BadRequest},
    summary="Download the OHCHR matrix of recommendations with their implementation (Word or Excel)",
    openapi_extra={
        "responses": {
            200: _file(
                "The matrix as an attachment (`Content-Disposition`), named like "
                "`matrix-SVN-cycle3-en-2026-12-07.docx`."
            )
        }
    },
)
def matrix(request, query: Query[MatrixQuery]):
    """OHCHR's thematic list of recommendations — `Recommendation | Position | Full list
    of themes | Assessment/comments on level of implementation`, a `Theme:` row opening
    each group — with the assessment column written from the implementation status, the
    lead and supporting entities and the progress reports the NMRF validated (without
    credentials: the published ones, on published recommendations only). It says "as of"
    today's date. A filled-in copy comes back through the import (`rightstrack import
    FILE --user NAME --entity NAME`, or the Reports page), as draft progress reports.
    An unknown State, cycle or mechanism is a 400 naming the parameter."""
    reject_unknown(request, set(MatrixQuery.model_fields))
    return _send(
        request,
        fmt=query.format,
        language=query.language,
        country=query.country,
        cycle=query.cycle,
        mechanism=query.mechanism,
        max_rows=MAX_DOCUMENT_ROWS_ONLINE,
    )


@router.get(
    "/documents/midterm",
    response={400: BadRequest},
    summary="Download the UPR mid-term report of a State (Word or PDF)",
    openapi_extra={
        "responses": {
            200: _file("The report as an attachment, named like `midterm-SVN-cycle4-en-2026-12-07.pdf`.", "midterm")
        }
    },
)
def midterm(request, query: Query[MidtermQuery]):
    """The voluntary mid-term report on a State's UPR recommendations of one cycle: cover
    (State, cycle, Working Group session, report and addendum symbols, period covered, as
    of), methodology and the consultation rounds linked to it, overview figures and
    charts (by position, status, theme, lead entity, SDG, over time), thematic chapters
    (recommendations, measures with dates and entities, indicators against baseline and
    target, challenges, next steps), changes of position, technical-assistance and funding
    needs, and an annex with every recommendation, supported and noted. Without
    credentials: published recommendations, plans and progress only. A State without UPR
    recommendations in that cycle, or an unknown organisation, is a 400 naming the
    parameter."""
    reject_unknown(request, set(MidtermQuery.model_fields))
    return _send(
        request,
        kind="midterm",
        fmt=query.format,
        language=query.language,
        country=query.country,
        cycle=query.cycle,
        organisation=query.organisation or "",
    )


@router.get(
    "/documents/plan",
    response={400: BadRequest},
    summary="Download a national action plan (Word, PDF or Excel)",
    openapi_extra={
        "responses": {200: _file("The plan as an attachment, named like `plan-1-en-2026-12-07.xlsx`.", "plan")}
    },
)
def plan(request, query: Query[PlanQuery]):
    """A national action plan in the layout of OHCHR's Handbook on National Human Rights
    Plans of Action: goal (cluster), objective (the recommendations), activity (action),
    responsible agency, completion date, with indicators (baseline, target, data source,
    SDG indicator), budget and funding source, affected groups and the gender perspective.
    Without credentials: published plans only; an unknown or unpublished plan is a 400
    naming `plan`."""
    reject_unknown(request, set(PlanQuery.model_fields))
    return _send(request, kind="plan", fmt=query.format, language=query.language, plan=query.plan)


@router.get(
    "/documents/followup",
    response={400: BadRequest},
    summary="Download a State's treaty-body follow-up report (Word or PDF)",
    openapi_extra={
        "responses": {
            200: _file(
                "The report as an attachment, named like `followup-CCPR-C-SVN-CO-3-en-2026-12-07.docx`.", "followup"
            )
        }
    },
)
def followup(request, query: Query[FollowUpQuery]):
    """The State's information on the paragraphs a treaty body picked for its follow-up
    procedure: each part verbatim, the measures taken with the responsible entity, the
    date and the data (pre-filled from actions and validated progress reports), the
    Committee's last grades and the date the reply is due. Without credentials: the
    procedures on published recommendations and published progress only. An unknown
    document is a 400 naming `document` and the ones known."""
    reject_unknown(request, set(FollowUpQuery.model_fields))
    return _send(request, kind="followup", fmt=query.format, language=query.language, document=query.document)
