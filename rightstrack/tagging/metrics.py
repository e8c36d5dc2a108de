"""Figures of a classifier against known labels: the keys ``evaluate --json`` prints."""

from __future__ import annotations

import numpy as np


def figures(
    truth: list[list[str]], predicted: list[list[str]], labels: list[str], *, multi: bool, ordinal: bool = False
) -> dict:
    """``n``, ``accuracy`` (exact match of the label set), ``micro_f1``, ``macro_f1``,
    ``samples_f1`` and ``per_label`` precision, recall, F1 and support; for an ordinal
    single-label taxonomy also ``confusion`` (rows: true label, columns: predicted, in
    ``labels`` order) and ``quadratic_kappa``.

    Labels of the truth that the model does not know count as missed (never dropped),
    so an unknown label lowers recall instead of flattering the figures.
    """
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    known = list(labels) + sorted({lb for row in truth for lb in row} - set(labels))
    T, P = label_matrix(truth, known), label_matrix(predicted, known)
    precision, recall, f1, support = precision_recall_fscore_support(T, P, average=None, zero_division=0)
    present = support > 0
    result = {
        "n": len(truth),
        "accuracy": round(
            float(np.mean([set(t) == set(p) for t, p in zip(truth, predicted, strict=False)])) if truth else 0.0, 4
        ),
        "micro_f1": round(float(f1_score(T, P, average="micro", zero_division=0)), 4),
        # Macro over the labels that occur in the truth: a label never seen in the test
        # set has no meaningful F1.
        "macro_f1": round(float(np.mean(f1[present])) if present.any() else 0.0, 4),
        "samples_f1": round(float(f1_score(T, P, average="samples", zero_division=0)), 4) if truth else 0.0,
        "per_label": {
            lb: {
                "precision": round(float(precision[i]), 4),
                "recall": round(float(recall[i]), 4),
                "f1": round(float(f1[i]), 4),
                "support": int(support[i]),
            }
            for i, lb in enumerate(known)
            if support[i] or P[:, i].any()
        },
    }
    if ordinal and not multi:
        result |= ordinal_figures(truth, predicted, labels)
    return result


def ordinal_figures(truth: list[list[str]], predicted: list[list[str]], labels: list[str]) -> dict:
    from sklearn.metrics import cohen_kappa_score, confusion_matrix

    t = [row[0] if row else "" for row in truth]
    p = [row[0] if row else "" for row in predicted]
    order = list(labels) + sorted(set(t) - set(labels) - {""})
    return {
        "labels": order,
        "confusion": confusion_matrix(t, p, labels=order).tolist(),
        "quadratic_kappa": round(float(cohen_kappa_score(t, p, labels=order, weights="quadratic")), 4),
    }


def label_matrix(label_lists: list[list[str]], labels: list[str]) -> np.ndarray:
    """Rows of 0/1 per label, in ``labels`` order; names outside ``labels`` are left out."""
    index = {lb: i for i, lb in enumerate(labels)}
    Y = np.zeros((len(label_lists), len(labels)), dtype=np.int8)
    for row, names in enumerate(label_lists):
        for name in names:
            if name in index:
                Y[row, index[name]] = 1
    return Y
