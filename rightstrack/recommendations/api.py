"""REST API of recommendations and their source documents (read-only).

A recommendation reads as its export record (``reports.exporters.export_record``): same
keys, same order, so a script can switch between the API and ``rightstrack export``.
Who sees what is the selectors' rule: published recommendations for anonymous callers,
everything for a signed-in user or a token.
"""
import datetime as dt

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from rightstrack.api.auth import api_user
from rightstrack.api.errors import BadRequest, NotFound, reject_unknown
from rightstrack.api.filters import filter_query_schema
from rightstrack.api.paging import PARAMETERS as PAGE_PARAMETERS, PageParams, page_schema, paginate
from rightstrack.recommendations.filtersets import RecommendationFilterSet
from rightstrack.recommendations.models import Document, Recommendation
from rightstrack.recommendations.selectors import recommendation_for, visible_documents, with_details
from rightstrack.reports.exporters import export_record
from rightstrack.reports.services import filtered_recommendations

router = Router(tags=["recommendations"])

# Exactly the FilterSet's filters, derived from it (see api.filters).
RecommendationQuery = filter_query_schema(RecommendationFilterSet, "RecommendationQuery")
FILTER_PARAMETERS = frozenset(RecommendationFilterSet.base_filters)


class RecommendationOut(Schema):
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
    tags: list[TagOut]


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


def detail_record(rec: Recommendation) -> dict:
    record = export_record(rec)
    record["tags"] = [
        {"taxonomy": tag.term.taxonomy.slug, "code": tag.term.code, "label": tag.term.label, "origin": tag.origin,
         "source": tag.source, "confidence": tag.confidence, "confirmed": tag.confirmed}
        for tag in rec.tags.all()
    ]
    return record


def document_record(document: Document) -> dict:
    return {
        "id": document.pk, "symbol": document.symbol, "title": document.title, "kind": document.kind,
        "mechanism": document.mechanism.code, "states": sorted(s.iso3 for s in document.states.all()),
        "date": document.date, "session": document.upr_session.number if document.upr_session_id else None,
        "cycle": document.cycle, "body_session": document.body_session, "language": document.language,
        "url": document.url,
    }


@router.get("/recommendations", response={200: RecommendationPage, 400: BadRequest},
            summary="List recommendations, filtered like the web list")
def list_recommendations(request, filters: Query[RecommendationQuery], page: Query[PageParams]):
    """Recommendations in id order, one page at a time; the filters are those of the
    web list. Anonymous callers see published recommendations only."""
    reject_unknown(request, FILTER_PARAMETERS | PAGE_PARAMETERS)
    return paginate(with_details(filtered(request, filters)), page, export_record)


@router.get("/recommendations/{recommendation_id}", response={200: RecommendationDetail, 404: NotFound},
            summary="One recommendation, with its translations and tags")
def get_recommendation(request, recommendation_id: int):
    """Tags say where they came from (origin, source, a classifier's confidence) and
    whether a person confirmed them. An unpublished recommendation is 404 for anonymous callers."""
    try:
        rec = recommendation_for(api_user(request), recommendation_id)
    except Recommendation.DoesNotExist:
        raise HttpError(404, _("No such recommendation.")) from None
    return detail_record(rec)


def _documents(request):
    return visible_documents(api_user(request)).select_related("mechanism", "upr_session").prefetch_related("states")


@router.get("/documents", response={200: DocumentPage, 400: BadRequest}, summary="List source documents")
def list_documents(request, page: Query[PageParams]):
    """Documents in id order. Anonymous callers see the documents that have at least one
    published recommendation; filter recommendations by ``document=SYMBOL`` to list them."""
    reject_unknown(request, PAGE_PARAMETERS)
    return paginate(_documents(request), page, document_record)


@router.get("/documents/{document_id}", response={200: DocumentOut, 404: NotFound}, summary="One source document")
def get_document(request, document_id: int):
    document = _documents(request).filter(pk=document_id).first()
    if document is None:
        raise HttpError(404, _("No such document."))
    return document_record(document)
