"""REST API of exports: the UHRI-compatible JSON export, streamed.

The export takes the same filters as the recommendation list and holds the same rule
on who sees what; it is one JSON list, written while it is read from the database, so
exporting 250,000 recommendations needs no more memory than exporting ten.
"""

from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from ninja import Query, Router

from rightstrack.api.errors import BadRequest, reject_unknown
from rightstrack.dashboard.schemas import UHRIRecord
from rightstrack.dashboard.uhri_export import uhri_records
from rightstrack.recommendations.api import FILTER_PARAMETERS, RecommendationQuery, filtered
from rightstrack.recommendations.exporters import iter_json

router = Router(tags=["exports"])
# Pieces of about this many characters go to the client: one per record would mean
# hundreds of thousands of tiny writes.
STREAM_PIECE = 64 * 1024


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
