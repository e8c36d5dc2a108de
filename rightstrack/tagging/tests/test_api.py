"""REST API of tagging: suggestions of a recommendation, accepting and rejecting them
(staff only, by token or session), classifying texts, the classifiers' figures."""

import numpy as np
import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from rightstrack.api.services import create_token
from rightstrack.recommendations.models import TagAssignment
from rightstrack.recommendations.tests.factories import RecommendationFactory, TagFactory, term
from rightstrack.search import embedding
from rightstrack.tagging import learn, selectors, services
from rightstrack.tagging.models import RejectedTag
from rightstrack.tagging.tests.factories import ClassifierFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recs():
    published = RecommendationFactory(text="Ratify the Convention against Torture")
    draft = RecommendationFactory(text="Adopt a plan on prisons", is_published=False)
    return {
        "published": published,
        "draft": draft,
        "goal": SuggestionFactory(recommendation=published, confidence=0.9),
        "theme": SuggestionFactory(recommendation=published, term=term("uhri-themes", "A12"), confidence=0.6),
        "draft_goal": SuggestionFactory(recommendation=draft, term=term("sdg-goals", "5")),
        "imported": TagFactory(recommendation=published, term=term("sdg-targets", "16.2")),
    }


def _bearer(username: str, **flags) -> dict:
    get_user_model().objects.create_user(username, **flags)
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(username)[1]}"}


@pytest.fixture
def staff_token() -> dict:
    return _bearer("nmrf", is_staff=True)


@pytest.fixture
def member_token() -> dict:
    return _bearer("reader")


def _post(client, url, data, **extra):
    return client.post(url, data, content_type="application/json", **extra)


# Suggestions of a recommendation ----------------------------------------------------


def test_suggestions_of_a_recommendation(client, recs, member_token, staff_token):
    published = f"/api/recommendations/{recs['published'].pk}/suggestions"
    body = client.get(published, **staff_token).json()
    assert body == [
        {"id": recs["goal"].pk, "taxonomy": "sdg-goals", "code": "16", "label": body[0]["label"], "confidence": 0.9},
        {
            "id": recs["theme"].pk,
            "taxonomy": "uhri-themes",
            "code": "A12",
            "label": "A12 Acceptance of international norms",
            "confidence": 0.6,
        },
    ]
    # Suggestions are not data: anybody but staff gets none.
    assert client.get(published).json() == [] and client.get(published, **member_token).json() == []
    draft = f"/api/recommendations/{recs['draft'].pk}/suggestions"
    assert client.get(draft).status_code == 404
    assert [s["code"] for s in client.get(draft, **staff_token).json()] == ["5"]


# Accept and reject ------------------------------------------------------------------


def test_accept_with_a_staff_token(client, recs, staff_token):
    ids = [recs["goal"].pk, recs["imported"].pk, 999999]
    response = _post(client, "/api/suggestions/accept", {"ids": ids}, **staff_token)
    assert response.status_code == 200 and response.json() == {"done": 1}
    goal = TagAssignment.objects.get(pk=recs["goal"].pk)
    assert goal.confirmed and goal.confirmed_by.username == "nmrf"
    imported = TagAssignment.objects.get(pk=recs["imported"].pk)
    assert imported.origin == "imported" and not imported.confirmed


def test_reject_with_a_staff_session(recs):
    client = Client(enforce_csrf_checks=True)
    staff = get_user_model().objects.create_user("nmrf", is_staff=True)
    client.force_login(staff)
    body = {"ids": [recs["theme"].pk, recs["imported"].pk]}
    assert _post(client, "/api/suggestions/reject", body).status_code == 403  # a session needs its CSRF token
    client.get("/")  # sets the CSRF cookie
    response = _post(client, "/api/suggestions/reject", body, HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    assert response.json() == {"done": 1}
    assert RejectedTag.objects.filter(term__code="A12", rejected_by=staff).exists()
    assert not TagAssignment.objects.filter(pk=recs["theme"].pk).exists()
    assert TagAssignment.objects.filter(pk=recs["imported"].pk).exists()


@pytest.mark.parametrize("url", ["/api/suggestions/accept", "/api/suggestions/reject"])
def test_only_staff_decide(client, recs, member_token, url):
    body = {"ids": [recs["goal"].pk]}
    assert _post(client, url, body).status_code == 401
    assert _post(client, url, body, HTTP_AUTHORIZATION="Bearer rt_no-such-token").status_code == 401
    refused = _post(client, url, body, **member_token)
    assert refused.status_code == 403 and refused.json() == {"detail": "Only staff may do this."}
    client.force_login(get_user_model().objects.get(username="reader"))
    assert _post(client, url, body).status_code == 403
    assert TagAssignment.objects.filter(pk=recs["goal"].pk, confirmed=False).exists()
    assert not RejectedTag.objects.exists()


def test_decisions_need_a_list_of_ids(client, recs, staff_token):
    assert _post(client, "/api/suggestions/accept", {"ids": "all"}, **staff_token).status_code == 400
    assert _post(client, "/api/suggestions/accept", {}, **staff_token).status_code == 400


# Classify ---------------------------------------------------------------------------


@pytest.fixture
def trained(monkeypatch):
    """A tiny action-category model on random vectors (words decide), and an encoder
    that returns random vectors (the real one is not needed to test the endpoint)."""
    # The process-wide model cache knows classifiers by id, and ids come round again
    # after a test's rollback: keep this test's model out of the other tests' cache.
    monkeypatch.setattr(selectors, "_loaded", {})
    rng = np.random.default_rng(0)
    verbs = {"5": "Ratify the convention on", "3": "Consider ratifying the convention on", "2": "Continue efforts on"}
    examples = [
        learn.Example(f"{verb} topic {n}", [label], rng.normal(size=512).astype(np.float32))
        for n in range(14)
        for label, verb in verbs.items()
    ]
    model, _figures = learn.fit("action-category", examples, multi=False, use_lead=True)
    services.save_classifier(model, len(examples), {}, "trained")
    monkeypatch.setattr(embedding, "embed", lambda texts: rng.normal(size=(len(texts), 512)).astype(np.float32))


def test_classify(client, trained, member_token):
    texts = ["Ratify the convention on torture", "Consider ratifying the convention on migrants"]
    response = _post(client, "/api/classify", {"taxonomy": "action-category", "texts": texts}, **member_token)
    assert response.status_code == 200
    body = response.json()
    assert [item["text"] for item in body] == texts
    assert [[label["label"] for label in item["labels"]] for item in body] == [["5"], ["3"]]
    assert all(0 <= item["labels"][0]["score"] <= 1 for item in body)


def test_classify_without_a_model_or_credentials(client, db, member_token):
    body = {"taxonomy": "sdg-goals", "texts": ["Ratify CEDAW"]}
    assert _post(client, "/api/classify", body).status_code == 401
    missing = _post(client, "/api/classify", body, **member_token)
    assert missing.status_code == 404 and "rightstrack train --taxonomy sdg-goals" in missing.json()["detail"]
    unknown = _post(client, "/api/classify", {"taxonomy": "astrology", "texts": ["x"]}, **member_token)
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["parameter"] == "taxonomy"
    assert _post(client, "/api/classify", {"taxonomy": "sdg-goals", "texts": []}, **member_token).status_code == 400


# Classifiers ------------------------------------------------------------------------


def test_classifiers_and_their_figures(client, db):
    assert client.get("/api/classifiers").json() == []
    ClassifierFactory(
        metrics={
            "n": 185,
            "accuracy": 0.873,
            "micro_f1": 0.873,
            "macro_f1": 0.712,
            "samples_f1": 0.873,
            "per_label": {"5": {"precision": 0.9, "recall": 0.8, "f1": 0.85, "support": 40}},
        }
    )
    ClassifierFactory(taxonomy="sdg-goals", metrics={}, labels=["5", "16"])
    ClassifierFactory(taxonomy="sdg-goals", active=False)
    body = client.get("/api/classifiers").json()
    assert [c["taxonomy"] for c in body] == ["sdg-goals", "action-category"]  # the contract's order
    goals, action = body
    assert (goals["labels"], goals["n"], goals["accuracy"], goals["per_label"]) == (["5", "16"], None, None, {})
    assert action["n_train"] == 1234 and action["accuracy"] == 0.873 and action["quadratic_kappa"] is None
    assert action["per_label"]["5"]["support"] == 40 and action["origin"] == "trained"


def test_classify_refuses_a_text_longer_than_a_recommendation(client, trained, member_token):
    # A 600 KB text once took the server to 2 GB: refused before the classifier sees it.
    response = _post(
        client, "/api/classify", {"taxonomy": "action-category", "texts": ["Ratify " * 100_000]}, **member_token
    )
    assert response.status_code == 400 and response.json()["errors"][0]["parameter"].startswith("texts")
    fits = _post(client, "/api/classify", {"taxonomy": "action-category", "texts": ["Ratify " * 7_000]}, **member_token)
    assert fits.status_code == 200


def test_classify_reads_a_budget_of_characters_per_caller_and_minute(
    client, trained, member_token, settings, monkeypatch
):
    # 50,000 characters back to back once took a core from everybody else.
    from rightstrack.api import limits

    settings.CLASSIFY_CHARACTERS = 100_000
    monkeypatch.setattr(limits.time, "time", lambda: 1_000_040.0)  # 20 s into a minute
    text = {"taxonomy": "action-category", "texts": ["Ratify " * 6_000]}  # 42,000 characters
    statuses = [_post(client, "/api/classify", text, **member_token).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = _post(client, "/api/classify", text, **member_token)
    assert refused["Retry-After"] == "40"
    assert "84,000 characters" in refused.json()["detail"] and "rightstrack tag" in refused.json()["detail"]
    # Another caller has a budget of its own; the next minute starts afresh.
    assert _post(client, "/api/classify", text, **_bearer("another-reader")).status_code == 200
    monkeypatch.setattr(limits.time, "time", lambda: 1_000_080.0)
    assert _post(client, "/api/classify", text, **member_token).status_code == 200
    # 0 turns it off.
    settings.CLASSIFY_CHARACTERS = 0
    assert [_post(client, "/api/classify", text, **member_token).status_code for _ in range(4)] == [200] * 4
