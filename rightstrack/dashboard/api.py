"""REST API of exports: the UHRI-compatible JSON export, streamed.

The export takes the same filters as the recommendation list and holds the same rule
on who sees what; it is one JSON list, written while it is read from the database, so
exporting 250,000 recommendations needs no more memory than exporting ten.
"""

from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from ninja import Field, Query, Router, Schema

from rightstrack.api.errors import BadRequest, reject_unknown
from rightstrack.dashboard.uhri_export import uhri_records
from rightstrack.recommendations.api import FILTER_PARAMETERS, RecommendationQuery, filtered
from rightstrack.recommendations.exporters import iter_json

router = Router(tags=["exports"])
# Pieces of about this many characters go to the client: one per record would mean
# hundreds of thousands of tiny writes.
STREAM_PIECE = 64 * 1024


class UHRIRecord(Schema):
    """One recommendation under the UHRI full-export headers; every value is a string,
    several values one per line starting with "- "."""

    text: str = Field(alias="Text")
    countries_concerned: str = Field(alias="Countries Concerned")
    recommending_body: str = Field(alias="Reccomending Body")
    document_symbol: str = Field(alias="Document Symbol")
    themes: str = Field(alias="Themes")
    affected_persons: str = Field(alias="Affected Persons")
    sdgs: str = Field(alias="Sdgs", description='One SDG a line: "- 16.2 - <target text>" or "- 16 - <GOAL TITLE>"')
    document_publication_date: str = Field(alias="Document Publication Date", description="YYYY-MM-DD or empty")
    upr_recommending_states: str = Field(alias="UPR Reccomending States")
    upr_position: str = Field(alias="UPR Position", description="Supported, Noted, Supported/Noted or empty")
    type: str = Field(alias="Type")
    ohchr_annotation_id: str = Field(
        alias="OHCHR Annotation Id", description='UHRI\'s id, or "rightstrack-<id>" for a recommendation UHRI lacks'
    )
    upr_session: str = Field(alias="UPR Session", description='"34th Session - Cycle 3" or empty')
    regions_concerned: str = Field(alias="Regions Concerned")
    recommending_regions: str = Field(alias="Recommending Regions")
    date_of_publication_on_uhri: str = Field(alias="Date of publication on UHRI", description="always empty")


def pieces(texts: Iterable[str], size: int = STREAM_PIECE) -> Iterator[str]:
    """Join small pieces of text into pieces of about ``size`` characters."""
    buffer: list[str] = []
    length = 0
    for text in texts:
        buffer.append(text)
        length += len(text)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)


@router.get(
    "/export/uhri.json",
    response={200: list[UHRIRecord], 400: BadRequest},
    by_alias=True,
    summary="Export recommendations in the UHRI full-export layout (JSON)",
)
def export_uhri(request, filters: Query[RecommendationQuery]):
    """The filtered recommendations as OHCHR's Universal Human Rights Index full export
    (JSON): ``rightstrack import --format uhri-json`` reads it back. Not paged: the whole
    list is streamed, in id order."""
    reject_unknown(request, FILTER_PARAMETERS)
    # Filters are checked here, before the first byte is sent: a bad value is a 400.
    queryset = filtered(request, filters)
    return StreamingHttpResponse(pieces(iter_json(uhri_records(queryset))), content_type="application/json")
