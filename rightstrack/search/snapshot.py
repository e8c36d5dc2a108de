"""In-memory columns for facet counts and vectors for semantic search, per process.

Counting facets with SQL GROUP BYs over 250,000 recommendations and 1.7 million tags
costs hundreds of milliseconds per query; the same counts over numpy columns cost a few.
Each process keeps one snapshot and reloads it when ``IndexState`` says the database
changed (any write bumps it in the writer's transaction), so counts never go stale.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from rightstrack.recommendations.choices import Position, RecommendationType, TagOrigin
from rightstrack.recommendations.models import Recommendation, TagAssignment
from rightstrack.reference import choices as ref
from rightstrack.reference.models import Mechanism, State, Term, UPRSession
from rightstrack.search import embedding
from rightstrack.search.models import Embedding, IndexState

# Facets, in the order the sidebar shows them: (FilterSet parameter, taxonomy slug or None).
TAXONOMY_FACETS = {"theme": ref.UHRI_THEMES, "sdg_goal": ref.SDG_GOALS, "sdg_target": ref.SDG_TARGETS,
                   "affected_persons": ref.AFFECTED_PERSONS}
FACETS = ["country", "mechanism", "cycle", "session", "position", "type", "theme", "sdg_goal", "sdg_target",
          "affected_persons", "recommending_state", "tag_origin"]


@dataclass
class Facet:
    """One facet: value codes and labels, and (record index, value index) pairs."""

    codes: list[str]
    labels: list[str]
    rows: np.ndarray
    cols: np.ndarray

    def counts(self, mask: np.ndarray) -> np.ndarray:
        return np.bincount(self.cols[mask[self.rows]], minlength=len(self.codes))


@dataclass
class Snapshot:
    version: int
    ids: np.ndarray  # recommendation ids, ascending
    published: np.ndarray
    facets: dict[str, Facet] = field(default_factory=dict)

    def positions(self, ids: np.ndarray) -> np.ndarray:
        """Indexes in ``self.ids`` of the given ids (those absent are dropped)."""
        found = np.searchsorted(self.ids, ids)
        found = np.clip(found, 0, max(len(self.ids) - 1, 0))
        return found[self.ids[found] == ids] if len(self.ids) else found[:0]

    def mask_of(self, ids: np.ndarray) -> np.ndarray:
        mask = np.zeros(len(self.ids), dtype=bool)
        mask[self.positions(ids)] = True
        return mask


@dataclass
class Vectors:
    version: int
    ids: np.ndarray
    matrix: np.ndarray  # float32, one L2-normalised row per id


_lock = threading.Lock()
_cache: dict[str, object] = {}


def versions() -> tuple[int, int]:
    row = IndexState.objects.filter(pk=1).values_list("version", "vectors_version").first()
    return row or (0, 0)


def current() -> Snapshot:
    """The facet snapshot of the database as it is now (reloaded if it changed)."""
    version = versions()[0]
    with _lock:
        snap = _cache.get("snapshot")
        if snap is None or snap.version != version:
            snap = _load_snapshot(version)
            _cache["snapshot"] = snap
        return snap


def current_vectors() -> Vectors:
    """The vectors of every embedded recommendation (reloaded if they changed)."""
    version = versions()[1]
    with _lock:
        vectors = _cache.get("vectors")
        if vectors is None or vectors.version != version:
            vectors = _load_vectors(version)
            _cache["vectors"] = vectors
        return vectors


def clear() -> None:
    with _lock:
        _cache.clear()


def _fetch(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _single(ids: np.ndarray, values: list, labels: dict) -> Facet:
    """A facet with at most one value per record (None: no value)."""
    codes = sorted({v for v in values if v is not None}, key=lambda v: (str(type(v)), v))
    index = {code: i for i, code in enumerate(codes)}
    rows = np.array([i for i, v in enumerate(values) if v is not None], dtype=np.int64)
    cols = np.array([index[v] for v in values if v is not None], dtype=np.int64)
    return Facet([str(c) for c in codes], [str(labels.get(c, c)) for c in codes], rows, cols)


def _pairs(snap_ids: np.ndarray, pairs: list[tuple[int, object]], labels: dict, order: list | None = None) -> Facet:
    """A many-valued facet from (recommendation id, value) pairs."""
    pairs = list(dict.fromkeys(pairs))
    values = order if order is not None else sorted({v for _r, v in pairs}, key=str)
    index = {code: i for i, code in enumerate(values)}
    kept = [(r, index[v]) for r, v in pairs if v in index]
    rec_ids = np.array([r for r, _v in kept], dtype=np.int64)
    rows = np.searchsorted(snap_ids, rec_ids)
    return Facet([str(v) for v in values], [str(labels.get(v, v)) for v in values], rows,
                 np.array([c for _r, c in kept], dtype=np.int64))


def _load_snapshot(version: int) -> Snapshot:
    rec = Recommendation._meta.db_table
    rows = _fetch(f"SELECT id, state_id, mechanism_id, cycle, upr_session_id, position, type, is_published "
                  f"FROM {rec} ORDER BY id")
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    snap = Snapshot(version, ids, np.array([bool(r[7]) for r in rows], dtype=bool))
    states = dict(State.objects.values_list("pk", "iso3"))
    state_names = dict(State.objects.values_list("iso3", "name"))
    mechanisms = dict(Mechanism.objects.values_list("pk", "code"))
    sessions = dict(UPRSession.objects.values_list("pk", "number"))
    snap.facets["country"] = _single(ids, [states.get(r[1]) for r in rows], state_names)
    snap.facets["mechanism"] = _single(ids, [mechanisms.get(r[2]) for r in rows], {})
    snap.facets["cycle"] = _single(ids, [r[3] for r in rows], {})
    snap.facets["session"] = _single(ids, [sessions.get(r[4]) for r in rows], {})
    snap.facets["position"] = _single(ids, [r[5] for r in rows], dict(Position.choices))
    snap.facets["type"] = _single(ids, [r[6] for r in rows], dict(RecommendationType.choices))
    _load_tags(snap)
    through = Recommendation.recommending_states.through._meta.db_table
    made = [(r, states[s]) for r, s in _fetch(f"SELECT recommendation_id, state_id FROM {through}")]
    snap.facets["recommending_state"] = _pairs(ids, made, state_names)
    return snap


def _load_tags(snap: Snapshot) -> None:
    terms = {pk: (slug, code, label) for pk, slug, code, label in
             Term.objects.filter(taxonomy__slug__in=TAXONOMY_FACETS.values())
             .values_list("pk", "taxonomy__slug", "code", "label").order_by("position", "code")}
    by_slug: dict[str, list[tuple[int, str]]] = {slug: [] for slug in TAXONOMY_FACETS.values()}
    origins: list[tuple[int, str]] = []
    for rec_id, term_id, origin in _fetch(f"SELECT recommendation_id, term_id, origin FROM {TagAssignment._meta.db_table}"):
        origins.append((rec_id, origin))
        term = terms.get(term_id)
        if term is not None:
            by_slug[term[0]].append((rec_id, term[1]))
    for name, slug in TAXONOMY_FACETS.items():
        order = [code for s, code, _label in terms.values() if s == slug]
        labels = {code: label for s, code, label in terms.values() if s == slug}
        snap.facets[name] = _pairs(snap.ids, by_slug[slug], labels, order)
    snap.facets["tag_origin"] = _pairs(snap.ids, origins, dict(TagOrigin.choices), list(TagOrigin.values))


def _load_vectors(version: int) -> Vectors:
    embedded = Embedding.objects.filter(model=embedding.MODEL_NAME)
    count = embedded.count()
    ids = np.zeros(count, dtype=np.int64)
    # Filled row by row: joining 250,000 blobs first would hold every vector twice.
    half = np.zeros((count, embedding.DIMENSIONS), dtype=np.float16)
    n = 0
    for pk, blob in embedded.order_by("pk").values_list("pk", "vector").iterator(chunk_size=5000):
        if n == count:
            break  # rows added since the count: the next version will load them
        ids[n] = pk
        half[n] = np.frombuffer(bytes(blob), dtype=np.float16)
        n += 1
    return Vectors(version, ids[:n], half[:n].astype(np.float32))
