"""A words filter is bounded: 2,000 words to GET /api/actions?q= once held six worker
threads for 104 s (a LIKE over the table per word); now a 400 that says the limit."""

import pytest

from rightstrack.core.limits import MAX_QUERY_TERMS
from rightstrack.planning.tests.factories import ActionFactory, PlanFactory

pytestmark = pytest.mark.django_db


def test_too_many_words_are_refused_with_the_limit(client):
    ActionFactory(title="Train judges")
    words = " ".join(["judges"] * 2000)
    refused = client.get("/api/actions", {"q": words})
    assert refused.status_code == 400 and "The search text is too long: at most 1000" in refused.content.decode()
    page = client.get("/plans/actions/", {"q": words})  # the page says it beside the field
    assert page.status_code == 200 and "The search text is too long" in page.content.decode()
    assert client.get("/api/followup", {"document": "x" * 200}).status_code == 400


def test_a_few_words_still_filter(client):
    ActionFactory(title="Train judges", plan=PlanFactory(is_published=True))
    found = client.get("/api/actions", {"q": " ".join(["judges"] * MAX_QUERY_TERMS)}).json()
    assert found["count"] == 1
    assert client.get("/api/actions", {"q": " ".join(["judges"] * (MAX_QUERY_TERMS + 1))}).status_code == 400
