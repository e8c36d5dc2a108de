"""Labelled recommendations with stored vectors, for training small classifiers in tests;
factory_boy factories of suggestions and classifier rows, for the pages and the API."""

from __future__ import annotations

import factory
import numpy as np

from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.tests.factories import RecommendationFactory, TagFactory, term
from rightstrack.search import embedding
from rightstrack.search.models import Embedding
from rightstrack.tagging.models import Classifier

# Opening words decide the UPR Info action category: enough for a tiny model to learn.
ACTION_TEXTS = {
    "5": [
        "Ratify the Convention against Torture {}",
        "Adopt a law on domestic violence {}",
        "Ratify the Optional Protocol on the sale of children {}",
    ],
    "3": ["Consider ratifying the Convention on migrant workers {}", "Consider the possibility of abolishing {}"],
    "2": ["Continue its efforts to combat trafficking {}", "Continue to strengthen the national institution {}"],
}


def with_vector(rec: Recommendation, seed: int) -> Recommendation:
    """Store a (random but fixed) sentence vector so no test loads the real encoder."""
    vector = np.random.default_rng(seed).normal(size=embedding.DIMENSIONS).astype(np.float32)
    Embedding.objects.update_or_create(
        recommendation=rec,
        defaults={"model": embedding.MODEL_NAME, "text_key": rec.text_key, "vector": embedding.to_bytes(vector)},
    )
    return rec


def labelled_actions(per_text: int = 4) -> list[Recommendation]:
    """Recommendations with imported action-category tags (and vectors)."""
    recs = []
    for code, patterns in ACTION_TEXTS.items():
        for pattern in patterns:
            for i in range(per_text):
                rec = with_vector(RecommendationFactory(text=pattern.format(f"(item {i})")), len(recs))
                TagFactory(recommendation=rec, term=term("action-category", code))
                recs.append(rec)
    return recs


class SuggestionFactory(TagFactory):
    """A classifier's pending suggestion: automatic, with a confidence, not confirmed."""

    origin = "automatic"
    source = "rightstrack"
    confidence = 0.8
    confirmed = False
    term = factory.LazyFunction(lambda: term("sdg-goals", "16"))


class ClassifierFactory(factory.django.DjangoModelFactory):
    """A classifier row with figures and no model in it (pages and the API read only the figures)."""

    class Meta:
        model = Classifier

    taxonomy = "action-category"
    origin = "trained"
    n_train = 1234
    labels = factory.LazyFunction(lambda: ["1", "2", "3", "4", "5"])
    metrics = factory.LazyFunction(
        lambda: {
            "n": 185,
            "accuracy": 0.873,
            "micro_f1": 0.873,
            "macro_f1": 0.712,
            "samples_f1": 0.873,
            "quadratic_kappa": 0.861,
            "per_label": {},
        }
    )
    blob = b""
    active = True
