"""REST API of search: keyword/semantic/hybrid search with facets, and similar recommendations.

The filters are the recommendations FilterSet's (the same parameters as
``/api/recommendations``); results are export records with a score and the text with
the matched words in ``<mark>``. Anonymous callers search published recommendations only.
"""

from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from rightstrack.api.auth import api_user
from rightstrack.api.errors import BadParameter, BadRequest, NotFound, reject_unknown
from rightstrack.api.filters import filter_query_schema
from rightstrack.recommendations.exporters import export_record
from rightstrack.recommendations.filtersets import list_filterset
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.schemas import RecommendationRecord
from rightstrack.search import selectors
from rightstrack.search.schemas import SearchOptions, SearchOut, SimilarOptions

router = Router(tags=["search"])
SearchQuery = filter_query_schema(list_filterset(), "SearchQuery")
OPTIONS = frozenset({"mode", "limit", "offset"})


class SimilarOut(RecommendationRecord):
    score: float
    repeat: bool


@router.get(
    "/search",
    response={200: SearchOut, 400: BadRequest},
    summary="Search recommendations by words or meaning, with facet counts",
)
def search(request, filters: Query[SearchQuery], options: Query[SearchOptions]):
    """``q`` takes the search language of the web page: stemmed words, "phrases",
    prefix*, AND / OR / NOT. Facet counts are over the whole result set."""
    reject_unknown(request, frozenset(list_filterset().base_filters) | OPTIONS)
    try:
        result = selectors.search(
            api_user(request),
            filters.filterset_params(),
            mode=options.mode,
            limit=options.limit,
            offset=options.offset,
            details=True,
        )
    except selectors.InvalidSearch as exc:
        raise BadParameter("q" if "q:" in str(exc) else "filters", str(exc)) from exc
    return {
        "total": result.total,
        "mode": result.mode,
        "results": [
            {**export_record(h.recommendation), "score": h.score, "highlighted": str(h.highlighted)}
            for h in result.hits
        ],
        "facets": {
            name: [{"value": v.code, "label": v.label, "count": v.count} for v in values]
            for name, values in result.facets.items()
        },
    }


@router.get(
    "/recommendations/{recommendation_id}/similar",
    response={200: list[SimilarOut], 404: NotFound},
    summary="Recommendations closest in meaning to one (its repeats)",
)
def similar(request, recommendation_id: int, options: Query[SimilarOptions]):
    """``same_state``: only recommendations to the same State (other cycles and mechanisms)."""
    try:
        found = selectors.similar_to(
            api_user(request), recommendation_id, limit=options.limit, same_state=options.same_state
        )
    except Recommendation.DoesNotExist:
        raise HttpError(404, _("No such recommendation.")) from None
    return [{**export_record(s.recommendation), "score": s.score, "repeat": s.repeat} for s in found]
