"""Reads of the tagging app: active models, training examples, suggestions, the
recommendation page's tag and quality panels, quality by mechanism, and what the about
page says of the classifiers."""

from __future__ import annotations

import logging
import math
import pickle
import threading
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

import numpy as np
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from rightstrack.recommendations.choices import TagOrigin
from rightstrack.recommendations.models import Recommendation, TagAssignment, Translation
from rightstrack.reference import choices as ref
from rightstrack.reference.models import Mechanism, Taxonomy, Term
from rightstrack.tagging import learn, quality
from rightstrack.tagging.choices import SINGLE_LABEL, TAXONOMIES, TYPE
from rightstrack.tagging.models import Classifier, RejectedTag

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded: dict[str, tuple[tuple, learn.Model]] = {}


def active_classifier(slug: str) -> Classifier | None:
    return Classifier.objects.filter(taxonomy=slug, active=True).defer("blob").first()


# A classifier whose held-out micro-F1 is below this makes suggestions that are mostly
# wrong (SDG targets learnt from the framework texts alone: 3%); reviewing them would
# cost people more than typing the tags. Train it on labelled recommendations first.
MIN_USEFUL_F1 = 0.25


def useful(classifier: Classifier | None) -> bool:
    """Whether a classifier's suggestions are worth a person's review (no held-out
    figures, as after training on very few examples, counts as useful)."""
    f1 = (classifier.metrics or {}).get("micro_f1") if classifier else None
    return f1 is None or f1 >= MIN_USEFUL_F1


def active_model(slug: str) -> learn.Model | None:
    """The active model of a taxonomy, unpickled once per process and reloaded when
    another process trains a new one."""
    # Keyed by id and training time: ids can come back (a rolled-back transaction).
    row = Classifier.objects.filter(taxonomy=slug, active=True).values_list("pk", "trained_at").first()
    if row is None:
        return None
    with _lock:
        cached = _loaded.get(slug)
        if cached and cached[0] == row:
            return cached[1]
    blob = Classifier.objects.values_list("blob", flat=True).get(pk=row[0])
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
    rows = (
        TagAssignment.objects.filter(term__taxonomy__slug=slug)
        .filter(~Q(origin=TagOrigin.AUTOMATIC) | Q(confirmed=True))
        .values_list("recommendation_id", "term__code")
    )
    labels: dict[int, list[str]] = defaultdict(list)
    for pk, code in rows.iterator(chunk_size=20_000):
        labels[pk].append(code)
    if slug not in SINGLE_LABEL:
        # Multi-label: a recommendation whose suggestions were all rejected is a negative example.
        for pk in RejectedTag.objects.filter(term__taxonomy__slug=slug).values_list("recommendation_id", flat=True):
            labels.setdefault(pk, [])
    return labels


def training_examples(slug: str) -> list[learn.Example]:
    """The labelled examples of a taxonomy in this database, with their vectors; for the
    SDGs also the goal, target and indicator texts of the shipped framework."""
    if slug == TYPE:
        labels = {
            pk: [kind] for pk, kind in Recommendation.objects.values_list("pk", "type").iterator(chunk_size=20_000)
        }
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

    rows = (
        [
            (pk, text)
            for pk, text in Translation.objects.filter(recommendation_id__in=list(labels)).values_list(
                "recommendation_id", "text"
            )
            if text.strip()
        ]
        if labels
        else []
    )
    if not rows:
        return []
    vectors = embedding.embed([text for _pk, text in rows])
    return [learn.Example(text, labels[pk], vector) for (pk, text), vector in zip(rows, vectors, strict=False)]


def reference_examples(slug: str) -> list[learn.Example]:
    """The SDG framework's own words as examples: each goal's title and description,
    each target and each indicator, labelled with its goal (or target)."""
    from rightstrack.search import embedding

    rows = []
    for term in Term.objects.filter(
        taxonomy__slug__in=[ref.SDG_GOALS, ref.SDG_TARGETS, ref.SDG_INDICATORS]
    ).select_related("taxonomy", "parent__parent"):
        kind = term.taxonomy.slug
        goal = {
            ref.SDG_GOALS: term,
            ref.SDG_TARGETS: term.parent,
            ref.SDG_INDICATORS: term.parent and term.parent.parent,
        }[kind]
        target = {ref.SDG_TARGETS: term, ref.SDG_INDICATORS: term.parent}.get(kind)
        label = goal if slug == ref.SDG_GOALS else target
        if label is None:
            continue
        text = " ".join(filter(None, [term.label if kind == ref.SDG_GOALS else "", term.description]))
        rows.append((text, label.code))
    if not rows:
        return []
    vectors = embedding.embed([text for text, _code in rows])
    return [learn.Example(text, [code], vector) for (text, code), vector in zip(rows, vectors, strict=False)]


def texts_and_vectors(ids: list[int]) -> tuple[dict[int, str], dict[int, np.ndarray]]:
    """Texts and sentence vectors of these recommendations: stored vectors where they
    are current, computed now (not stored) for the others. A recommendation whose text
    the encoder fails on is left out of both (and logged): one text never stops a run."""
    from rightstrack.search import embedding
    from rightstrack.search.models import Embedding

    texts, keys, vectors = {}, {}, {}
    for start in range(0, len(ids), 20_000):
        part = ids[start : start + 20_000]
        for pk, text, key in Recommendation.objects.filter(pk__in=part).values_list("pk", "text", "text_key"):
            texts[pk], keys[pk] = text, key
        for pk, key, blob in Embedding.objects.filter(pk__in=part, model=embedding.MODEL_NAME).values_list(
            "pk", "text_key", "vector"
        ):
            if keys.get(pk) == key:
                vectors[pk] = np.frombuffer(bytes(blob), dtype=np.float16).astype(np.float32)
    missing = [pk for pk in texts if pk not in vectors]
    if missing:
        computed, failed = embedding.embed_each([texts[pk] for pk in missing])
        for row, (pk, vector) in enumerate(zip(missing, computed, strict=False)):
            if row in failed:
                logger.warning("recommendation %s left out: the encoder failed on its text: %r", pk, failed[row])
                del texts[pk]
            else:
                vectors[pk] = vector
    return texts, vectors


# --- suggestions ---------------------------------------------------------------------


def pending() -> QuerySet[TagAssignment]:
    """Suggestions nobody has accepted or rejected yet, most confident first."""
    return (
        TagAssignment.objects.filter(origin=TagOrigin.AUTOMATIC, confirmed=False)
        .select_related("term__taxonomy", "recommendation__state")
        .order_by("-confidence", "pk")
    )


def tags_of(recommendation: Recommendation) -> tuple[list[TagAssignment], list[TagAssignment]]:
    """A recommendation's tags split in two: confirmed or from a source/person, and
    pending suggestions (shown apart, with their confidence)."""
    tags = list(
        recommendation.tags.select_related("term__taxonomy").order_by(
            "term__taxonomy__name", "term__position", "term__code"
        )
    )
    suggested = [t for t in tags if t.origin == TagOrigin.AUTOMATIC and not t.confirmed]
    return [t for t in tags if t not in suggested], suggested


# The languages the quality check reads; a text in another one is checked through its
# translation into one of these, when there is one.
CHECKED_LANGUAGES = ("en", "fr", "es")
SAMPLE_PER_MECHANISM = 2000
# Shipped taxonomies the about page lists, in this order (the UPR Info issues are not
# shipped: their terms come with a UPR Info import).
SHIPPED = [
    ref.SDG_GOALS,
    ref.SDG_TARGETS,
    ref.SDG_INDICATORS,
    ref.UHRI_THEMES,
    ref.AFFECTED_PERSONS,
    ref.ACTION_CATEGORY,
]


# --- the review list -----------------------------------------------------------------


def suggestions(
    *, taxonomy: str = "", country: str = "", mechanism: str = "", min_confidence: float | None = None
) -> QuerySet[TagAssignment]:
    """Pending suggestions, most confident first, narrowed by the review page's filters
    (empty values do not filter; ``min_confidence`` is 0-1)."""
    queryset = pending().select_related("recommendation__mechanism")
    if taxonomy:
        queryset = queryset.filter(term__taxonomy__slug=taxonomy)
    if country:
        queryset = queryset.filter(recommendation__state__iso3=country)
    if mechanism:
        queryset = queryset.filter(recommendation__mechanism__code=mechanism)
    if min_confidence is not None:
        queryset = queryset.filter(confidence__gte=min_confidence)
    return queryset


def mechanism_choices() -> list[tuple[str, str]]:
    """(code, "code — name") of every mechanism, for a filter."""
    return [(m.code, f"{m.code} — {m.name}") for m in Mechanism.objects.order_by("code")]


# --- a recommendation's panels -------------------------------------------------------


def tag_panel(rec: Recommendation) -> dict:
    """What ``tagging/_tags.html`` shows: tags a source or a person vouches for grouped by
    taxonomy, and, apart, the pending suggestions."""
    confirmed, suggested = tags_of(rec)
    groups = [(taxonomy, list(tags)) for taxonomy, tags in groupby(confirmed, key=lambda t: t.term.taxonomy)]
    return {"rec": rec, "groups": groups, "suggestions": suggested}


def action_category(rec: Recommendation) -> TagAssignment | None:
    """The recommendation's UPR Info action category tag, a vouched one before a
    pending suggestion (the template marks a suggestion as such)."""
    tags = [t for t in rec.tags.all() if t.term.taxonomy.slug == ref.ACTION_CATEGORY]
    ranked = sorted(tags, key=lambda t: (is_suggestion(t), -(t.confidence or 0)))
    return ranked[0] if ranked else None


def is_suggestion(tag: TagAssignment) -> bool:
    """A classifier's tag nobody has accepted yet."""
    return tag.origin == TagOrigin.AUTOMATIC and not tag.confirmed


def checked_text(rec: Recommendation) -> tuple[str, str]:
    """(text, language) the quality check reads: the recommendation's own text, or its
    translation into a language the check covers when its own language is not."""
    if rec.language in CHECKED_LANGUAGES:
        return rec.text, rec.language
    translations = {t.language: t.text for t in rec.translations.all()}
    for language in CHECKED_LANGUAGES:
        if translations.get(language, "").strip():
            return translations[language], language
    return rec.text, rec.language


def quality_of(rec: Recommendation) -> quality.QualityReport:
    """The quality check of one recommendation (see ``checked_text``)."""
    text, language = checked_text(rec)
    return quality.check(
        text, language, state_name=rec.state.name if rec.state_id else "", mechanism=rec.mechanism.code
    )


def quality_panel(rec: Recommendation) -> dict:
    """What ``tagging/_quality.html`` shows: the verdicts, the action category tag, and
    the language the check read when it is not the recommendation's own."""
    _text, language = checked_text(rec)
    tag = action_category(rec)
    return {
        "rec": rec,
        "report": quality_of(rec),
        "category": tag,
        "category_suggested": bool(tag and is_suggestion(tag)),
        "checked_language": language if language != rec.language else "",
    }


# --- quality by mechanism ------------------------------------------------------------


@dataclass
class MechanismQuality:
    """The quality check over a sample of one mechanism's recommendations."""

    code: str
    name: str
    total: int  # recommendations of the mechanism (after the filters)
    n: int = 0  # of them checked
    passed: dict[str, int] = field(default_factory=dict)
    score_sum: int = 0

    @property
    def shares(self) -> list[float]:
        """Share passing each verdict, in ``quality.KEYS`` order."""
        return [self.passed.get(key, 0) / self.n if self.n else 0.0 for key in quality.KEYS]

    @property
    def mean_score(self) -> float:
        return self.score_sum / self.n if self.n else 0.0

    @property
    def sampled(self) -> bool:
        return self.n < self.total


_cache_lock = threading.Lock()
_cache: dict[tuple, list[MechanismQuality]] = {}


def quality_by_mechanism(recommendations: QuerySet[Recommendation], key: tuple = ()) -> list[MechanismQuality]:
    """The quality check per mechanism over ``recommendations`` (what the user may see,
    filtered), each over at most SAMPLE_PER_MECHANISM of them: every k-th by id, so the
    same data always gives the same sample. ``key`` names the selection for the
    per-process cache, which is dropped whenever the data changes (the search index
    version moves with every write)."""
    from rightstrack.search.snapshot import versions

    cache_key = (versions()[0], *key)
    with _cache_lock:
        if cache_key in _cache:
            return _cache[cache_key]
    result = [
        _check_mechanism(recommendations, mechanism, total) for mechanism, total in _mechanism_totals(recommendations)
    ]
    with _cache_lock:
        if len(_cache) > 50 or any(k[0] != cache_key[0] for k in _cache):
            _cache.clear()
        _cache[cache_key] = result
    return result


def _mechanism_totals(recommendations: QuerySet[Recommendation]) -> list[tuple[Mechanism, int]]:
    counts = dict(recommendations.order_by().values_list("mechanism_id").annotate(n=Count("id")))
    mechanisms = Mechanism.objects.filter(pk__in=list(counts)).order_by("code")
    return [(m, counts[m.pk]) for m in mechanisms]


def sample_ids(recommendations: QuerySet[Recommendation], mechanism: Mechanism) -> list[int]:
    """At most SAMPLE_PER_MECHANISM of the mechanism's recommendations: every k-th by id."""
    ids = list(recommendations.filter(mechanism=mechanism).order_by("pk").values_list("pk", flat=True))
    step = max(1, math.ceil(len(ids) / SAMPLE_PER_MECHANISM))
    return ids[::step]


def _check_mechanism(recommendations: QuerySet[Recommendation], mechanism: Mechanism, total: int) -> MechanismQuality:
    summary = MechanismQuality(mechanism.code, mechanism.name, total)
    for text, language, state_name in _sample_texts(sample_ids(recommendations, mechanism)):
        report = quality.check(text, language, state_name=state_name, mechanism=mechanism.code)
        summary.n += 1
        summary.score_sum += report.score
        for verdict in report.verdicts:
            summary.passed[verdict.key] = summary.passed.get(verdict.key, 0) + verdict.passed
    return summary


def _sample_texts(ids: list[int]):
    """(text, language, State name) of these recommendations, with a checked language's
    translation for a text in another language (one query per chunk, not per text)."""
    for start in range(0, len(ids), 1000):
        part = ids[start : start + 1000]
        rows = list(Recommendation.objects.filter(pk__in=part).values_list("pk", "text", "language", "state__name"))
        others = [pk for pk, _t, language, _s in rows if language not in CHECKED_LANGUAGES]
        translated: dict[int, tuple[str, str]] = {}
        for pk, language, text in (
            Translation.objects.filter(recommendation_id__in=others, language__in=CHECKED_LANGUAGES).values_list(
                "recommendation_id", "language", "text"
            )
            if others
            else []
        ):
            best = translated.get(pk)
            if text.strip() and (best is None or CHECKED_LANGUAGES.index(language) < CHECKED_LANGUAGES.index(best[1])):
                translated[pk] = (text, language)
        for pk, text, language, state_name in rows:
            text, language = translated.get(pk, (text, language))
            yield text, language, state_name or ""


# --- the about page ------------------------------------------------------------------


def classifier_rows() -> list[dict]:
    """One row per taxonomy a classifier can be trained for, in the contract's order:
    its name and its active classifier (None: not trained yet) with the held-out figures."""
    active = {c.taxonomy: c for c in classifiers()}
    names = dict(Taxonomy.objects.filter(slug__in=TAXONOMIES).values_list("slug", "name"))
    names[TYPE] = _("Type (recommendation, concern, observation)")
    return [
        {
            "slug": slug,
            "name": names.get(slug, slug),
            "classifier": active.get(slug),
            "figures": _figures(active[slug].metrics) if slug in active else {},
            "weak": slug in active and not useful(active[slug]),
        }
        for slug in TAXONOMIES
    ]


def _figures(metrics: dict | None) -> dict:
    """The held-out figures the about page shows, those present only: accuracy and F1
    as percentages (as ``rightstrack train`` prints them), kappa as it is (-1 to 1)."""
    metrics = metrics or {}
    shown = {key: metrics[key] * 100 for key in ("accuracy", "micro_f1", "macro_f1") if metrics.get(key) is not None}
    if metrics.get("quadratic_kappa") is not None:
        shown["quadratic_kappa"] = metrics["quadratic_kappa"]
    if shown and metrics.get("n"):
        shown["n"] = metrics["n"]
    return shown


def shipped_taxonomies() -> list[Taxonomy]:
    """The shipped taxonomies with their number of terms, in the about page's order."""
    found = {t.slug: t for t in Taxonomy.objects.filter(slug__in=SHIPPED).annotate(n_terms=Count("terms"))}
    return [found[slug] for slug in SHIPPED if slug in found]
