"""REST API of recommendations and their source documents (read-only).

A recommendation reads as its export record (``reports.exporters.export_record``): same
keys, same order, so a script can switch between the API and ``rightstrack export``.
Who sees what is the selectors' rule: published recommendations for anonymous callers,
everything for a signed-in user or a token.

Tags are data only: imported, entered by a person, or a classifier's suggestion a
person confirmed. Pending suggestions are left out of every record, unless a staff
caller asks for them with ``?include=suggestions``: then each record has a
``suggestions`` key ({tag key: [{code, label, confidence}]}), apart from the tags.
Anybody else asking for them gets a 403.
"""

from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from rightstrack.api.auth import api_user
from rightstrack.api.errors import BadParameter, BadRequest, NotFound, Refused, reject_unknown
from rightstrack.api.filters import filter_query_schema
from rightstrack.api.paging import PARAMETERS as PAGE_PARAMETERS
from rightstrack.api.paging import PageParams, paginate
from rightstrack.core.permissions import can
from rightstrack.recommendations.exporters import export_record, suggestion_record
from rightstrack.recommendations.filtersets import filtered_recommendations, list_filterset
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.schemas import (
    DocumentOut,
    DocumentPage,
    IncludeParams,
    RecommendationDetail,
    RecommendationPage,
)
from rightstrack.recommendations.selectors import (
    is_data_tag,
    recommendation_for,
    visible_documents,
    with_details,
)

router = Router(tags=["recommendations"])

# Exactly the FilterSet's filters, derived from it (see api.filters).
RecommendationQuery = filter_query_schema(list_filterset(), "RecommendationQuery")
FILTER_PARAMETERS = frozenset(list_filterset().base_filters)


def filtered(request, filters):
    """The recommendations ``request`` may see that pass the FilterSet; 400 on a bad value."""
    return filtered_recommendations(api_user(request), filters.filterset_params())


def with_suggestions(request, include: IncludeParams) -> bool:
    """Whether the caller asked for suggestions (``?include=suggestions``); 400 for
    another value, 403 for a caller who is not staff."""
    if include.include is None:
        return False
    if include.include != "suggestions":
        raise BadParameter("include", _("the only value is 'suggestions'"))
    if not can(api_user(request), "recommendations.see_suggestions"):
        raise HttpError(403, _("Only staff may see the classifiers' suggestions."))
    return True


def record_with(suggestions: bool):
    """The serializer of a list page: the export record, with the suggestions if asked."""
    if not suggestions:
        return export_record
    return lambda rec: {**export_record(rec), "suggestions": suggestion_record(rec)}


def detail_record(rec: Recommendation, suggestions: bool = False) -> dict:
    record = export_record(rec)
    # The record is the export record (``recommendations.exporters``: the one contract of
    # every export format); its tags are read by TagOut.
    record["tags"] = [tag for tag in rec.tags.all() if is_data_tag(tag)]
    if suggestions:
        record["suggestions"] = suggestion_record(rec)
    return record


# ``suggestions`` is in a record only when asked for: unset fields stay out of the JSON.
@router.get(
    "/recommendations",
    response={200: RecommendationPage, 400: BadRequest, 403: Refused},
    summary="List recommendations, filtered like the web list",
    exclude_unset=True,
)
def list_recommendations(
    request, filters: Query[RecommendationQuery], page: Query[PageParams], include: Query[IncludeParams]
):
    """Recommendations in id order, one page at a time; the filters are those of the
    web list. Anonymous callers see published recommendations only. The tags are the
    imported, manual and confirmed ones; staff may add the classifiers' pending
    suggestions, apart, with ``include=suggestions``."""
    reject_unknown(request, FILTER_PARAMETERS | PAGE_PARAMETERS | {"include"})
    suggestions = with_suggestions(request, include)
    queryset = with_details(filtered(request, filters), suggestions=suggestions)
    return paginate(queryset, page, record_with(suggestions))


@router.get(
    "/recommendations/{recommendation_id}",
    response={200: RecommendationDetail, 400: BadRequest, 403: Refused, 404: NotFound},
    summary="One recommendation, with its translations and tags",
    exclude_unset=True,
)
def get_recommendation(request, recommendation_id: int, include: Query[IncludeParams]):
    """Tags say where they came from (origin, source, a classifier's confidence) and
    whether a person confirmed them; a classifier's pending suggestion is not a tag,
    and only staff may see it, apart, with ``include=suggestions``. An unpublished
    recommendation is 404 for anonymous callers."""
    suggestions = with_suggestions(request, include)
    try:
        rec = recommendation_for(api_user(request), recommendation_id)
    except Recommendation.DoesNotExist:
        raise HttpError(404, _("No such recommendation.")) from None
    return detail_record(rec, suggestions)


def _documents(request):
    return visible_documents(api_user(request)).select_related("mechanism", "upr_session").prefetch_related("states")


@router.get("/documents", response={200: DocumentPage, 400: BadRequest}, summary="List source documents")
def list_documents(request, page: Query[PageParams]):
    """Documents in id order. Anonymous callers see the documents that have at least one
    published recommendation; filter recommendations by ``document=SYMBOL`` to list them."""
    reject_unknown(request, PAGE_PARAMETERS)
    return paginate(_documents(request), page)


@router.get("/documents/{int:document_id}", response={200: DocumentOut, 404: NotFound}, summary="One source document")
def get_document(request, document_id: int):
    document = _documents(request).filter(pk=document_id).first()
    if document is None:
        raise HttpError(404, _("No such document."))
    return document
