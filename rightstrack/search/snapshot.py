"""In-memory columns for facet counts and vectors for semantic search, per process.

Counting facets with SQL GROUP BYs over 250,000 recommendations and 1.7 million tags
costs hundreds of milliseconds per query; the same counts over numpy columns cost a few.
Each process keeps one snapshot and reloads it when ``IndexState`` says the database
changed (any write bumps it in the writer's transaction), so counts never go stale.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from rightstrack.core import budget
from rightstrack.recommendations.choices import Position, RecommendationType, TagOrigin
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.selectors import data_tags
from rightstrack.reference import choices as ref
from rightstrack.reference.models import Mechanism, State, Term, UPRSession
from rightstrack.search import embedding
from rightstrack.search.models import Embedding, IndexState

# Facets, in the order the sidebar shows them: (FilterSet parameter, taxonomy slug or None).
TAXONOMY_FACETS = {
    "theme": ref.UHRI_THEMES,
    "sdg_goal": ref.SDG_GOALS,
    "sdg_target": ref.SDG_TARGETS,
    "affected_persons": ref.AFFECTED_PERSONS,
}
FACETS = [
    "country",
    "mechanism",
    "cycle",
    "session",
    "position",
    "type",
    "theme",
    "sdg_goal",
    "sdg_target",
    "affected_persons",
    "recommending_state",
    "tag_origin",
]


@dataclass
class Facet:
    """One facet: value codes and labels, and (record index, value index) pairs, also
    grouped by record (``indptr``/``values``, as in a CSR matrix)."""

    codes: list[str]
    labels: list[str]
    rows: np.ndarray
    cols: np.ndarray
    indptr: np.ndarray = None
    values: np.ndarray = None

    def group_by_record(self, n: int) -> Facet:
        order = np.argsort(self.rows, kind="stable")
        self.values = self.cols[order]
        self.indptr = np.searchsorted(self.rows[order], np.arange(n + 1))
        return self

    def having(self, codes, n: int) -> np.ndarray:
        """Mask of the records with any of these values (a filter of this facet)."""
        index = {code: i for i, code in enumerate(self.codes)}
        chosen = [index[str(c)] for c in codes if str(c) in index]
        mask = np.zeros(n, dtype=bool)
        mask[self.rows[np.isin(self.cols, chosen)]] = True
        return mask

    def counts(self, mask: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Value counts over the records of ``positions`` (``mask`` marks the same records)."""
        if len(positions) * 4 > len(mask):
            # A large share of the records: one pass over every pair is cheapest.
            return np.bincount(self.cols[mask[self.rows]], minlength=len(self.codes))
        starts = self.indptr[positions]
        lengths = self.indptr[positions + 1] - starts
        total = int(lengths.sum())
        if not total:
            return np.zeros(len(self.codes), dtype=np.int64)
        # The concatenated slices values[start:start+length] of every matched record.
        offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        return np.bincount(self.values[offsets + np.arange(total)], minlength=len(self.codes))


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
LOAD_SECONDS = 600  # a load's own time budget in a web request (core.budget)


def versions() -> tuple[int, int]:
    row = IndexState.objects.filter(pk=1).values_list("version", "vectors_version").first()
    return row or (0, 0)


def current() -> Snapshot:
    """The facet snapshot of the database as it is now (reloaded if it changed)."""
    return _cached("snapshot", versions()[0], _load_snapshot)


def current_vectors() -> Vectors:
    """The vectors of every embedded recommendation (reloaded if they changed)."""
    return _cached("vectors", versions()[1], _load_vectors)


def _cached(key: str, version: int, load):
    with _lock:
        value = _cache.get(key)
        if value is None or value.version != version:
            # Loading serves every later search of this process (seconds at 250,000
            # recommendations): stopped half-way by one request's budget, it would
            # start again at the next and never finish.
            budget.allow(LOAD_SECONDS)
            value = load(version)
            _cache[key] = value
        return value


def _fetch(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _int_columns(sql: str, width: int, params=()) -> np.ndarray:
    """An integer result as an (n, width) array, NULL as -1, without a Python object per value."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        flat = np.fromiter(itertools.chain.from_iterable(cursor.fetchall()), dtype=np.int64)
    return flat.reshape(-1, width)


def _facet(snap_ids: np.ndarray, rec_ids: np.ndarray, keys: np.ndarray, codes: list, labels: dict) -> Facet:
    """A facet from parallel arrays of recommendation ids and value keys; ``codes`` lists
    the values in display order, ``keys`` indexes into it (-1: no value)."""
    rows = np.clip(np.searchsorted(snap_ids, rec_ids), 0, max(len(snap_ids) - 1, 0))
    # A row written between two of the loading queries belongs to the next snapshot.
    kept = (keys >= 0) & (snap_ids[rows] == rec_ids) if len(snap_ids) else keys[:0] >= 0
    return Facet(
        [str(c) for c in codes], [str(labels.get(c, c)) for c in codes], rows[kept], keys[kept]
    ).group_by_record(len(snap_ids))


def _lookup(pk_to_code: dict, values: np.ndarray) -> tuple[np.ndarray, list]:
    """Map database ids (or small integers) to indexes of the sorted codes they stand for."""
    codes = sorted(set(pk_to_code.values()), key=str)
    index = {code: i for i, code in enumerate(codes)}
    table = np.full(max([*pk_to_code, 0]) + 2, -1, dtype=np.int64)
    for pk, code in pk_to_code.items():
        table[pk] = index[code]
    return table[np.where(values >= 0, values, len(table) - 1)], codes


def _load_snapshot(version: int) -> Snapshot:
    rec = Recommendation._meta.db_table
    cols = _int_columns(
        f"SELECT id, COALESCE(state_id, -1), mechanism_id, COALESCE(cycle, -1), "
        f"COALESCE(upr_session_id, -1), CASE WHEN is_published THEN 1 ELSE 0 END FROM {rec} ORDER BY id",
        6,
    )
    ids = cols[:, 0].copy()
    snap = Snapshot(version, ids, cols[:, 5] == 1)
    state_codes = dict(State.objects.values_list("pk", "iso3"))
    state_names = dict(State.objects.values_list("iso3", "name"))
    for name, column, mapping, labels in (
        ("country", 1, state_codes, state_names),
        ("mechanism", 2, dict(Mechanism.objects.values_list("pk", "code")), {}),
        ("session", 4, dict(UPRSession.objects.values_list("pk", "number")), {}),
    ):
        keys, codes = _lookup(mapping, cols[:, column])
        snap.facets[name] = _facet(ids, ids, keys, codes, labels)
    cycles = sorted({int(c) for c in np.unique(cols[:, 3]) if c >= 0})
    keys, _codes = _lookup({c: c for c in cycles}, cols[:, 3])
    snap.facets["cycle"] = _facet(ids, ids, keys, cycles, {})
    for name, column, choices in (
        ("position", "position", Position.choices),
        ("type", "type", RecommendationType.choices),
    ):
        values = [v for (v,) in _fetch(f"SELECT {column} FROM {rec} ORDER BY id")]
        codes = [c for c, _label in choices]
        index = {c: i for i, c in enumerate(codes)}
        keys = np.fromiter((index.get(v, -1) for v in values), dtype=np.int64, count=len(values))
        snap.facets[name] = _facet(ids, ids, keys, codes, dict(choices))
    _load_tags(snap)
    through = Recommendation.recommending_states.through._meta.db_table
    made = _int_columns(f"SELECT recommendation_id, state_id FROM {through}", 2)
    keys, codes = _lookup(state_codes, made[:, 1])
    snap.facets["recommending_state"] = _facet(ids, made[:, 0], keys, codes, state_names)
    return snap


def _load_tags(snap: Snapshot) -> None:
    terms = list(
        Term.objects.filter(taxonomy__slug__in=TAXONOMY_FACETS.values())
        .values_list("pk", "taxonomy__slug", "code", "label")
        .order_by("position", "code")
    )
    # Facets count and filter data tags only: a pending suggestion is no fact about a
    # recommendation (recommendations.selectors.DATA_TAGS; the FilterSet agrees).
    tags = data_tags().order_by()
    sql, params = tags.values_list("recommendation_id", "term_id").query.sql_with_params()
    pairs = _int_columns(sql, 2, params)
    for name, slug in TAXONOMY_FACETS.items():
        chosen = [(pk, code, label) for pk, s, code, label in terms if s == slug]
        table = np.full(max([pk for pk, _c, _l in chosen] + [0]) + 2, -1, dtype=np.int64)
        for i, (pk, _code, _label) in enumerate(chosen):
            table[pk] = i
        keys = table[np.minimum(pairs[:, 1], len(table) - 1)]
        snap.facets[name] = _facet(
            snap.ids, pairs[:, 0], keys, [c for _p, c, _l in chosen], {c: label for _p, c, label in chosen}
        )
    origins = list(TagOrigin.values)
    found = _fetch(*tags.values_list("recommendation_id", "origin").distinct().query.sql_with_params())
    rec_ids = np.fromiter((r for r, _o in found), dtype=np.int64, count=len(found))
    keys = np.fromiter((origins.index(o) for _r, o in found), dtype=np.int64, count=len(found))
    snap.facets["tag_origin"] = _facet(snap.ids, rec_ids, keys, origins, dict(TagOrigin.choices))


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
