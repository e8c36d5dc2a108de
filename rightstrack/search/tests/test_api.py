import pytest
from django.contrib.auth.models import User

from rightstrack.recommendations.tests.factories import RecommendationFactory
from rightstrack.search import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def recs():
    made = [
        RecommendationFactory(text="Ratify the Convention on the Rights of Migrant Workers"),
        RecommendationFactory(text="Ratify the International Convention on the Rights of All Migrant Workers"),
        RecommendationFactory(text="Migrant workers: adopt a plan", is_published=False),
    ]
    services.embed_missing()
    return made


def test_search_endpoint_with_facets_and_visibility(client, recs):
    body = client.get("/api/search", {"q": "migrant workers"}).json()
    assert body["total"] == 2 and body["mode"] == "keyword"
    assert "<mark>Migrant</mark>" in body["results"][0]["highlighted"]
    assert body["facets"]["country"] == [{"value": "SVN", "label": "Slovenia", "count": 2}]
    client.force_login(User.objects.create_user("u"))
    assert client.get("/api/search", {"q": "migrant workers"}).json()["total"] == 3


def test_search_endpoint_rejects_bad_input(client, recs):
    response = client.get("/api/search", {"q": "NOT x"})
    assert response.status_code == 400 and "exclusions" in response.json()["errors"][0]["message"]
    assert client.get("/api/search", {"q": "x", "mode": "telepathy"}).status_code == 400
    assert client.get("/api/search", {"q": "x", "contry": "SVN"}).status_code == 400


def test_similar_endpoint(client, recs):
    body = client.get(f"/api/recommendations/{recs[1].pk}/similar").json()
    assert body[0]["id"] == recs[0].pk and body[0]["repeat"] is True
    assert client.get(f"/api/recommendations/{recs[2].pk}/similar").status_code == 404
