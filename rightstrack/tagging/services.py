"""Writes of the tagging app: train classifiers, store suggestions, accept and reject them.

Suggestions are TagAssignments with origin "automatic" and a confidence. A run never
touches a tag that was imported, entered by a person or confirmed: it adds suggestions,
updates the confidence of its own unconfirmed ones and drops those it no longer makes.
A rejected suggestion is remembered (RejectedTag) and never made again.
"""

from __future__ import annotations

import pickle
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.core.audit import record_many
from rightstrack.core.errors import NotAllowedError
from rightstrack.core.models import AuditAction
from rightstrack.core.permissions import can
from rightstrack.recommendations.choices import TagOrigin
from rightstrack.recommendations.models import Recommendation, TagAssignment
from rightstrack.recommendations.selectors import is_data_tag
from rightstrack.recommendations.signals import changed
from rightstrack.reference import choices as ref
from rightstrack.reference.models import Term
from rightstrack.tagging import learn, selectors
from rightstrack.tagging.choices import SINGLE_LABEL, TAXONOMIES, TYPE, ClassifierOrigin
from rightstrack.tagging.models import Classifier, RejectedTag

KEEP_VERSIONS = 3  # older classifiers of a taxonomy are deleted (each holds megabytes)
CHUNK = 2000
# Written as tags in this order: SDG goals before targets, because a target is only
# suggested under a goal the recommendation has (or is given).
TAGGED = [
    ref.UHRI_THEMES,
    ref.AFFECTED_PERSONS,
    ref.SDG_GOALS,
    ref.SDG_TARGETS,
    ref.UPR_INFO_ISSUES,
    ref.ACTION_CATEGORY,
]


@dataclass
class TrainResult:
    taxonomy: str
    n: int = 0
    figures: dict = field(default_factory=dict)
    error: str = ""


def train(
    taxonomies: Iterable[str] | None = None,
    progress: Callable[[str], None] | None = None,
    extra: list[learn.Example] = (),
) -> list[TrainResult]:
    """Train a classifier for each taxonomy (all of them by default) from the labelled
    recommendations in the database: imported, manual and accepted tags, rejected
    suggestions as negatives, translations as examples in their language. ``extra``
    examples (texts from a file, not recommendations) are added. A taxonomy with too few
    labels is reported, not an error for the others."""
    results = []
    for slug in taxonomies or TAXONOMIES:
        if progress:
            progress(slug)
        examples = capped(selectors.training_examples(slug) + list(extra))
        result = TrainResult(slug, len(examples))
        try:
            model, figures = learn.fit(slug, examples, multi=slug not in SINGLE_LABEL, use_lead=slug in SINGLE_LABEL)
        except ValueError as exc:
            result.error = str(exc)
        else:
            result.figures = figures
            save_classifier(model, len(examples), figures, ClassifierOrigin.TRAINED)
        results.append(result)
    return results


def train_reference() -> list[TrainResult]:
    """Classifiers for SDG goals and targets from the shipped framework texts alone, for
    taxonomies that have no classifier yet (a fresh install); nothing else to learn from."""
    results = []
    for slug in (ref.SDG_GOALS, ref.SDG_TARGETS):
        if Classifier.objects.filter(taxonomy=slug).exists():
            continue
        examples = selectors.reference_examples(slug)
        try:
            model, figures = learn.fit(slug, examples, multi=True, use_lead=False)
        except ValueError:
            continue  # no SDG terms (a database without the reference data)
        save_classifier(model, len(examples), figures, ClassifierOrigin.REFERENCE)
        results.append(TrainResult(slug, len(examples), figures))
    return results


# Training time and memory grow with the examples times the labels: a 250,000-record UHRI
# export with 200 themes would take hours and gigabytes on a laptop. A fixed random
# sample of this size bounds both (UPR Info's 22,694 examples train in about 3 minutes).
MAX_EXAMPLES = 60_000


def capped(examples: list[learn.Example], limit: int | None = None) -> list[learn.Example]:
    """At most ``limit`` examples (default MAX_EXAMPLES), a fixed random sample."""
    limit = limit or MAX_EXAMPLES
    if len(examples) <= limit:
        return examples
    keep = np.random.default_rng(0).choice(len(examples), size=limit, replace=False)
    return [examples[i] for i in sorted(keep)]


@transaction.atomic
def save_classifier(model: learn.Model, n_train: int, figures: dict, origin: str) -> Classifier:
    """Store ``model`` as the active classifier of its taxonomy, keeping a few older ones."""
    blob = zlib.compress(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL), 6)
    Classifier.objects.filter(taxonomy=model.taxonomy, active=True).update(active=False)
    saved = Classifier.objects.create(
        taxonomy=model.taxonomy,
        origin=origin,
        n_train=n_train,
        labels=model.labels,
        metrics=figures,
        blob=blob,
        active=True,
        params={"threshold": model.threshold, "sigmoid": list(model.sigmoid)},
    )
    old = Classifier.objects.filter(taxonomy=model.taxonomy).order_by("-trained_at", "-id")[KEEP_VERSIONS:]
    Classifier.objects.filter(pk__in=[c.pk for c in old]).delete()
    return saved


# --- suggestions ---------------------------------------------------------------------


@dataclass
class TagSummary:
    recommendations: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    skipped_taxonomies: list[str] = field(default_factory=list)  # no classifier
    weak_taxonomies: list[str] = field(default_factory=list)  # one too weak to be worth reviewing


def tag(
    ids: Iterable[int] | None = None,
    *,
    taxonomies: Iterable[str] | None = None,
    only_untagged: bool = False,
    progress: Callable[[int], None] | None = None,
) -> TagSummary:
    """Store suggestions for these recommendations (all by default) from the active
    classifiers. ``only_untagged`` leaves alone, per taxonomy, recommendations that
    already have a tag of it that is not an unconfirmed suggestion. Each chunk is
    written in one transaction; an interrupted run keeps the chunks it finished."""
    summary = TagSummary()
    models = {}
    for slug in taxonomies or TAGGED:
        model = selectors.active_model(slug)
        if model is None or slug == TYPE:
            summary.skipped_taxonomies.append(slug)
        elif not selectors.useful(selectors.active_classifier(slug)):
            summary.weak_taxonomies.append(slug)
        else:
            models[slug] = model
    ids = list(ids) if ids is not None else list(Recommendation.objects.order_by("pk").values_list("pk", flat=True))
    if not models:
        return summary
    vocabularies = {
        slug: {t.code: t for t in Term.objects.filter(taxonomy__slug=slug).select_related("parent")} for slug in models
    }
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        _tag_chunk(chunk, models, vocabularies, only_untagged, summary)
        summary.recommendations += len(chunk)
        if progress:
            progress(len(chunk))
    if summary.added or summary.updated or summary.removed:
        changed(tag, ids, texts=False)
    return summary


def _tag_chunk(ids: list[int], models: dict, vocabularies: dict, only_untagged: bool, summary: TagSummary) -> None:
    texts, vectors = selectors.texts_and_vectors(ids)
    ids = list(texts)
    if not ids:
        return
    matrix = np.stack([vectors[pk] for pk in ids])
    with transaction.atomic():
        goals: dict[int, set[str]] = defaultdict(set)
        for slug, model in models.items():
            predictions = model.predict([texts[pk] for pk in ids], matrix)
            _write(slug, dict(zip(ids, predictions, strict=False)), vocabularies[slug], only_untagged, goals, summary)


def _write(
    slug: str,
    predictions: dict[int, list[tuple[str, float]]],
    terms: dict[str, Term],
    only_untagged: bool,
    goals: dict[int, set[str]],
    summary: TagSummary,
) -> None:
    """Store one taxonomy's predictions for a chunk; ``terms`` maps codes to its terms."""
    code_of = {term.pk: code for code, term in terms.items()}
    single = slug in SINGLE_LABEL
    existing = defaultdict(dict)
    for tag in TagAssignment.objects.filter(recommendation_id__in=list(predictions), term__taxonomy__slug=slug):
        existing[tag.recommendation_id][tag.term_id] = tag
    rejected = set(
        RejectedTag.objects.filter(recommendation_id__in=list(predictions), term__taxonomy__slug=slug).values_list(
            "recommendation_id", "term_id"
        )
    )
    new, changed, stale = [], [], []
    for pk, labels in predictions.items():
        have = existing[pk]
        if slug == ref.SDG_GOALS:
            goals[pk] |= {code_of[term_id] for term_id in have}
        settled = any(not _is_suggestion(t) for t in have.values())
        if settled and (only_untagged or single):
            continue  # one label only, and a person or the source gave it
        wanted = {}
        for code, score in labels:
            term = terms.get(code)
            if term is None or (pk, term.pk) in rejected:
                continue
            if slug == ref.SDG_TARGETS and term.parent and term.parent.code not in goals[pk]:
                continue  # a target only under one of the recommendation's goals
            wanted[term.pk] = score
            if slug == ref.SDG_GOALS:
                goals[pk].add(code)
        for term_id, score in wanted.items():
            tag = have.get(term_id)
            if tag is None:
                new.append(
                    TagAssignment(
                        recommendation_id=pk,
                        term_id=term_id,
                        origin=TagOrigin.AUTOMATIC,
                        source="rightstrack",
                        confidence=score,
                    )
                )
            elif _is_suggestion(tag) and tag.confidence != score:
                tag.confidence = score
                changed.append(tag)
        stale += [t.pk for tid, t in have.items() if _is_suggestion(t) and tid not in wanted]
    TagAssignment.objects.bulk_create(new, batch_size=1000)
    TagAssignment.objects.bulk_update(changed, ["confidence"], batch_size=1000)
    TagAssignment.objects.filter(pk__in=stale).delete()
    summary.added += len(new)
    summary.updated += len(changed)
    summary.removed += len(stale)


def _is_suggestion(tag: TagAssignment) -> bool:
    """Only unconfirmed automatic tags belong to the classifier; everything else is a
    person's or a source's and is never changed by a run."""
    return not is_data_tag(tag)


# --- a person's decisions ------------------------------------------------------------


def _require_reviewer(user) -> None:
    if not can(user, "tagging.review"):
        raise NotAllowedError(_("Only staff may do this."))


def _suggestions(tag_ids: Iterable[int]):
    return TagAssignment.objects.filter(pk__in=list(tag_ids), origin=TagOrigin.AUTOMATIC, confirmed=False)


@transaction.atomic
def accept(user, tag_ids: Iterable[int]) -> int:
    """Confirm these suggestions; returns how many (tags that are not pending
    suggestions are left alone)."""
    _require_reviewer(user)
    pending = list(_suggestions(tag_ids).select_related("term__taxonomy"))
    done = TagAssignment.objects.filter(pk__in=[t.pk for t in pending]).update(
        confirmed=True, confirmed_by=user, confirmed_at=timezone.now()
    )
    if done:
        changed(accept, [t.recommendation_id for t in pending], texts=False)
        _audit(user, pending, "confirmed")
    return done


@transaction.atomic
def reject(user, tag_ids: Iterable[int]) -> int:
    """Remove these suggestions and remember that they were wrong; returns how many."""
    _require_reviewer(user)
    tags = list(_suggestions(tag_ids))
    RejectedTag.objects.bulk_create(
        [
            RejectedTag(
                recommendation_id=t.recommendation_id, term_id=t.term_id, confidence=t.confidence, rejected_by=user
            )
            for t in tags
        ],
        ignore_conflicts=True,
    )
    TagAssignment.objects.filter(pk__in=[t.pk for t in tags]).delete()
    if tags:
        changed(reject, [t.recommendation_id for t in tags], texts=False)
        _audit(user, tags, "rejected")
    return len(tags)


def _audit(user, tags: list[TagAssignment], outcome: str) -> None:
    """One event on each recommendation: the suggestion, before, and its fate, after."""
    record_many(
        user,
        Recommendation,
        [
            (
                t.recommendation_id,
                AuditAction.CHANGED,
                {
                    "tag": [
                        f"suggested: {t.term.taxonomy.slug} {t.term.code}",
                        f"{outcome}: {t.term.taxonomy.slug} {t.term.code}",
                    ]
                },
                "",
            )
            for t in tags
        ],
    )
