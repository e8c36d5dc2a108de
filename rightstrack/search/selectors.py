"""Reads of the search app: keyword, semantic and hybrid search with facet counts.

The filters are the recommendations FilterSet's (one FilterSet for the list, the API and
the exports); the keyword match is the database's full-text engine; the facet counts and
the vector scores come from the in-memory ``snapshot``. Anonymous users search published
recommendations only, like every other reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from rightstrack.core.errors import RightstrackError
from rightstrack.recommendations.filtersets import RecommendationFilterSet, list_filterset
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.selectors import visible_recommendations, with_details
from rightstrack.search import analysis, embedding, engine, repeats, snapshot
from rightstrack.search import query as q
from rightstrack.search.choices import SearchMode

SEMANTIC_POOL = 200  # how many nearest recommendations a meaning search returns at most
SEMANTIC_FLOOR = 0.25  # below this cosine a text is unrelated (USE multilingual v3)
RRF_K = 60  # reciprocal rank fusion constant (Cormack et al., 2009)


class InvalidSearch(RightstrackError):
    """A filter value or search text that cannot be used; the message names it."""


@dataclass
class FacetValue:
    code: str
    label: str
    count: int
    selected: bool


@dataclass
class Hit:
    recommendation: Recommendation
    score: float
    highlighted: SafeString


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    mode: str = SearchMode.KEYWORD
    not_embedded: int = 0


def _filterset(user, params) -> RecommendationFilterSet:
    data = params.copy() if hasattr(params, "copy") else dict(params)
    filterset = list_filterset().for_user(data, user)
    if not filterset.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
        raise InvalidSearch(f"invalid filter: {problems}")
    return filterset


def _given(value) -> bool:
    """Whether a cleaned filter value selects anything (an empty QuerySet or list does not)."""
    if value is None or value == "":
        return False
    return len(value) > 0 if hasattr(value, "__len__") and not isinstance(value, str) else True


def _candidates(user, filterset: RecommendationFilterSet, selected: dict, snap: snapshot.Snapshot) -> np.ndarray:
    """Mask over the snapshot of what the filters (not the words) let through.

    Filters on facet values are applied to the snapshot's columns, as the facet counts
    are (a filter through SQL would list every id it keeps: a second or so for "all of
    the UPR" at 250,000); the others (document, follow-up) go through the FilterSet's SQL.
    Tests check that both give the FilterSet's result.
    """
    if any(name not in snap.facets for name in selected):
        ids = np.fromiter(_without_words(user, filterset).values_list("pk", flat=True), dtype=np.int64)
        return snap.mask_of(ids)
    mask = np.ones(len(snap.ids), dtype=bool) if user and user.is_authenticated else snap.published.copy()
    for name, codes in selected.items():
        mask &= snap.facets[name].having(codes, len(snap.ids))
    return mask


def _without_words(user, filterset: RecommendationFilterSet):
    data = filterset.data.copy()
    data.pop("q", None)
    return list_filterset().for_user(data, user).qs


def _keyword(node, mask: np.ndarray, snap: snapshot.Snapshot) -> tuple[np.ndarray, np.ndarray]:
    """Matches the filters allow, best first; ``mask`` is narrowed to them in place
    (the facet counts of a keyword search are over exactly these)."""
    ids, scores = engine.match(node)
    found = np.clip(np.searchsorted(snap.ids, ids), 0, max(len(snap.ids) - 1, 0))
    keep = (snap.ids[found] == ids) & mask[found] if len(snap.ids) else np.zeros(len(ids), dtype=bool)
    mask[:] = False
    mask[found[keep]] = True
    return ids[keep], scores[keep]


def _semantic(text: str, mask: np.ndarray, snap: snapshot.Snapshot) -> tuple[np.ndarray, np.ndarray, int]:
    """The nearest allowed recommendations by meaning, best first, and how many allowed
    ones have no vector yet."""
    vectors = snapshot.current_vectors()
    allowed_ids = snap.ids[mask]
    rows = _rows_of(allowed_ids, vectors)
    not_embedded = len(allowed_ids) - len(rows)
    if not len(rows):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32), not_embedded
    scores = (
        vectors.matrix[rows] @ embedding.embed_query(text)
        if len(rows) < len(vectors.ids)
        else vectors.matrix @ embedding.embed_query(text)
    )
    top = min(SEMANTIC_POOL, len(rows))
    best = np.argpartition(-scores, top - 1)[:top]
    best = best[np.argsort(-scores[best], kind="stable")]
    best = best[scores[best] >= SEMANTIC_FLOOR]
    return vectors.ids[rows[best]], scores[best], not_embedded


def _fuse(keyword_ids: np.ndarray, semantic_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Reciprocal rank fusion of two ranked lists."""
    scores: dict[int, float] = {}
    for ranked in (keyword_ids[:SEMANTIC_POOL], semantic_ids):
        for rank, pk in enumerate(ranked.tolist()):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (RRF_K + rank + 1)
    # Keyword matches beyond the fused head keep their order after it.
    tail = [pk for pk in keyword_ids[SEMANTIC_POOL:].tolist() if pk not in scores]
    ordered = sorted(scores, key=lambda pk: -scores[pk]) + tail
    fused = [scores.get(pk, 0.0) for pk in ordered]
    return np.array(ordered, dtype=np.int64), np.array(fused, dtype=np.float32)


def facet_counts(snap: snapshot.Snapshot, mask: np.ndarray, selected: dict) -> dict[str, list[FacetValue]]:
    """Per facet, the values present in the result set with their counts (largest first)."""
    result = {}
    positions = np.flatnonzero(mask)
    for name in snapshot.FACETS:
        facet = snap.facets[name]
        counts = facet.counts(mask, positions)
        chosen = {str(v) for v in selected.get(name) or []}
        values = [
            FacetValue(facet.codes[i], facet.labels[i], int(counts[i]), facet.codes[i] in chosen)
            for i in np.flatnonzero(counts)
        ]
        values.sort(key=lambda v: (-v.count, v.label))
        result[name] = values
    return result


def _selected(filterset: RecommendationFilterSet) -> dict:
    """The filters given, as codes (``{"country": ["SVN"], "cycle": ["3"]}``); not the words."""
    selected = {}
    for name, value in filterset.form.cleaned_data.items():
        if name == "q" or not _given(value):
            continue
        values = value if isinstance(value, (list, tuple)) or hasattr(value, "model") else [value]
        selected[name] = [getattr(v, "iso3", None) or getattr(v, "code", None) or v for v in values]
    return selected


def search(
    user,
    params,
    *,
    mode: str = SearchMode.KEYWORD,
    limit: int = 20,
    offset: int = 0,
    facets: bool = True,
    details: bool = False,
) -> SearchResult:
    """Search recommendations the user may see.

    ``params`` are the FilterSet's parameters (``q`` the search text, ``country``,
    ``theme``…). ``mode`` is keyword, semantic or hybrid. ``details`` loads what an
    export record needs (tags, recommending States, translations) with each hit.
    Raises InvalidSearch naming the bad parameter.
    """
    filterset = _filterset(user, params)
    text = (filterset.form.cleaned_data.get("q") or "").strip()
    try:
        node = q.parse(text) if text else None
    except q.QueryError as exc:
        raise InvalidSearch(str(exc)) from exc
    if text and node is None:  # only signs: '"', "*", "-", "AND"
        raise InvalidSearch(
            _(
                "The search text has no word to look for: type a word, a phrase in quotes, or "
                "a word's start followed by *."
            )
        )
    snap = snapshot.current()
    selected = _selected(filterset)
    mask = _candidates(user, filterset, selected, snap)
    result = SearchResult(0, [], mode=mode)
    if not text:
        ids = _browse_ids(filterset, user, bool(selected), offset, limit)
        result.total = int(mask.sum())
        result.hits = _hits(user, ids, np.zeros(len(ids)), None, details)
        if facets:
            result.facets = facet_counts(snap, mask, selected)
        return result
    ids, scores = _ranked(node, text, mode, mask, snap, result)
    result.total = len(ids)
    page = slice(offset, offset + limit)
    result.hits = _hits(user, ids[page], scores[page], node, details)
    if facets:
        result.facets = facet_counts(snap, snap.mask_of(ids) if mode != SearchMode.KEYWORD else mask, selected)
    return result


def _ranked(node, text, mode, mask, snap, result) -> tuple[np.ndarray, np.ndarray]:
    if mode == SearchMode.KEYWORD:
        return _keyword(node, mask, snap)
    semantic_ids, semantic_scores, result.not_embedded = _semantic(text, mask, snap)
    if mode == SearchMode.SEMANTIC:
        return semantic_ids, semantic_scores
    keyword_ids, _scores = _keyword(node, mask, snap)
    return _fuse(keyword_ids, semantic_ids)


def _browse_ids(filterset, user, filtered: bool, offset: int, limit: int) -> list[int]:
    """Without search words, the filtered list in its usual order (newest first)."""
    queryset = filterset.qs if filtered else visible_recommendations(user)
    return list(queryset.values_list("pk", flat=True)[offset : offset + limit])


def _hits(user, ids, scores, node, details: bool) -> list[Hit]:
    ids = [int(i) for i in ids]
    # The visibility rule again, on the page itself: a snapshot a moment old never shows
    # an anonymous visitor a recommendation unpublished since.
    queryset = visible_recommendations(user).filter(pk__in=ids).order_by()  # the ranking orders them
    # A result list shows the text and a line of facts; tags and the rest are for exports.
    queryset = with_details(queryset) if details else queryset.select_related("document", "mechanism", "state")
    by_id = {rec.pk: rec for rec in queryset}
    wanted, prefixes = q.highlight_terms(node)
    hits = []
    for pk, score in zip(ids, scores, strict=False):
        rec = by_id.get(pk)
        if rec is not None:
            hits.append(Hit(rec, float(score), highlight(rec.text, rec.language, wanted, prefixes)))
    return hits


def highlight(text: str, language: str, wanted: set[str], prefixes: tuple[str, ...]) -> SafeString:
    """The text, escaped, with the words the query matched in <mark>."""
    if not wanted and not prefixes:
        return escape(text)
    parts, position = [], 0
    for start, end in analysis.highlight_spans(text, language, wanted, prefixes):
        parts += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


# --- similar and repeated recommendations -----------------------------------------


@dataclass
class Similar:
    recommendation: Recommendation
    score: float
    repeat: bool  # at or above the repeat threshold: very probably the same demand


def _vector_of(pk: int, vectors: snapshot.Vectors) -> np.ndarray:
    where = int(np.searchsorted(vectors.ids, pk))
    if where < len(vectors.ids) and vectors.ids[where] == pk:
        return vectors.matrix[where]
    return embedding.embed_query(Recommendation.objects.values_list("text", flat=True).get(pk=pk))


def _rows_of(ids: np.ndarray, vectors: snapshot.Vectors) -> np.ndarray:
    where = np.clip(np.searchsorted(vectors.ids, ids), 0, max(len(vectors.ids) - 1, 0))
    return where[vectors.ids[where] == ids] if len(vectors.ids) else where[:0]


def similar_to(user, pk: int, *, limit: int = 10, same_state: bool = True) -> list[Similar]:
    """The recommendations closest in meaning to recommendation ``pk`` that the user may
    see: to the same State (other cycles, other mechanisms), or to any State.
    Raises Recommendation.DoesNotExist when the user may not see ``pk``."""
    rec = visible_recommendations(user).only("pk", "state_id", "text").get(pk=pk)
    vectors = snapshot.current_vectors()
    vector = _vector_of(rec.pk, vectors)
    if same_state:
        allowed = np.fromiter(
            visible_recommendations(user).filter(state_id=rec.state_id).values_list("pk", flat=True), dtype=np.int64
        )
        allowed.sort()
        rows = _rows_of(allowed, vectors)
        found = repeats.nearest(vector, vectors.ids[rows], vectors.matrix[rows], limit, exclude=rec.pk)
    else:
        # Score every vector in place (a row selection would copy the whole matrix), then
        # drop what the user may not see.
        snap = snapshot.current()
        hidden = None if user and user.is_authenticated else snap.ids[~snap.published]
        found = repeats.nearest(vector, vectors.ids, vectors.matrix, limit, exclude=rec.pk, hidden=hidden)
    by_id = {r.pk: r for r in with_details(Recommendation.objects.filter(pk__in=[n.pk for n in found]))}
    return [Similar(by_id[n.pk], n.score, n.score >= repeats.REPEAT_THRESHOLD) for n in found if n.pk in by_id]


@dataclass
class ReviewLine:
    recommendation: Recommendation
    earlier: Recommendation | None
    score: float

    @property
    def repeated(self) -> bool:
        return self.earlier is not None


def review_repeats(user, document) -> list[ReviewLine]:
    """For each recommendation of a review (a document), the closest earlier
    recommendation to the same State if it makes the same demand: new vs repeated."""
    recs = list(with_details(visible_recommendations(user).filter(document=document)).order_by("paragraph_key"))
    if not recs:
        return []
    earlier = visible_recommendations(user).filter(state_id=recs[0].state_id).exclude(document=document)
    if document.date:
        earlier = earlier.filter(Q(date__lt=document.date) | Q(date=None, document__date__lt=document.date))
    else:
        earlier = earlier.filter(cycle__lt=recs[0].cycle or 0)
    vectors = snapshot.current_vectors()
    earlier_ids = np.fromiter(earlier.order_by("pk").values_list("pk", flat=True), dtype=np.int64)
    rows = _rows_of(earlier_ids, vectors)
    lines, best_ids = [], {}
    for rec in recs:
        match = (
            repeats.nearest(
                _vector_of(rec.pk, vectors), vectors.ids[rows], vectors.matrix[rows], 1, floor=repeats.REPEAT_THRESHOLD
            )
            if len(rows)
            else []
        )
        best_ids[rec.pk] = match[0] if match else None
    by_id = {
        r.pk: r for r in with_details(Recommendation.objects.filter(pk__in=[m.pk for m in best_ids.values() if m]))
    }
    for rec in recs:
        match = best_ids[rec.pk]
        lines.append(ReviewLine(rec, by_id.get(match.pk) if match else None, match.score if match else 0.0))
    return lines


def repeat_groups(user, country: str | None = None):
    """Groups of repeated recommendations with their members, largest first."""
    from django.db.models import Count, Prefetch

    from rightstrack.search.models import RepeatGroup, RepeatMember

    visible = visible_recommendations(user)
    groups = RepeatGroup.objects.select_related("state").annotate(size=Count("members"))
    if country:
        groups = groups.filter(state__iso3=country.upper())
    members = RepeatMember.objects.filter(recommendation__in=visible).select_related(
        "recommendation__document", "recommendation__mechanism"
    )
    return groups.prefetch_related(Prefetch("members", queryset=members)).order_by("-size", "-score", "pk")
