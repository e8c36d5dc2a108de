"""The classifiers: features, training and prediction (no ORM here).

One recipe serves every taxonomy, measured on UPR Info's data (see
``benchmarks/tagging_eval.py``):

- **Words**: TF-IDF of word 1-2-grams and character 3-5-grams (sublinear counts).
- **Opening words** (single-label taxonomies): the first four words and their pairs as
  features of their own. UPR Info's action category is decided mostly by the operative
  verb ("Continue…" 2, "Consider…" 3, "Ratify…" 5): 87.3% -> 90.3% accuracy.
- **Meaning**: the multilingual sentence vector (the one search stores), scaled and
  appended: +0.9 points micro-F1 on UPR Info issues.
- A **linear SVM** per label (one-vs-rest), its decision turned into a 0-1 confidence by
  a sigmoid fitted on a held-out part of the training data; the multi-label threshold is
  chosen on that part too, never on test data.
- **Other languages**: words learnt from English say nothing about a Spanish text, so a
  second model reads the sentence vector alone (multilingual by construction). The two
  are mixed by the share of the text's words the word model knows: an English text is
  read by both, a Spanish one by the vector model.

scikit-learn and scipy are imported inside functions: commands that do not classify
start quickly.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

import numpy as np

from rightstrack.tagging.metrics import figures, label_matrix

LEAD_WORDS = 4
VECTOR_WEIGHT = 0.7
SVM_C = 0.3
HELD_OUT = 0.15
MIN_EXAMPLES = 2  # a label with fewer training examples is left out of the model
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass
class Example:
    """One training text: its sentence vector (None: computed on the way) and labels."""

    text: str
    labels: list[str]
    vector: np.ndarray | None = None


def lead(text: str) -> str:
    """The opening words as position-marked tokens: "L0_continue L1_its B0_continue_its"."""
    words = _WORD.findall(text.lower())[:LEAD_WORDS]
    singles = [f"L{i}_{w}" for i, w in enumerate(words)]
    pairs = [f"B{i}_{a}_{b}" for i, (a, b) in enumerate(zip(words, words[1:], strict=False))]
    return " ".join(singles + pairs)


class Features:
    """Text -> sparse feature matrix: words, characters, opening words and the vector."""

    def __init__(self, use_lead: bool):
        self.use_lead = use_lead
        self.known: frozenset[str] = frozenset()

    def fit(self, texts: list[str]) -> Features:
        from sklearn.feature_extraction.text import TfidfVectorizer

        # The caps bound a model's size on a large database (each label keeps one weight
        # per feature); UPR Info's 22,694 texts have 36,000 word and 34,000 character features.
        self.words = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, min_df=2, dtype=np.float32, max_features=100_000
        )
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2, dtype=np.float32, max_features=100_000
        )
        self.words.fit(texts)
        self.chars.fit(texts)
        if self.use_lead:
            self.leads = TfidfVectorizer(token_pattern=r"\S+", min_df=2, dtype=np.float32, lowercase=False)
            self.leads.fit([lead(t) for t in texts])
        self.known = frozenset(w for w in self.words.vocabulary_ if " " not in w)
        return self

    def transform(self, texts: list[str], vectors: np.ndarray):
        import scipy.sparse as sp

        parts = [self.words.transform(texts), self.chars.transform(texts)]
        if self.use_lead:
            parts.append(self.leads.transform([lead(t) for t in texts]))
        parts.append(sp.csr_matrix(unit(vectors) * VECTOR_WEIGHT))
        return sp.hstack(parts, format="csr")

    def coverage(self, texts: list[str]) -> np.ndarray:
        """Share of each text's words the word model saw in training (0 for a text in a
        language it was not trained on, near 1 for one it was)."""
        shares = []
        for text in texts:
            words = _WORD.findall(text.lower())
            shares.append(sum(w in self.known for w in words) / len(words) if words else 0.0)
        return np.array(shares, dtype=np.float32)


def unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


# Coverage below LOW means "another language": the vector model alone. Above HIGH, the
# word model counts ``words_share`` (it is the stronger one on its own language), a
# share chosen among WORDS_SHARES on held-out training examples.
LOW, HIGH = 0.45, 0.8
WORDS_SHARES = (0.6, 0.8, 1.0)


def known_language(coverage: np.ndarray) -> np.ndarray:
    """0 (a language the word model was not trained on) to 1 (its own), from coverage."""
    return np.clip((coverage - LOW) / (HIGH - LOW), 0.0, 1.0)


@dataclass
class Model:
    """A trained classifier for one taxonomy: what ``Classifier.blob`` stores."""

    taxonomy: str
    labels: list[str]
    multi: bool
    features: Features
    words_model: object  # LinearSVC (single-label) or LinearHead (multi-label)
    vector_model: object  # LogisticRegression (single-label) or LinearHead, on the sentence vector
    sigmoid: tuple[float, float] = (1.0, 0.0)
    threshold: float = 0.5  # multi-label: labels scoring at least this are suggested
    vector_threshold: float = 0.5  # the same, for texts only the vector model reads
    words_share: float = 0.8
    extra: dict = field(default_factory=dict)

    def parts(self, texts: list[str], vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """How well the word model knows each text's language (0-1), and the scores of
        the word model and of the vector model."""
        known = known_language(self.features.coverage(texts))
        words = _sigmoid(self.words_model.decision_function(self.features.transform(texts, vectors)), self.sigmoid)
        if words.ndim == 1:  # two labels: scikit-learn returns one column
            words = np.column_stack([1 - words, words])
        return known, words, _vector_scores(self.vector_model, unit(vectors), self.multi)

    def scores(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        """Confidence 0-1 of every label (columns in ``labels`` order) for each text."""
        return self._mix(*self.parts(texts, vectors))[1]

    def _mix(self, known, words, meaning) -> tuple[np.ndarray, np.ndarray]:
        """Per-text thresholds and mixed scores."""
        weight = (self.words_share * known)[:, None]
        mixed = weight * words + (1 - weight) * meaning
        if not self.multi:
            mixed = mixed / np.maximum(mixed.sum(axis=1, keepdims=True), 1e-9)
        thresholds = known * self.threshold + (1 - known) * self.vector_threshold
        return thresholds, mixed

    def predict(
        self, texts: list[str], vectors: np.ndarray, *, top: int | None = None
    ) -> list[list[tuple[str, float]]]:
        """The labels of each text with their confidence, most confident first: the single
        best for a single-label taxonomy, those above the threshold for a multi-label one
        (or the ``top`` best whatever their score)."""
        results = []
        thresholds, scores = self._mix(*self.parts(texts, vectors))
        for row, threshold in zip(scores, thresholds, strict=False):
            order = np.argsort(-row)
            if top is not None:
                chosen = order[:top]
            elif self.multi:
                chosen = [i for i in order if row[i] >= threshold]
            else:
                chosen = order[:1]
            results.append([(self.labels[i], round(float(row[i]), 4)) for i in chosen])
        return results


def _sigmoid(decision: np.ndarray, params: tuple[float, float]) -> np.ndarray:
    a, b = params
    return 1.0 / (1.0 + np.exp(-(a * decision + b)))


def _vector_scores(model, vectors: np.ndarray, multi: bool) -> np.ndarray:
    if multi:
        return _sigmoid(model.decision_function(vectors), (1.0, 0.0))
    return model.predict_proba(vectors)


@dataclass
class LinearHead:
    """One linear model per label, stacked: every label's score in one matrix product.

    Asking 169 separate scikit-learn models (SDG targets) took 35 ms for one text; the
    product takes well under one. A label no model was fitted for scores ``ABSENT``.
    """

    weights: np.ndarray  # labels x features, float32
    bias: np.ndarray

    def decision_function(self, X) -> np.ndarray:
        return np.asarray(X @ self.weights.T) + self.bias


ABSENT = -30.0


def stack(models: list, width: int) -> LinearHead:
    """A LinearHead from fitted binary linear models (None or constant: absent)."""
    weights = np.zeros((len(models), width), dtype=np.float32)
    bias = np.full(len(models), ABSENT, dtype=np.float32)
    for i, model in enumerate(models):
        if model is not None and hasattr(model, "coef_"):
            weights[i] = np.asarray(model.coef_, dtype=np.float32).ravel()
            bias[i] = float(np.ravel(model.intercept_)[0])
    return LinearHead(weights, bias)


def usable_labels(examples: list[Example], multi: bool) -> list[str]:
    """Labels with enough examples to learn from (and, multi-label, not on every text)."""
    counts: dict[str, int] = {}
    for example in examples:
        for label in set(example.labels):
            counts[label] = counts.get(label, 0) + 1
    return sorted(
        (lb for lb, n in counts.items() if n >= MIN_EXAMPLES and (not multi or n < len(examples))), key=_label_order
    )


def _label_order(label: str):
    parts = re.split(r"(\d+)", label)
    return [int(p) if p.isdigit() else p for p in parts]


def fit(taxonomy: str, examples: list[Example], *, multi: bool, use_lead: bool, seed: int = 0) -> tuple[Model, dict]:
    """Train on ``examples`` (each with its vector); return the model and the figures
    measured on a held-out part of them before the final fit on all of them.

    Raises ValueError when there is too little to learn from.
    """
    labels = usable_labels(examples, multi)
    if multi and not labels or not multi and len(labels) < 2:
        raise ValueError(
            "too few labelled examples to learn from "
            f"(each label needs {MIN_EXAMPLES}; {'two labels' if not multi else 'one label'} at least)"
        )
    if not multi:
        keep = set(labels)
        examples = [e for e in examples if e.labels and e.labels[0] in keep]
    rng = np.random.default_rng(seed)
    held = rng.random(len(examples)) < HELD_OUT
    if held.sum() < 20 or (~held).sum() < 20:
        held[:] = False
    model = _fit_once(taxonomy, [e for e, h in zip(examples, held, strict=False) if not h], labels, multi, use_lead)
    figures: dict = {}
    if held.any():
        part = [e for e, h in zip(examples, held, strict=False) if h]
        _calibrate(model, part)
        figures = held_out_figures(model, part)
    final = _fit_once(taxonomy, examples, labels, multi, use_lead)
    final.sigmoid, final.words_share = model.sigmoid, model.words_share
    final.threshold, final.vector_threshold = model.threshold, model.vector_threshold
    return final, figures


def _fit_once(taxonomy: str, examples: list[Example], labels: list[str], multi: bool, use_lead: bool) -> Model:
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.svm import LinearSVC

    texts = [e.text for e in examples]
    vectors = unit(np.stack([e.vector for e in examples]))
    features = Features(use_lead).fit(texts)
    X = features.transform(texts, vectors)
    if multi:
        Y = label_matrix([e.labels for e in examples], labels)
        with warnings.catch_warnings():
            # A label all of whose examples fell in the held-out part has none here:
            # scikit-learn warns and predicts "absent", which is right for this fit.
            warnings.filterwarnings("ignore", message="Label .* is present in all training examples")
            svms = OneVsRestClassifier(LinearSVC(C=SVM_C)).fit(X, Y).estimators_
        words_model = stack(svms, X.shape[1])
        vector_model = stack(
            [
                LogisticRegression(C=4.0, max_iter=1000).fit(vectors, Y[:, j]) if 0 < Y[:, j].sum() < len(Y) else None
                for j in range(len(labels))
            ],
            vectors.shape[1],
        )
    else:
        y = np.array([e.labels[0] for e in examples])
        words_model = LinearSVC(C=SVM_C).fit(X, y)
        vector_model = LogisticRegression(C=4.0, max_iter=2000).fit(vectors, y)
        labels = [str(c) for c in words_model.classes_]
    return Model(taxonomy, labels, multi, features, words_model, vector_model)


def _calibrate(model: Model, held: list[Example]) -> None:
    """Fit the decision -> confidence sigmoid, the share of the word model and the
    multi-label threshold on held-out examples (those that maximise micro-F1 there)."""
    from sklearn.linear_model import LogisticRegression

    texts = [e.text for e in held]
    vectors = unit(np.stack([e.vector for e in held]))
    decision = model.words_model.decision_function(model.features.transform(texts, vectors))
    truth = label_matrix([e.labels for e in held], model.labels)
    if decision.ndim == 1:
        decision = np.column_stack([-decision, decision])
    platt = LogisticRegression(C=100.0).fit(decision.reshape(-1, 1), truth.reshape(-1))
    model.sigmoid = (float(platt.coef_[0, 0]), float(platt.intercept_[0]))
    _known, words, meaning = model.parts(texts, vectors)
    # The threshold for texts in the word model's language is chosen on the examples as
    # they are; the one for other languages on the vector model's scores alone.
    model.vector_threshold = _best_threshold(truth, meaning) if model.multi else 0.5
    best = -1.0
    for share in WORDS_SHARES:
        mixed = share * words + (1 - share) * meaning
        if model.multi:
            threshold = _best_threshold(truth, mixed)
            predicted = mixed >= threshold
        else:
            threshold, predicted = 0.5, mixed == mixed.max(axis=1, keepdims=True)
        score = _micro_f1(truth, predicted)
        if score > best:
            best, chosen = score, (share, threshold)
    model.words_share, model.threshold = chosen


# A suggestion less sure than this is not worth a person's review, whatever the held-out
# F1 says (SDG targets learnt from the framework texts alone would go down to 0.05).
MIN_CONFIDENCE = 0.15


def _best_threshold(truth: np.ndarray, scores: np.ndarray) -> float:
    grid = np.linspace(MIN_CONFIDENCE, 0.95, int(round((0.95 - MIN_CONFIDENCE) * 100)) + 1)
    return float(max(grid, key=lambda t: _micro_f1(truth, scores >= t)))


def _micro_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    tp = float((truth & predicted).sum())
    return 2 * tp / max(float(truth.sum() + predicted.sum()), 1.0)


def held_out_figures(model: Model, held: list[Example]) -> dict:
    vectors = np.stack([e.vector for e in held])
    predicted = [[lb for lb, _s in row] for row in model.predict([e.text for e in held], vectors)]
    return figures([e.labels for e in held], predicted, model.labels, multi=model.multi) | {"split": "held-out"}


def baseline_predictions(examples: list[Example], texts: list[str], *, multi: bool) -> list[list[str]]:
    """What the plain baseline predicts: TF-IDF word 1-2-grams and character 3-5-grams,
    a linear SVM (C=1) per label, threshold 0; printed beside our figures."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_union
    from sklearn.svm import LinearSVC

    vectorizer = make_union(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2),
    )
    labels = usable_labels(examples, multi)
    if not multi:
        examples = [e for e in examples if e.labels and e.labels[0] in set(labels)]
    X = vectorizer.fit_transform([e.text for e in examples])
    T = vectorizer.transform(texts)
    if not multi:
        return [[str(p)] for p in LinearSVC().fit(X, [e.labels[0] for e in examples]).predict(T)]
    P = OneVsRestClassifier(LinearSVC()).fit(X, label_matrix([e.labels for e in examples], labels)).predict(T)
    return [[labels[j] for j in np.flatnonzero(row)] for row in P]
