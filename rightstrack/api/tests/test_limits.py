"""The API holds every JSON body to the input limits before an endpoint reads it."""

import json

import pytest

from rightstrack.api.limits import problem
from rightstrack.core.limits import MAX_JSON_DEPTH, MAX_TEXT_CHARS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "body, parameter, message",
    [
        ({"text": "a\x00b"}, "text", "NUL byte"),
        ({"text": "x" * (MAX_TEXT_CHARS + 1)}, "text", "more than the 50,000 allowed"),
        ({"ids": [1, {"note": "\x00"}]}, "ids[1].note", "NUL byte"),
        ({"a\x00": 1}, "a\x00", "NUL byte"),
    ],
)
def test_values_over_a_limit_are_named(body, parameter, message):
    found = problem(json.dumps(body).encode())
    assert found and found[0] == parameter and message in found[1]


def test_deep_nesting_is_refused_without_crashing():
    assert "nested more than" in problem(b"[" * 100_000 + b"]" * 100_000)[1]
    assert (
        "nested more than"
        in problem(json.dumps(json.loads("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1))).encode())[1]
    )
    assert problem(json.dumps({"text": "Adopt a law", "ids": [1, 2]}).encode()) is None


def test_a_comment_with_a_nul_byte_is_a_400_naming_the_field(client, world, auth):
    response = client.post(
        "/api/comments",
        json.dumps({"text": "Good\x00", "recommendation": world.published.pk}),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [{"parameter": "text", "message": response.json()["detail"]}]
    assert "NUL byte" in response.json()["detail"]


def test_a_json_body_over_django_s_memory_limit_is_a_413(client, auth):
    body = json.dumps({"texts": ["x" * 40_000] * 70})  # 2.8 MB: over 2.5 MB, each text allowed
    response = client.post("/api/classify", body, content_type="application/json", **auth)
    assert response.status_code == 413 and "larger than 2.5 MB" in response.json()["detail"]


def test_anonymous_use_is_limited_per_address_and_says_when_to_come_back(client, settings, auth):
    settings.API_ANONYMOUS_RATE = "5/m"
    for _ in range(5):
        assert client.get("/api/states").status_code == 200
    refused = client.get("/api/states")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    assert "API token" in refused.json()["detail"]
    # Another address, a token, and a made-up forwarded address.
    assert client.get("/api/states", REMOTE_ADDR="10.0.0.2").status_code == 200
    assert client.get("/api/states", **auth).status_code == 200
    assert client.get("/api/states", HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429


def test_signed_in_browsers_are_not_counted(client, settings, user):
    settings.API_ANONYMOUS_RATE = "2/m"
    client.force_login(user)
    assert all(client.get("/api/states").status_code == 200 for _ in range(5))


def test_no_rate_no_limit(client, settings):
    settings.API_ANONYMOUS_RATE = ""
    assert all(client.get("/api/states").status_code == 200 for _ in range(20))
