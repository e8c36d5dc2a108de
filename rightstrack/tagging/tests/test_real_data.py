"""The classifiers on real UPR Info data (read in place from ../shared/data): trained on
early sessions, tested on later ones, against the plain TF-IDF + linear SVM baseline.
The full figures (sessions 1-13 against 14-17) come from benchmarks/tagging_eval.py;
this smaller split keeps the suite quick and fails if the recipe stops beating the baseline."""

import pytest

from rightstrack.ingest.formats import upr_info
from rightstrack.search import embedding
from rightstrack.tagging import learn
from rightstrack.tagging.metrics import figures

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def split(shared_data):
    """Sessions 1-5 to train on, sessions 6-7 to test on (6-9.csv holds 6 to 9)."""
    train = list(upr_info.parse(shared_data / "upr-info" / "1-5.csv"))
    test = [r for r in upr_info.parse(shared_data / "upr-info" / "6-9.csv") if r.session in (6, 7)]
    vectors = embedding.embed([r.text for r in train + test])
    return train, test, vectors[: len(train)], vectors[len(train) :]


@pytest.mark.parametrize(
    "slug,multi,key", [("action-category", False, "accuracy"), ("upr-info-issues", True, "micro_f1")]
)
def test_beats_the_plain_baseline_on_later_sessions(split, slug, multi, key):
    train, test, train_vectors, test_vectors = split
    examples = [learn.Example(r.text, r.tags[slug], v) for r, v in zip(train, train_vectors, strict=False)]
    model, held_out = learn.fit(slug, examples, multi=multi, use_lead=not multi)
    truth = [r.tags[slug] for r in test]
    ours = figures(
        truth,
        [[lb for lb, _s in row] for row in model.predict([r.text for r in test], test_vectors)],
        model.labels,
        multi=multi,
    )
    base = figures(
        truth, learn.baseline_predictions(examples, [r.text for r in test], multi=multi), model.labels, multi=multi
    )
    assert len(test) > 3000 and held_out["n"] > 500
    # Measured when written: action category accuracy 0.878 vs 0.834, issues micro-F1 0.866 vs 0.839.
    assert ours[key] > base[key] + 0.01, (ours[key], base[key])
