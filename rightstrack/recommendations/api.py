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

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from rightstrack.api.auth import api_user
from rightstrack.api.errors import BadParameter, BadRequest, NotFound, Refused, reject_unknown
from rightstrack.api.filters import filter_query_schema
from rightstrack.api.paging import PARAMETERS as PAGE_PARAMETERS
from rightstrack.api.paging import PageParams, page_schema, paginate
from rightstrack.core.permissions import can
from rightstrack.recommendations.exporters import export_record, suggestion_record
from rightstrack.recommendations.filtersets import filtered_recommendations, list_filterset
from rightstrack.recommendations.models import Document, Recommendation
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


class RecommendationRecord(Schema):
    """The export record without its translations; the first 18 keys are the export contract."""

    id: int
    text: str
    paragraph: str
    document_symbol: str | None
    country: str | None
    mechanism: str
    session: int | None
    cycle: int | None
    date: dt.date | None
    type: str
    position: str | None
    recommending_states: list[str]
    themes: list[str]
    affected_persons: list[str]
    sdg_goals: list[int]
    sdg_targets: list[str]
    upr_info_issues: list[str]
    action_category: int | None
    language: str
    subject: str
    position_source: str
    follow_up: bool
    uhri_id: str | None


SUGGESTIONS_NOTE = (
    "Only `suggestions` (for staff: a caller who is not staff gets a 403): each record then has a "
    "`suggestions` key with the classifiers' pending suggestions, which are never in the tags."
)


class IncludeParams(Schema):
    include: str | None = Field(None, description=SUGGESTIONS_NOTE)


class SuggestionOut(Schema):
    """A classifier's tag nobody has confirmed yet: not data, a proposal to review."""

    code: str
    label: str
    confidence: float | None


SUGGESTIONS_FIELD = Field(
    None,
    description="Only with `?include=suggestions` (staff): pending suggestions by tag "
    "key (themes, sdg_goals, ...), most confident first.",
)


class RecommendationOut(RecommendationRecord):
    """A recommendation of the list: its export record, and its suggestions if asked."""

    suggestions: dict[str, list[SuggestionOut]] | None = SUGGESTIONS_FIELD


class TagOut(Schema):
    taxonomy: str
    code: str
    label: str
    origin: str
    source: str
    confidence: float | None
    confirmed: bool


class RecommendationDetail(RecommendationOut):
    translations: dict[str, str]
    tags: list[TagOut] = Field(description="Imported, manual and confirmed tags: never a pending suggestion.")


class DocumentOut(Schema):
    id: int
    symbol: str
    title: str
    kind: str
    mechanism: str
    states: list[str]
    date: dt.date | None
    session: int | None
    cycle: int | None
    body_session: int | None
    language: str
    url: str


RecommendationPage = page_schema(RecommendationOut, "RecommendationPage")
DocumentPage = page_schema(DocumentOut, "DocumentPage")


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
    record["tags"] = [
        {
            "taxonomy": tag.term.taxonomy.slug,
            "code": tag.term.code,
            "label": tag.term.label,
            "origin": tag.origin,
            "source": tag.source,
            "confidence": tag.confidence,
            "confirmed": tag.confirmed,
        }
        for tag in rec.tags.all()
        if is_data_tag(tag)
    ]
    if suggestions:
        record["suggestions"] = suggestion_record(rec)
    return record


def document_record(document: Document) -> dict:
    return {
        "id": document.pk,
        "symbol": document.symbol,
        "title": document.title,
        "kind": document.kind,
        "mechanism": document.mechanism.code,
        "states": sorted(s.iso3 for s in document.states.all()),
        "date": document.date,
        "session": document.upr_session.number if document.upr_session_id else None,
        "cycle": document.cycle,
        "body_session": document.body_session,
        "language": document.language,
        "url": document.url,
    }


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
    return paginate(_documents(request), page, document_record)


@router.get("/documents/{int:document_id}", response={200: DocumentOut, 404: NotFound}, summary="One source document")
def get_document(request, document_id: int):
    document = _documents(request).filter(pk=document_id).first()
    if document is None:
        raise HttpError(404, _("No such document."))
    return document_record(document)
