"""Cursor paging, and the 400 answers that name the bad parameter."""

import base64

import pytest

from rightstrack.api.paging import decode_cursor, encode_cursor
from rightstrack.api.tests.helpers import payload
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.tests.factories import RecommendationFactory
from rightstrack.reference.models import State

pytestmark = pytest.mark.django_db


def test_cursor_paging_walks_every_record_once_while_records_are_added(client):
    created = [RecommendationFactory().pk for _ in range(7)]
    pages, seen, cursor = [], [], None
    while True:
        response = client.get("/api/recommendations?limit=3" + (f"&cursor={cursor}" if cursor else ""))
        assert response.status_code == 200
        page = response.json()
        pages.append(page)
        seen += [record["id"] for record in page["results"]]
        if len(pages) == 1:
            # Added after the first page: comes last, shifts nothing.
            created.append(RecommendationFactory().pk)
            Recommendation.objects.filter(pk=created[0]).delete()  # already read
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == created and len(set(seen)) == len(seen) == 8
    assert [len(page["results"]) for page in pages] == [3, 3, 2]
    assert pages[0]["count"] == 7 and all(page["count"] is None for page in pages[1:])


def test_a_short_list_has_no_next_page(client):
    RecommendationFactory()
    page = client.get("/api/recommendations").json()
    assert page["next"] is None and page["count"] == 1 and len(page["results"]) == 1


def test_reference_lists_are_paged_the_same_way(client):
    states = []
    cursor = None
    while True:
        page = client.get("/api/states?limit=100" + (f"&cursor={cursor}" if cursor else "")).json()
        states += [state["iso3"] for state in page["results"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert states == list(State.objects.order_by("pk").values_list("iso3", flat=True)) and len(states) == 195


def test_cursors_are_opaque_and_round_trip():
    assert "7" not in encode_cursor(7) and decode_cursor(encode_cursor(123456)) == 123456


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/api/recommendations?cursor=not-a-cursor", "cursor"),
        ("/api/recommendations?cursor=" + base64.urlsafe_b64encode(b"id:-4").decode(), "cursor"),
        ("/api/recommendations?cursor=" + base64.urlsafe_b64encode(b"pk:4").decode(), "cursor"),
        ("/api/states?cursor=%C3%A9t%C3%A9", "cursor"),
        ("/api/recommendations?limit=0", "limit"),
        ("/api/recommendations?limit=501", "limit"),
        ("/api/mechanisms?limit=many", "limit"),
        ("/api/recommendations?country=XXX", "country"),
        ("/api/recommendations?country=SVN&country=XXX", "country"),
        ("/api/recommendations?position=maybe", "position"),
        ("/api/recommendations?type=wish", "type"),
        ("/api/recommendations?session=999", "session"),
        ("/api/recommendations?follow_up=perhaps", "follow_up"),
        ("/api/recommendations?sdg_goal=18", "sdg_goal"),
        ("/api/recommendations?contry=SVN", "contry"),
        ("/api/documents?country=SVN", "country"),
        ("/api/export/uhri.json?mechanism=NOPE", "mechanism"),
        ("/api/export/uhri.json?limit=10", "limit"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    body = payload(response)
    assert [problem["parameter"] for problem in body["errors"]] == [parameter]
    assert body["errors"][0]["message"] and parameter in body["detail"]
