"""Reads of the tagging app: active models, training examples, suggestions, figures."""
from __future__ import annotations

import pickle
import threading
import zlib
from collections import defaultdict

import numpy as np
from django.db.models import Q, QuerySet

from rightstrack.recommendations.choices import TagOrigin
from rightstrack.recommendations.models import Recommendation, TagAssignment, Translation
from rightstrack.reference import choices as ref
from rightstrack.reference.models import Term
from rightstrack.tagging import learn
from rightstrack.tagging.choices import TAXONOMIES, TYPE
from rightstrack.tagging.models import Classifier, RejectedTag

_lock = threading.Lock()
_loaded: dict[str, tuple[int, learn.Model]] = {}


def active_classifier(slug: str) -> Classifier | None:
    return Classifier.objects.filter(taxonomy=slug, active=True).defer("blob").first()


def active_model(slug: str) -> learn.Model | None:
    """The active model of a taxonomy, unpickled once per process and reloaded when
    another process trains a new one."""
    row = Classifier.objects.filter(taxonomy=slug, active=True).values_list("pk", flat=True).first()
    if row is None:
        return None
    with _lock:
        cached = _loaded.get(slug)
        if cached and cached[0] == row:
            return cached[1]
    blob = Classifier.objects.values_list("blob", flat=True).get(pk=row)
    model = pickle.loads(zlib.decompress(bytes(blob)))
    with _lock:
        _loaded[slug] = (row, model)
    return model


def classifiers() -> list[Classifier]:
    """The active classifier of every taxonomy that has one, in the contract's order."""
    found = {c.taxonomy: c for c in Classifier.objects.filter(active=True).defer("blob")}
    return [found[slug] for slug in TAXONOMIES if slug in found]


# --- training data -------------------------------------------------------------------

def _known_tags(slug: str) -> dict[int, list[str]]:
    """Recommendation id -> term codes a source or a person vouches for."""
    rows = (TagAssignment.objects.filter(term__taxonomy__slug=slug)
            .filter(~Q(origin=TagOrigin.AUTOMATIC) | Q(confirmed=True))
            .values_list("recommendation_id", "term__code"))
    labels: dict[int, list[str]] = defaultdict(list)
    for pk, code in rows.iterator(chunk_size=20_000):
        labels[pk].append(code)
    if slug in (ref.SDG_GOALS, ref.SDG_TARGETS, ref.UHRI_THEMES, ref.AFFECTED_PERSONS, ref.UPR_INFO_ISSUES):
        # A recommendation whose suggestions were all rejected is a negative example.
        for pk in RejectedTag.objects.filter(term__taxonomy__slug=slug).values_list("recommendation_id", flat=True):
            labels.setdefault(pk, [])
    return labels


def training_examples(slug: str) -> list[learn.Example]:
    """The labelled examples of a taxonomy in this database, with their vectors; for the
    SDGs also the goal, target and indicator texts of the shipped framework."""
    if slug == TYPE:
        labels = {pk: [kind] for pk, kind in Recommendation.objects.values_list("pk", "type").iterator(chunk_size=20_000)}
    else:
        labels = _known_tags(slug)
    texts, vectors = texts_and_vectors(list(labels))
    examples = [learn.Example(texts[pk], labels[pk], vectors[pk]) for pk in texts]
    examples += _translations(labels)
    if slug in (ref.SDG_GOALS, ref.SDG_TARGETS):
        examples += reference_examples(slug)
    return examples


def _translations(labels: dict[int, list[str]]) -> list[learn.Example]:
    """Translations of labelled recommendations share their labels."""
    from rightstrack.search import embedding

    rows = [(pk, text) for pk, text in Translation.objects.filter(recommendation_id__in=list(labels))
            .values_list("recommendation_id", "text") if text.strip()] if labels else []
    if not rows:
        return []
    vectors = embedding.embed([text for _pk, text in rows])
    return [learn.Example(text, labels[pk], vector) for (pk, text), vector in zip(rows, vectors)]


def reference_examples(slug: str) -> list[learn.Example]:
    """The SDG framework's own words as examples: each goal's title and description,
    each target and each indicator, labelled with its goal (or target)."""
    from rightstrack.search import embedding

    rows = []
    for term in Term.objects.filter(taxonomy__slug__in=[ref.SDG_GOALS, ref.SDG_TARGETS, ref.SDG_INDICATORS]) \
            .select_related("taxonomy", "parent__parent"):
        kind = term.taxonomy.slug
        goal = {ref.SDG_GOALS: term, ref.SDG_TARGETS: term.parent, ref.SDG_INDICATORS: term.parent and term.parent.parent}[kind]
        target = {ref.SDG_TARGETS: term, ref.SDG_INDICATORS: term.parent}.get(kind)
        label = goal if slug == ref.SDG_GOALS else target
        if label is None:
            continue
        text = " ".join(filter(None, [term.label if kind == ref.SDG_GOALS else "", term.description]))
        rows.append((text, label.code))
    if not rows:
        return []
    vectors = embedding.embed([text for text, _code in rows])
    return [learn.Example(text, [code], vector) for (text, code), vector in zip(rows, vectors)]


def texts_and_vectors(ids: list[int]) -> tuple[dict[int, str], dict[int, np.ndarray]]:
    """Texts and sentence vectors of these recommendations: stored vectors where they
    are current, computed now (not stored) for the others."""
    from rightstrack.search import embedding
    from rightstrack.search.models import Embedding

    texts, keys, vectors = {}, {}, {}
    for start in range(0, len(ids), 20_000):
        part = ids[start:start + 20_000]
        for pk, text, key in Recommendation.objects.filter(pk__in=part).values_list("pk", "text", "text_key"):
            texts[pk], keys[pk] = text, key
        for pk, key, blob in Embedding.objects.filter(pk__in=part, model=embedding.MODEL_NAME) \
                .values_list("pk", "text_key", "vector"):
            if keys.get(pk) == key:
                vectors[pk] = np.frombuffer(bytes(blob), dtype=np.float16).astype(np.float32)
    missing = [pk for pk in texts if pk not in vectors]
    if missing:
        for pk, vector in zip(missing, embedding.embed([texts[pk] for pk in missing])):
            vectors[pk] = vector
    return texts, vectors


# --- suggestions ---------------------------------------------------------------------

def pending() -> QuerySet[TagAssignment]:
    """Suggestions nobody has accepted or rejected yet, most confident first."""
    return (TagAssignment.objects.filter(origin=TagOrigin.AUTOMATIC, confirmed=False)
            .select_related("term__taxonomy", "recommendation__state").order_by("-confidence", "pk"))


def tags_of(recommendation: Recommendation) -> tuple[list[TagAssignment], list[TagAssignment]]:
    """A recommendation's tags split in two: confirmed or from a source/person, and
    pending suggestions (shown apart, with their confidence)."""
    tags = list(recommendation.tags.select_related("term__taxonomy").order_by("term__taxonomy__name", "term__position",
                                                                              "term__code"))
    suggested = [t for t in tags if t.origin == TagOrigin.AUTOMATIC and not t.confirmed]
    return [t for t in tags if t not in suggested], suggested
