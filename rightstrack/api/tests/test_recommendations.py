"""Recommendations and documents through the API: who sees what, filters, records."""

import pytest
from django.http import QueryDict

from rightstrack.api.tests.helpers import payload
from rightstrack.core.permissions import OPERATOR
from rightstrack.recommendations.exporters import EXPORT_FIELDS, export_records
from rightstrack.recommendations.filtersets import list_filterset
from rightstrack.recommendations.models import Translation
from rightstrack.recommendations.selectors import visible_recommendations

pytestmark = pytest.mark.django_db


def all_ids(client, query: str = "", **headers) -> list[int]:
    """The ids of every page of /api/recommendations?<query>."""
    ids, cursor = [], None
    while True:
        url = f"/api/recommendations?limit=500&{query}" + (f"&cursor={cursor}" if cursor else "")
        response = client.get(url, **headers)
        assert response.status_code == 200, response.content
        data = response.json()
        ids += [record["id"] for record in data["results"]]
        cursor = data["next"]
        if cursor is None:
            return ids


def test_anonymous_callers_see_published_recommendations_only(client, world, auth):
    assert client.get(f"/api/recommendations/{world.draft.pk}").status_code == 404
    assert client.get(f"/api/recommendations/{world.draft.pk}", **auth).status_code == 200
    anonymous, with_token = set(all_ids(client)), set(all_ids(client, **auth))
    assert anonymous == set(visible_recommendations(None).values_list("pk", flat=True))
    assert world.draft.pk not in anonymous and world.draft.pk in with_token
    assert with_token == set(visible_recommendations(OPERATOR).values_list("pk", flat=True))


def test_a_signed_in_browser_session_works(client, world, user):
    client.force_login(user)
    assert client.get(f"/api/recommendations/{world.draft.pk}").status_code == 200
    assert world.draft.pk in all_ids(client)


def test_documents_of_unpublished_recommendations_only_are_hidden(client, world, auth):
    def symbols(**headers):
        return {d["symbol"] for d in client.get("/api/documents?limit=500", **headers).json()["results"]}

    assert world.public_document.symbol in symbols() and world.draft_document.symbol not in symbols()
    assert world.draft_document.symbol in symbols(**auth)
    assert client.get(f"/api/documents/{world.draft_document.pk}").status_code == 404
    document = client.get(f"/api/documents/{world.public_document.pk}").json()
    assert document["symbol"] == "A/HRC/43/15" and document["mechanism"] == "UPR" and document["session"] == 34


def test_records_are_the_export_records(client, world, auth):
    exported = {record["id"]: record for record in export_records(visible_recommendations(OPERATOR))}
    listed = client.get("/api/recommendations?limit=500", **auth).json()["results"]
    assert listed and len(listed) == len(exported)
    for record in listed:
        expected = {key: value for key, value in exported[record["id"]].items() if key != "translations"}
        assert list(record) == [key for key in EXPORT_FIELDS if key != "translations"]
        assert record == expected
    first = next(record for record in listed if record["id"] == world.published.pk)
    assert first["recommending_states"] == ["FRA", "LTU"] and first["sdg_goals"] == [16]
    assert first["sdg_targets"] == ["16.2"] and first["themes"] == ["Acceptance of international norms"]


def test_detail_adds_translations_and_tags_with_their_origin(client, world):
    Translation.objects.create(recommendation=world.published, language="fr", text="Ratifier la Convention")
    detail = client.get(f"/api/recommendations/{world.published.pk}").json()
    assert list(detail)[:18] == EXPORT_FIELDS[:18]
    assert detail["translations"] == {"fr": "Ratifier la Convention"}
    tags = {(tag["taxonomy"], tag["code"]): tag for tag in detail["tags"]}
    assert tags[("sdg-goals", "16")] == {
        "taxonomy": "sdg-goals",
        "code": "16",
        "label": tags[("sdg-goals", "16")]["label"],
        "origin": "automatic",
        "source": "",
        "confidence": 0.75,
        "confirmed": True,
    }
    assert tags[("sdg-targets", "16.2")]["origin"] == "imported" and not tags[("sdg-targets", "16.2")]["confirmed"]


# One case per filter of the FilterSet (test_every_filter_has_a_case holds this list to it).
FILTER_CASES = {
    "q": ["q=prisons"],
    "country": ["country=USA", "country=USA&country=SVN"],
    "mechanism": ["mechanism=CCPR", "mechanism=CCPR&mechanism=UPR"],
    "cycle": ["cycle=2", "cycle=3"],
    "session": ["session=20", "session=20&session=34"],
    "position": ["position=noted", "position=noted&position=partially_supported"],
    "type": ["type=concern", "type=recommendation"],
    "recommending_state": ["recommending_state=FRA", "recommending_state=USA&recommending_state=LTU"],
    "document": ["document=A/HRC/28/15", "document=a/hrc/43/15"],
    "follow_up": ["follow_up=true", "follow_up=false"],
    "theme": ["theme=acceptance-of-international-norms"],
    "sdg_goal": ["sdg_goal=16", "sdg_goal=5&sdg_goal=16"],
    "sdg_target": ["sdg_target=16.2"],
    "affected_persons": ["affected_persons=children"],
    "tag_origin": ["tag_origin=manual", "tag_origin=automatic&tag_origin=manual"],
    # Added by planning; {placeholders} are the world's ids.
    "status": ["status=in_progress", "status=not_started", "status=not_started&status=implemented"],
    "entity": ["entity={entity}"],
    "cluster": ["cluster={cluster}", "cluster={cluster}&status=in_progress"],
}


def test_every_filter_has_a_case():
    assert set(FILTER_CASES) == set(list_filterset().base_filters), (
        "add a case for each new filter of the list's FilterSet to FILTER_CASES"
    )


@pytest.mark.parametrize("query", [query for queries in FILTER_CASES.values() for query in queries])
def test_filters_give_the_filtersets_ids(client, world, auth, query):
    query = query.format(entity=world.follow.entity.pk, cluster=world.follow.cluster.pk)
    expected_ids = []
    for user, headers in ((None, {}), (OPERATOR, auth)):
        filterset = list_filterset().for_user(QueryDict(query), user)
        assert filterset.is_valid(), filterset.errors
        expected = sorted(filterset.qs.values_list("pk", flat=True))
        assert all_ids(client, query, **headers) == expected
        expected_ids.append(expected)
    # Each case narrows the list without emptying it, so a filter that is ignored fails.
    everything = visible_recommendations(OPERATOR).count()
    assert 0 < len(expected_ids[1]) < everything, query


def test_the_export_endpoint_takes_the_same_filters(client, world, auth):
    exported = payload(client.get("/api/export/uhri.json?country=USA&mechanism=CCPR", **auth))
    assert [record["Text"] for record in exported] == ["Abolish the death penalty"]
