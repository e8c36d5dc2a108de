"""Reads of recommendations, with the visibility rules every reader obeys: which
recommendations a user may see, and which of their tags are data.

Machines suggest, people decide: a classifier's tag nobody has confirmed yet is a
*suggestion*, never data. Exports, API records, the UHRI-layout export, public pages,
facets and counts carry the *data tags* only (imported, entered by a person, or a
suggestion a person confirmed); ``DATA_TAGS``/``is_data_tag`` below are the one place
that says so. Suggestions are shown to staff, marked as suggestions, and exported only
on request (``rightstrack export --include-suggestions``, ``?include=suggestions``).
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from rightstrack.core.permissions import can
from rightstrack.recommendations.choices import DocumentKind, TagOrigin
from rightstrack.recommendations.models import Document, Recommendation, TagAssignment
from rightstrack.reference.selectors import StateResolver

# Positive conditions only: across a relation (``tags__``), a negated condition would
# mean "no tag of the recommendation is ...", not "this tag is not ...".
_VOUCHED_ORIGINS = [origin for origin in TagOrigin.values if origin != TagOrigin.AUTOMATIC]


def data_tags_q(prefix: str = "") -> Q:
    """The tags that are data, as a filter: anything but a classifier's suggestion nobody
    confirmed. ``data_tags_q("tags__")`` filters recommendations by their data tags (put
    it in the same ``filter()`` as the other ``tags__`` conditions, so that they all
    hold for the same tag). ``is_data_tag`` says the same of one loaded tag."""
    return Q(**{f"{prefix}origin__in": _VOUCHED_ORIGINS}) | Q(**{f"{prefix}confirmed": True})


#: ``data_tags_q()`` of TagAssignment itself.
DATA_TAGS = data_tags_q()


def data_tags(queryset: QuerySet[TagAssignment] | None = None) -> QuerySet[TagAssignment]:
    """The tags that are data (of ``queryset``, all tags by default)."""
    return (TagAssignment.objects.all() if queryset is None else queryset).filter(DATA_TAGS)


def is_data_tag(tag: TagAssignment) -> bool:
    """Whether this tag is data (``DATA_TAGS`` for a tag already loaded)."""
    return tag.origin != TagOrigin.AUTOMATIC or tag.confirmed


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


def with_details(queryset: QuerySet[Recommendation], *, suggestions: bool = False) -> QuerySet[Recommendation]:
    """Load what lists, detail pages and exports show, in a fixed number of queries.
    The prefetched tags are the data tags only unless ``suggestions`` is asked for, so
    that nothing reading ``rec.tags.all()`` for an export or a visitor finds one."""
    tags = TagAssignment.objects.order_by("term__position")
    # Terms and taxonomies are prefetched, not joined: a page of fifty recommendations has
    # some 300 tags but a few dozen terms, each then made once, not once per tag.
    return queryset.select_related("document", "mechanism", "state", "upr_session").prefetch_related(
        "recommending_states",
        "translations",
        Prefetch("tags", queryset=tags if suggestions else data_tags(tags)),
        "tags__term__taxonomy",
    )


def recommendation_for(user, pk: int) -> Recommendation:
    """One recommendation the user may see, with the tags the user may see (suggestions
    for staff only); raises Recommendation.DoesNotExist otherwise."""
    return with_details(visible_recommendations(user), suggestions=can(user, "recommendations.see_suggestions")).get(
        pk=pk
    )


def tags_by_taxonomy(recommendation: Recommendation) -> dict[str, list[TagAssignment]]:
    """The recommendation's data tags grouped by taxonomy slug (uses the prefetched
    tags); suggestions are left out (see ``suggestions_by_taxonomy``)."""
    grouped: dict[str, list[TagAssignment]] = {}
    for tag in recommendation.tags.all():
        if is_data_tag(tag):
            grouped.setdefault(tag.term.taxonomy.slug, []).append(tag)
    return grouped


def suggestions_by_taxonomy(recommendation: Recommendation) -> dict[str, list[TagAssignment]]:
    """The recommendation's pending suggestions grouped by taxonomy slug, most confident
    first (uses the prefetched tags)."""
    grouped: dict[str, list[TagAssignment]] = {}
    for tag in sorted(recommendation.tags.all(), key=lambda t: -(t.confidence or 0)):
        if not is_data_tag(tag):
            grouped.setdefault(tag.term.taxonomy.slug, []).append(tag)
    return grouped


def data_tag_groups(recommendation: Recommendation) -> list[tuple]:
    """(taxonomy, [tags]) of the recommendation's data tags, taxonomies by name: the tag
    panel of a page for someone who may not see suggestions."""
    tags = data_tags(recommendation.tags.select_related("term__taxonomy")).order_by(
        "term__taxonomy__name", "term__position", "term__code"
    )
    groups: dict = {}
    for tag in tags:
        groups.setdefault(tag.term.taxonomy, []).append(tag)
    return list(groups.items())


def working_group_report_symbols(state: str, session: int) -> list[str]:
    """Symbols of the stored UPR Working Group reports (not their addenda) on ``state``
    (a name or ISO3 code, as a source writes it) from Working Group session ``session``:
    normally one; none when the State is unknown or no such report is stored."""
    found = StateResolver().get(state)
    if found is None:
        return []
    reports = Document.objects.filter(kind=DocumentKind.WORKING_GROUP_REPORT, upr_session__number=session, states=found)
    return list(reports.order_by("symbol").values_list("symbol", flat=True))
