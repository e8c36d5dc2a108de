"""Measure a classifier on a labelled file without adding the file to the database.

Two kinds of test file:

- any file ``rightstrack import`` reads (UHRI export, UPR Info CSV, OHCHR list, a table
  with ``--columns``): each record's own labels of the taxonomy are the truth;
- a *binary* table (CSV with columns ``text``, ``sdg`` and ``label`` true/false, as the
  public SDG classification benchmarks are laid out): is goal ``sdg`` in the text?
  Accuracy is computed per goal and averaged over the goals.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rightstrack.core.errors import RightstrackError
from rightstrack.reference import choices as ref
from rightstrack.reference.models import Taxonomy
from rightstrack.reference.selectors import TermIndex
from rightstrack.tagging import learn
from rightstrack.tagging.choices import ORDINAL, TYPE
from rightstrack.tagging.metrics import figures


class EvaluationError(RightstrackError):
    pass


@dataclass
class TestSet:
    texts: list[str]
    labels: list[list[str]]


def read_test_file(path: Path, taxonomy: str, fmt: str = "auto", options=None) -> TestSet:
    """The texts of ``path`` that carry labels of ``taxonomy``, with those labels as
    term codes (a label the taxonomy does not know is kept as written: it counts as
    missed). Nothing is written to the database."""
    from rightstrack.ingest.registry import ImportOptions, read_file

    _fmt, parsed = read_file(Path(path), fmt, options or ImportOptions())
    index = _term_index(taxonomy)
    texts, labels = [], []
    for record in parsed.records:
        if taxonomy == TYPE:
            found = [record.type]
        else:
            found = list(dict.fromkeys(_code(index, v) for v in record.tags.get(taxonomy, [])))
        if found:
            texts.append(record.text)
            labels.append(found)
    if not texts:
        raise EvaluationError(f"{Path(path).name}: no record carries labels of {taxonomy!r}")
    return TestSet(texts, labels)


def _term_index(taxonomy: str) -> TermIndex | None:
    if taxonomy == TYPE:
        return None
    found = Taxonomy.objects.filter(slug=taxonomy).first()
    if found is None:
        raise EvaluationError(f"unknown taxonomy {taxonomy!r}")
    return TermIndex(found)


def _code(index: TermIndex | None, value: str) -> str:
    term = index.get(value) if index else None
    return term.code if term else value.strip()


def evaluate(model: learn.Model, test: TestSet) -> dict:
    """The figures of ``model`` on ``test`` (see ``metrics.figures``)."""
    from rightstrack.search import embedding

    vectors = embedding.embed(test.texts)
    predicted = [[label for label, _score in row] for row in model.predict(test.texts, vectors)]
    return figures(test.labels, predicted, model.labels, multi=model.multi, ordinal=model.taxonomy in ORDINAL)


# --- binary benchmark ---------------------------------------------------------------


def is_binary_file(path: Path) -> bool:
    """A CSV whose header has text, sdg and label columns."""
    if Path(path).suffix.lower() != ".csv":
        return False
    with open(path, encoding="utf-8-sig", newline="") as handle:
        header = {h.strip().lower() for h in next(csv.reader(handle), [])}
    return {"text", "sdg", "label"} <= header


def read_binary_file(path: Path) -> list[tuple[str, str, bool]]:
    """(text, goal, present) rows; errors name the row."""
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        data = handle.read()
    reader = csv.DictReader(io.StringIO(data))
    fields = {name.strip().lower(): name for name in reader.fieldnames or []}
    for number, row in enumerate(reader, start=2):
        text, goal, label = (row[fields[k]] or "" for k in ("text", "sdg", "label"))
        value = label.strip().lower()
        if value not in {"true", "false", "1", "0", "yes", "no"}:
            raise EvaluationError(f"{Path(path).name}: row {number}: field 'label': {label!r} is not true or false")
        goal = goal.strip().removeprefix("SDG").removeprefix("sdg").strip()
        if not goal.isdigit() or not 1 <= int(goal) <= 17:
            raise EvaluationError(
                f"{Path(path).name}: row {number}: field 'sdg': {row[fields['sdg']]!r} is not a goal 1-17"
            )
        rows.append((text.strip(), str(int(goal)), value in {"true", "1", "yes"}))
    if not rows:
        raise EvaluationError(f"{Path(path).name}: no rows")
    return rows


def evaluate_binary(model: learn.Model, rows: list[tuple[str, str, bool]]) -> dict:
    """Per-goal accuracy, precision and recall of "is goal g in this text", and their
    average over the goals (the benchmark's headline figure) as ``accuracy``."""
    from rightstrack.search import embedding

    if model.taxonomy != ref.SDG_GOALS:
        raise EvaluationError("a binary SDG test file needs --taxonomy sdg-goals")
    texts = list(dict.fromkeys(text for text, _g, _l in rows))
    predicted = dict(
        zip(texts, ({lb for lb, _s in row} for row in model.predict(texts, embedding.embed(texts))), strict=False)
    )
    per_goal: dict[str, list[tuple[bool, bool]]] = {}
    for text, goal, present in rows:
        per_goal.setdefault(goal, []).append((present, goal in predicted[text]))
    per_label = {}
    for goal in sorted(per_goal, key=int):
        pairs = np.array(per_goal[goal], dtype=bool)
        truth, guess = pairs[:, 0], pairs[:, 1]
        tp = int((truth & guess).sum())
        per_label[goal] = {
            "accuracy": round(float((truth == guess).mean()), 4),
            "precision": round(tp / max(int(guess.sum()), 1), 4),
            "recall": round(tp / max(int(truth.sum()), 1), 4),
            "support": int(truth.sum()),
            "n": len(pairs),
        }
    accuracies = [v["accuracy"] for v in per_label.values()]
    pooled = np.array([pair for pairs in per_goal.values() for pair in pairs], dtype=bool)
    micro = 2 * int((pooled[:, 0] & pooled[:, 1]).sum()) / max(int(pooled.sum()), 1)
    return {
        "n": len(rows),
        "accuracy": round(float(np.mean(accuracies)), 4),
        "micro_f1": round(micro, 4),
        "macro_f1": None,
        "samples_f1": None,
        "per_label": per_label,
        "binary": True,
    }


def evaluate_baseline(examples: list[learn.Example], test: TestSet, taxonomy: str, *, multi: bool) -> dict:
    """The plain baseline on the same data: TF-IDF (word 1-2-grams, character 3-5-grams)
    and a linear SVM, trained on the same examples, no vectors, no tuning."""
    predicted = learn.baseline_predictions(examples, test.texts, multi=multi)
    labels = learn.usable_labels(examples, multi)
    return figures(test.labels, predicted, labels, multi=multi, ordinal=taxonomy in ORDINAL)
