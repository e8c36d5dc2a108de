"""Labelled recommendations with stored vectors, for training small classifiers in tests."""
from __future__ import annotations

import numpy as np

from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.tests.factories import RecommendationFactory, TagFactory, term
from rightstrack.search import embedding
from rightstrack.search.models import Embedding

# Opening words decide the UPR Info action category: enough for a tiny model to learn.
ACTION_TEXTS = {
    "5": ["Ratify the Convention against Torture {}", "Adopt a law on domestic violence {}",
          "Ratify the Optional Protocol on the sale of children {}"],
    "3": ["Consider ratifying the Convention on migrant workers {}", "Consider the possibility of abolishing {}"],
    "2": ["Continue its efforts to combat trafficking {}", "Continue to strengthen the national institution {}"],
}


def with_vector(rec: Recommendation, seed: int) -> Recommendation:
    """Store a (random but fixed) sentence vector so no test loads the real encoder."""
    vector = np.random.default_rng(seed).normal(size=embedding.DIMENSIONS).astype(np.float32)
    Embedding.objects.update_or_create(recommendation=rec, defaults={
        "model": embedding.MODEL_NAME, "text_key": rec.text_key, "vector": embedding.to_bytes(vector)})
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
