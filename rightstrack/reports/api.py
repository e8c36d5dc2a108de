"""REST API of documents: the OHCHR matrix as a Word or Excel file.

The same document as ``rightstrack report matrix`` and the Reports page, for what the
caller may see: without credentials, published recommendations and published progress
reports only; with a token or a session, everything the user may see, validated
progress included.
"""
from __future__ import annotations

from typing import Literal

from ninja import Field, Query, Router, Schema

from rightstrack.api.auth import api_user
from rightstrack.api.errors import BadParameter, BadRequest, reject_unknown
from rightstrack.core.limits import MAX_DOCUMENT_ROWS_ONLINE
from rightstrack.reports import services

router = Router(tags=["documents"])

Language = Literal[services.LANGUAGES]
Format = Literal[services.FORMATS]


class MatrixQuery(Schema):
    country: str | None = Field(None, description="The State under review, by its ISO 3166-1 alpha-3 code (`SVN`); "
                                                   "omit for every State.")
    cycle: int | None = Field(None, ge=1, description="The UPR cycle (1-4); omit for every cycle. Treaty-body and "
                                                      "special-procedure recommendations have no cycle.")
    mechanism: str | None = Field(None, description="A mechanism's code (`UPR`, `CCPR`, `CEDAW`, …); omit for every "
                                                    "mechanism.")
    language: Language = Field("en", description="The language of the headings and labels, and of the "
                                                 "recommendations' texts where a translation is stored; `ar` gives a "
                                                 "right-to-left document.")
    format: Format = Field("docx", description="`docx`: OHCHR's Word table; `xlsx`: one row per recommendation with "
                                               "every field, with filters.")


def _file(description: str) -> dict:
    return {"description": description, "content": {
        services.CONTENT_TYPES[fmt]: {"schema": {"type": "string", "format": "binary"}} for fmt in services.FORMATS}}


@router.get("/documents/matrix", response={400: BadRequest},
            summary="Download the OHCHR matrix of recommendations with their implementation (Word or Excel)",
            openapi_extra={"responses": {200: _file(
                "The matrix as an attachment (`Content-Disposition`), named like "
                "`matrix-SVN-cycle3-en-2026-12-07.docx`.")}})
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
    try:
        made = services.generate(api_user(request), fmt=query.format, language=query.language,
                                 country=query.country, cycle=query.cycle, mechanism=query.mechanism,
                                 max_rows=MAX_DOCUMENT_ROWS_ONLINE)
    except services.InvalidChoice as exc:
        raise BadParameter(exc.field, exc.message) from None
    return made.response()
