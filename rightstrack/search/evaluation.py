"""Measure search and repeat detection against judged sets (used by tests and benchmarks).

A judged query set lists, per query, the relevant recommendations (graded 2 or 1) keyed
"<document symbol>#<paragraph>"; a judged pair set says of pairs of recommendations
whether they make the same demand. Recall@k and nDCG@k follow their usual definitions
(gain = grade, log2 discount); precision and recall of repeats count judged pairs only.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import numpy as np

from rightstrack.core.permissions import OPERATOR
from rightstrack.recommendations.models import Recommendation
from rightstrack.search import repeats, selectors, snapshot


def keys_to_ids() -> dict[str, int]:
    """ "<symbol>#<paragraph>" → recommendation id, for every recommendation with both."""
    return {
        f"{symbol}#{paragraph}": pk
        for pk, symbol, paragraph in Recommendation.objects.exclude(document=None).values_list(
            "pk", "document__symbol", "paragraph"
        )
    }


def ndcg(ranked: list[str], grades: dict[str, int], k: int) -> float:
    gains = [grades.get(key, 0) for key in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int) -> float:
    relevant = {key for key, grade in grades.items() if grade > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


@dataclass
class QueryScores:
    n: int
    recall_at_k: float
    ndcg_at_k: float
    per_kind: dict[str, tuple[int, float, float]]


def evaluate_queries(queries: list[dict], mode: str, k: int = 10) -> QueryScores:
    """Mean recall@k and nDCG@k of ``mode`` over the judged queries (and per kind)."""
    ids = keys_to_ids()
    key_of = {pk: key for key, pk in ids.items()}
    rows: list[tuple[str, float, float]] = []
    for item in queries:
        result = selectors.search(OPERATOR, {"q": item["query"]}, mode=mode, limit=k, facets=False)
        ranked = [key_of.get(hit.recommendation.pk, "") for hit in result.hits]
        rows.append((item.get("kind", ""), recall(ranked, item["relevant"], k), ndcg(ranked, item["relevant"], k)))
    per_kind = {}
    for kind in sorted({r[0] for r in rows}):
        chosen = [r for r in rows if r[0] == kind]
        per_kind[kind] = (len(chosen), float(np.mean([r[1] for r in chosen])), float(np.mean([r[2] for r in chosen])))
    return QueryScores(len(rows), float(np.mean([r[1] for r in rows])), float(np.mean([r[2] for r in rows])), per_kind)


def split_half(pair: dict) -> str:
    """ "calibrate" or "test", fixed by a hash of the pair, so thresholds are never chosen
    on the pairs their precision and recall are reported on."""
    digest = hashlib.sha1(f"{pair['a']}|{pair['b']}".encode()).digest()
    return "calibrate" if digest[0] % 2 == 0 else "test"


@dataclass
class PairTruth:
    """The judged recommendations' vectors and, for every pair of them, judged same or not
    (pairs a judge did not list count as not the same: the judged set lists every repeat)."""

    keys: list[str]
    matrix: np.ndarray
    same: np.ndarray  # bool, n x n
    half: np.ndarray  # bool, n x n: True where the pair belongs to the "test" half


def pair_truth(pairs: list[dict]) -> PairTruth:
    ids = keys_to_ids()
    vectors = snapshot.current_vectors()
    position = {int(pk): i for i, pk in enumerate(vectors.ids.tolist())}
    keys = sorted({k for p in pairs for k in (p["a"], p["b"]) if ids.get(k) in position})
    index = {k: i for i, k in enumerate(keys)}
    matrix = np.stack([vectors.matrix[position[ids[k]]] for k in keys])
    same = np.zeros((len(keys), len(keys)), dtype=bool)
    for p in pairs:
        if p["same"] and p["a"] in index and p["b"] in index:
            same[index[p["a"]], index[p["b"]]] = same[index[p["b"]], index[p["a"]]] = True
    half = np.zeros_like(same)
    for i, a in enumerate(keys):
        for j in range(i + 1, len(keys)):
            half[i, j] = half[j, i] = split_half({"a": a, "b": keys[j]}) == "test"
    return PairTruth(keys, matrix, same, half)


def predicted_same(truth: PairTruth, threshold: float, grouped: bool) -> np.ndarray:
    """Pairs predicted the same: cosine ≥ threshold, or (``grouped``) in one dedupe group."""
    if not grouped:
        return truth.matrix @ truth.matrix.T >= threshold
    predicted = np.zeros(truth.same.shape, dtype=bool)
    for rows in repeats.group_rows(truth.matrix, threshold):
        predicted[np.ix_(rows, rows)] = True
    return predicted


def precision_recall(truth: PairTruth, threshold: float, half: str, grouped: bool = True) -> tuple[float, float, float]:
    """Precision, recall and F1 over every pair of one half at ``threshold``."""
    upper = np.triu(np.ones(truth.same.shape, dtype=bool), 1)
    chosen = upper & (truth.half if half == "test" else ~truth.half)
    predicted = predicted_same(truth, threshold, grouped) & chosen
    actual = truth.same & chosen
    tp = int((predicted & actual).sum())
    precision = tp / int(predicted.sum()) if predicted.any() else 0.0
    recall_ = tp / int(actual.sum()) if actual.any() else 0.0
    f1 = 2 * precision * recall_ / (precision + recall_) if precision + recall_ else 0.0
    return precision, recall_, f1


def best_threshold(truth: PairTruth, grouped: bool = True) -> float:
    """The threshold with the highest F1 on the calibration half."""
    grid = [round(0.40 + 0.025 * i, 3) for i in range(22)]
    return max(grid, key=lambda t: (precision_recall(truth, t, "calibrate", grouped)[2], t))
