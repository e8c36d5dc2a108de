"""Machines suggest, people decide: a classifier's suggestion nobody confirmed is never
published as data.

The recommendations carry tags of every kind: imported, manual, a confirmed
classifier's tag and pending suggestions. No suggestion may show in any format of
``rightstrack export``, in any anonymous API response (every GET path of the OpenAPI
schema), in the UHRI-layout export, or on the public pages; staff see them, marked,
where they ask for them (``--include-suggestions``, ``?include=suggestions``, the
detail page).
"""

import csv
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import load_workbook

from rightstrack.api.services import create_token
from rightstrack.api.tests.helpers import body, payload, readable
from rightstrack.api.tests.test_every_endpoint import _url, path_values
from rightstrack.recommendations.tests.factories import TagFactory, term

pytestmark = pytest.mark.django_db

# Pending suggestions, and the data tags beside them: (taxonomy, code, confidence).
SUGGESTED = [
    ("uhri-themes", "human-rights-climate-change", 0.64),
    ("affected-persons", "indigenous-peoples", 0.58),
    ("sdg-goals", "13", 0.71),
    ("action-category", "4", 0.9),
]
CONFIRMED = ("uhri-themes", "death-penalty")
# The record keys that hold tags (reports.exporters.TAG_KEYS).
TAG_KEYS = ["themes", "affected_persons", "sdg_goals", "sdg_targets", "upr_info_issues", "action_category"]
# The reference API lists every term of a taxonomy, used or not: a vocabulary, not tags;
# so do the choices of a page's filter form.
VOCABULARY = ("/api/taxonomies",)
CHOICES = re.compile(r"<(select|datalist)\b.*?</\1>", re.S)


@pytest.fixture
def suggested(world):
    """Suggestions on two published recommendations (one already holds imported, manual
    and confirmed tags), and a confirmed classifier's theme; the words that name each
    suggestion (labels, and the tag codes that cannot occur by chance)."""
    for rec in (world.published, world.others[0]):
        for taxonomy, code, confidence in SUGGESTED:
            TagFactory(recommendation=rec, term=term(taxonomy, code), origin="automatic", confidence=confidence)
    TagFactory(
        recommendation=world.published, term=term(*CONFIRMED), origin="automatic", confidence=0.9, confirmed=True
    )
    TagFactory(recommendation=world.published, term=term("affected-persons", "children"), origin="manual")
    # "13 - Climate action": the UHRI layout writes the goal's title in capitals.
    goal = term("sdg-goals", "13").label.removeprefix("13 - ")
    return [
        "human-rights-climate-change",
        "indigenous-peoples",
        "Indigenous peoples",
        "climate change",
        goal,
        goal.upper(),
        "General action",
    ]


@pytest.fixture
def staff_auth(db) -> dict:
    get_user_model().objects.create_user("planner", password="x-very-long-passphrase", is_staff=True)
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token('planner', 'tests')[1]}"}


def _absent(words: list[str], text: str, where: str) -> None:
    found = [word for word in words if word in text]
    assert not found, f"{where} shows suggestions: {found}"


def _export(tmp_path, fmt: str, *options) -> str:
    out = tmp_path / f"export.{fmt}"
    call_command("export", "--format", fmt, "-o", str(out), *options)
    if fmt != "xlsx":
        return out.read_text(encoding="utf-8")
    sheet = load_workbook(out).active
    return "\n".join("\t".join("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True))


def test_no_suggestion_is_published(client, world, suggested, tmp_path):
    # Every format of ``rightstrack export``; the data tags stay.
    for fmt in ("json", "csv", "xlsx"):
        text = _export(tmp_path, fmt)
        _absent(suggested, text, f"rightstrack export --format {fmt}")
        assert "Death penalty" in text and "Children" in text, fmt
    records = {r["id"]: r for r in json.loads(_export(tmp_path, "json"))}
    published = records[world.published.pk]
    assert published["sdg_goals"] == [16] and published["action_category"] is None and "suggestions" not in published
    # Every GET path of the API, anonymously: lists, details, search, exports.
    schema = client.get("/api/openapi.json").json()
    values, called = path_values(world), 0
    for path in schema["paths"]:
        if "get" not in schema["paths"][path] or path.startswith(VOCABULARY):
            continue
        url = _url(path, values, "public")
        if url is None:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        _absent(suggested, readable(response).decode(), f"GET {url}")  # a matrix: its XML
        called += 1
    assert called >= 20
    for url in (
        "/api/export/uhri.json",
        f"/api/recommendations/{world.published.pk}",
        "/api/recommendations",
        "/api/search?q=Convention",
    ):
        assert world.published.text.encode() in body(client.get(url)), url  # the walk did read the record
    uhri = {r["Text"]: r for r in payload(client.get("/api/export/uhri.json"))}["121.1 " + world.published.text]
    assert "Death penalty" in uhri["Themes"] and "Children" in uhri["Affected Persons"]

    # A suggestion is no filter value either: filtering by it finds nothing, by data finds it.
    def found(query):
        return {r["id"] for r in payload(client.get(f"/api/recommendations?{query}&limit=500"))["results"]}

    assert found("theme=human-rights-climate-change") == set() and found("sdg_goal=13") == set()
    assert found("theme=death-penalty") == found("tag_origin=automatic") == {world.published.pk}
    # The public pages, and the same pages for a signed-in person who is not staff.
    pages = [
        "/",
        "/recommendations/",
        f"/recommendations/{world.published.pk}/",
        "/search/",
        "/search/?q=Convention",
        f"/search/similar/{world.published.pk}/",
        "/search/review/A/HRC/43/15/",
        "/dashboard/",
        f"/plans/{world.follow.plan.pk}/",
    ]
    for who in ("anonymous", "viewer"):
        if who == "viewer":
            client.force_login(get_user_model().objects.create_user("viewer", password="x-very-long-passphrase"))
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, (who, url)
            _absent(suggested, CHOICES.sub("", response.content.decode()), f"{url} for {who}")
    detail = client.get(f"/recommendations/{world.published.pk}/").content.decode()
    assert "Death penalty" in detail and 'class="suggested"' not in detail
    # The search page's facets were read: they list the data tags.
    assert "Death penalty" in CHOICES.sub("", client.get("/search/").content.decode())


def test_export_includes_suggestions_only_when_asked_and_apart(world, suggested, tmp_path):
    records = {r["id"]: r for r in json.loads(_export(tmp_path, "json", "--include-suggestions"))}
    record = records[world.published.pk]
    assert set(record["suggestions"]) == set(TAG_KEYS)
    assert record["suggestions"]["themes"] == [
        {"code": "human-rights-climate-change", "label": "Human rights & climate change", "confidence": 0.64}
    ]
    assert [s["code"] for s in record["suggestions"]["sdg_goals"]] == ["13"]
    assert record["sdg_goals"] == [16] and "Human rights & climate change" not in record["themes"]
    assert "Death penalty" in record["themes"]  # a confirmed classifier's tag is data
    assert records[world.others[1].pk]["suggestions"]["themes"] == []
    for fmt in ("csv", "xlsx"):
        text = _export(tmp_path, fmt, "--include-suggestions")
        rows = list(csv.DictReader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t"))
        row = next(r for r in rows if r["id"] == str(world.published.pk))
        assert row["themes (suggested)"] == "Human rights & climate change (0.64)", fmt
        assert row["sdg_goals (suggested)"] == "13 (0.71)" and row["action_category (suggested)"] == "4 (0.90)"
        assert row["sdg_goals"] == "16" and "climate" not in row["themes"] and row["action_category"] in ("", "None")
        assert list(rows[0])[-6:] == [f"{key} (suggested)" for key in TAG_KEYS]


def test_api_gives_suggestions_to_staff_who_ask(client, world, suggested, auth, staff_auth):
    pk = world.published.pk
    detail = payload(client.get(f"/api/recommendations/{pk}?include=suggestions", **staff_auth))
    assert [s["code"] for s in detail["suggestions"]["themes"]] == ["human-rights-climate-change"]
    assert detail["suggestions"]["affected_persons"] == [
        {"code": "indigenous-peoples", "label": "Indigenous peoples", "confidence": 0.58}
    ]
    tags = {(tag["taxonomy"], tag["code"]) for tag in detail["tags"]}
    assert CONFIRMED in tags and ("uhri-themes", "human-rights-climate-change") not in tags
    listed = payload(client.get("/api/recommendations?include=suggestions", **staff_auth))["results"]
    assert next(r for r in listed if r["id"] == pk)["suggestions"]["sdg_goals"][0]["code"] == "13"
    # Not asked: no key at all; asked by somebody who is not staff: refused.
    assert "suggestions" not in payload(client.get(f"/api/recommendations/{pk}", **staff_auth))
    assert all("suggestions" not in r for r in payload(client.get("/api/recommendations", **staff_auth))["results"])
    for who in ({}, auth):
        assert client.get(f"/api/recommendations/{pk}?include=suggestions", **who).status_code == 403
        assert client.get("/api/recommendations?include=suggestions", **who).status_code == 403
    assert client.get(f"/api/recommendations/{pk}?include=everything", **staff_auth).status_code == 400
    described = json.dumps(client.get("/api/openapi.json").json()["paths"]["/api/recommendations"])
    assert "include" in described and "staff" in described


def test_staff_pages_show_suggestions_marked(client, world, suggested):
    client.force_login(
        get_user_model().objects.create_user("planner", password="x-very-long-passphrase", is_staff=True)
    )
    page = client.get(f"/recommendations/{world.published.pk}/").content.decode()
    marked = page.split('class="suggested"')[1]
    assert "Human rights &amp; climate change" in marked and "64%" in marked and "Accept" in marked
    assert "Death penalty" in page.split('class="suggested"')[0]
