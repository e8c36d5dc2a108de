"""Reads of recommendations, with the visibility rule every reader obeys."""
from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from rightstrack.recommendations.choices import DocumentKind
from rightstrack.recommendations.models import Document, Recommendation, TagAssignment
from rightstrack.reference.selectors import StateResolver


class _Operator:
    """The person at the command line: they hold the database, so they see everything."""

    is_authenticated = True
    is_superuser = is_staff = True
    pk = None


OPERATOR = _Operator()


def visible_recommendations(user) -> QuerySet[Recommendation]:
    """Recommendations this user may see: all for a signed-in user, published ones otherwise."""
    queryset = Recommendation.objects.all()
    if not (user and user.is_authenticated):
        queryset = queryset.filter(is_published=True)
    return queryset


def visible_documents(user) -> QuerySet[Document]:
    """Documents this user may see: all for a signed-in user; otherwise those with at
    least one recommendation the user may see (a document alone reveals no draft)."""
    queryset = Document.objects.all()
    if not (user and user.is_authenticated):
        queryset = queryset.filter(pk__in=visible_recommendations(user).values("document_id"))
    return queryset


def with_details(queryset: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    """Load what lists, detail pages and exports show, in a fixed number of queries."""
    return queryset.select_related("document", "mechanism", "state", "upr_session").prefetch_related(
        "recommending_states",
        "translations",
        Prefetch("tags", queryset=TagAssignment.objects.select_related("term__taxonomy").order_by("term__position")),
    )


def recommendation_for(user, pk: int) -> Recommendation:
    """One recommendation the user may see; raises Recommendation.DoesNotExist otherwise."""
    return with_details(visible_recommendations(user)).get(pk=pk)


def tags_by_taxonomy(recommendation: Recommendation) -> dict[str, list[TagAssignment]]:
    """The recommendation's tags grouped by taxonomy slug (uses the prefetched tags)."""
    grouped: dict[str, list[TagAssignment]] = {}
    for tag in recommendation.tags.all():
        grouped.setdefault(tag.term.taxonomy.slug, []).append(tag)
    return grouped


def working_group_report_symbols(state: str, session: int) -> list[str]:
    """Symbols of the stored UPR Working Group reports (not their addenda) on ``state``
    (a name or ISO3 code, as a source writes it) from Working Group session ``session``:
    normally one; none when the State is unknown or no such report is stored."""
    found = StateResolver().get(state)
    if found is None:
        return []
    reports = Document.objects.filter(kind=DocumentKind.WORKING_GROUP_REPORT, upr_session__number=session,
                                      states=found)
    return list(reports.order_by("symbol").values_list("symbol", flat=True))
