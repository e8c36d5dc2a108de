"""The API holds every JSON body to the input limits before an endpoint reads it."""
import json

import pytest

from rightstrack.api.limits import problem
from rightstrack.core.limits import MAX_JSON_DEPTH, MAX_TEXT_CHARS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("body, parameter, message", [
    ({"text": "a\x00b"}, "text", "NUL byte"),
    ({"text": "x" * (MAX_TEXT_CHARS + 1)}, "text", "more than the 50,000 allowed"),
    ({"ids": [1, {"note": "\x00"}]}, "ids[1].note", "NUL byte"),
    ({"a\x00": 1}, "a\x00", "NUL byte"),
])
def test_values_over_a_limit_are_named(body, parameter, message):
    found = problem(json.dumps(body).encode())
    assert found and found[0] == parameter and message in found[1]


def test_deep_nesting_is_refused_without_crashing():
    assert "nested more than" in problem(b"[" * 100_000 + b"]" * 100_000)[1]
    assert "nested more than" in problem(json.dumps(json.loads("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1))).encode())[1]
    assert problem(json.dumps({"text": "Adopt a law", "ids": [1, 2]}).encode()) is None


def test_a_comment_with_a_nul_byte_is_a_400_naming_the_field(client, world, auth):
    response = client.post("/api/comments", json.dumps({"text": "Good\x00", "recommendation": world.published.pk}),
                           content_type="application/json", **auth)
    assert response.status_code == 400
    assert response.json()["errors"] == [{"parameter": "text", "message": response.json()["detail"]}]
    assert "NUL byte" in response.json()["detail"]
