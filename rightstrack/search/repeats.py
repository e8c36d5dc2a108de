"""Similar and repeated recommendations: nearest neighbours and groups by meaning.

Two recommendations are compared by the cosine of their sentence vectors (multilingual,
so the same paragraph in two languages is close). Repeats are looked for among the
recommendations to the same State, where an NMRF's duplicates live (the same demand
made again in the next cycle, by another recommending State or by a treaty body).
Thresholds are calibrated on judged real pairs: see ``benchmarks/search_eval.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Cosine at or above which two recommendations to one State count as the same demand:
# the best F1 on the calibration half of Slovenia's judged pairs (benchmarks/search_eval.py
# reports precision and recall on the other half).
REPEAT_THRESHOLD = 0.55
# "Similar" lists go lower: related demands worth a look, not only repeats.
SIMILAR_FLOOR = 0.40


@dataclass
class Neighbour:
    pk: int
    score: float


def nearest(
    vector: np.ndarray,
    ids: np.ndarray,
    matrix: np.ndarray,
    limit: int,
    exclude: int | None = None,
    floor: float = SIMILAR_FLOOR,
    hidden: np.ndarray | None = None,
) -> list[Neighbour]:
    """The ``limit`` rows of ``matrix`` closest to ``vector`` with cosine ≥ ``floor``;
    ``exclude`` and the ids in ``hidden`` (sorted) never appear."""
    if not len(ids):
        return []
    scores = matrix @ vector
    if exclude is not None:
        scores[ids == exclude] = -1.0
    if hidden is not None and len(hidden):
        scores[np.isin(ids, hidden, assume_unique=True)] = -1.0
    top = min(limit, len(ids))
    best = np.argpartition(-scores, top - 1)[:top]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [Neighbour(int(ids[i]), float(scores[i])) for i in best if scores[i] >= floor]


def similar_pairs(matrix: np.ndarray, threshold: float, block: int = 2048) -> list[tuple[int, int, float]]:
    """Every pair of rows (i < j) with cosine ≥ threshold, computed a block at a time so
    memory stays at block × n floats."""
    pairs = []
    n = len(matrix)
    for start in range(0, n, block):
        scores = matrix[start : start + block] @ matrix[start:].T
        rows, cols = np.nonzero(np.triu(scores >= threshold, 1))
        values = scores[rows, cols].tolist()
        pairs.extend(zip((rows + start).tolist(), (cols + start).tolist(), values, strict=False))
    return pairs


def group_rows(
    matrix: np.ndarray, threshold: float = REPEAT_THRESHOLD, forbidden: set[tuple[int, int]] = frozenset()
) -> list[list[int]]:
    """Groups (lists of row indexes, two or more) by average linkage: pairs at or above the
    threshold are taken best first, and two groups join only if their members' mean
    similarity stays at or above it (single links would chain loosely related texts into
    one large group). A ``forbidden`` pair (a person split them) never links.

    The mean similarity of two groups is the dot product of their summed vectors divided
    by the number of pairs, so each check costs one dot product whatever the sizes.
    """
    members: dict[int, list[int]] = {}
    sums: dict[int, np.ndarray] = {}
    group_of = list(range(len(matrix)))
    for i, j, _score in sorted(similar_pairs(matrix, threshold), key=lambda p: -p[2]):
        a, b = group_of[i], group_of[j]
        if a == b or (i, j) in forbidden:
            continue
        left, right = members.get(a, [a]), members.get(b, [b])
        if len(left) * len(right) > 1:
            mean = float(sums.get(a, matrix[a]) @ sums.get(b, matrix[b])) / (len(left) * len(right))
            if mean < threshold:
                continue
        if forbidden and any((min(x, y), max(x, y)) in forbidden for x in left for y in right):
            continue
        sums[a] = sums.get(a, matrix[a]) + sums.pop(b, matrix[b])
        members.pop(b, None)
        members[a] = left + right
        for row in right:
            group_of[row] = a
    return [sorted(rows) for rows in members.values() if len(rows) > 1]


def cohesion(matrix: np.ndarray, rows: list[int]) -> tuple[float, list[float]]:
    """The lowest similarity of a member to the group's centre, and each member's."""
    centre = matrix[rows].mean(axis=0)
    centre /= max(float(np.linalg.norm(centre)), 1e-12)
    scores = (matrix[rows] @ centre).tolist()
    return min(scores), scores
