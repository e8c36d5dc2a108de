"""Every endpoint in the OpenAPI schema, called anonymously and with a token.

The endpoints come from the schema, not from a list here, so an endpoint added later is
called by this test too; one with a path parameter this test has no values for fails it
until the values are added to ``path_values``. Every read (GET) answers anonymously
(those of items only some signed-in people see, consultation rounds, with a 404);
every write refuses a caller without credentials.
"""

import re

import pytest

from rightstrack.api.tests.helpers import SECRET, body, readable

pytestmark = pytest.mark.django_db


def path_values(world) -> dict[str, dict[str, object]]:
    """For each path parameter: a value anyone may see, one only a signed-in user may
    see (None when the data has no such thing), and one that does not exist. Parameters
    only writes take have no private value; a consultation round has no public one."""
    follow = world.follow
    from rightstrack.progress.tests.followup_sample import procedure

    public, private = procedure(world.published, "CCPR/C/SVN/CO/4"), procedure(world.draft, "CCPR/C/SVN/CO/5")
    return {
        "followup_id": {"public": public.pk, "private": private.pk, "missing": 999999},
        # not a path parameter: the follow-up report's query (QUERIES)
        "followup_symbol": {"public": "CCPR/C/SVN/CO/4", "private": "CCPR/C/SVN/CO/5", "missing": "CCPR/C/X/CO/1"},
        "recommendation_id": {"public": world.published.pk, "private": world.draft.pk, "missing": 999999},
        "document_id": {"public": world.public_document.pk, "private": world.draft_document.pk, "missing": 999999},
        "slug": {"public": "sdg-goals", "private": None, "missing": "no-such-taxonomy"},
        "plan_id": {"public": follow.plan.pk, "private": follow.hidden_plan.pk, "missing": 999999},
        "cluster_id": {"public": follow.cluster.pk, "private": follow.hidden_cluster.pk, "missing": 999999},
        "action_id": {"public": follow.action.pk, "private": follow.hidden_action.pk, "missing": 999999},
        "report_id": {"public": follow.report.pk, "private": follow.hidden_report.pk, "missing": 999999},
        "evidence_id": {"public": follow.evidence.pk, "private": follow.hidden_evidence.pk, "missing": 999999},
        "entity_id": {"public": follow.entity.pk, "private": None, "missing": 999999},
        "indicator_id": {"public": follow.indicator.pk, "private": None, "missing": 999999},
        "round_id": {"public": None, "private": follow.round.pk, "missing": 999999},
        "username": {"public": follow.focal.username, "private": None, "missing": "nobody"},
    }


# Reads that answer with a document (Word by default) rather than JSON.
DOCUMENTS = {"/api/documents/matrix", "/api/documents/midterm", "/api/documents/plan", "/api/documents/followup"}
# Reads that need a query: what to ask for, from the world's values.
QUERIES = {
    "/api/documents/midterm": lambda values, kind: "?country=SVN&cycle=3&format=pdf",
    "/api/documents/plan": lambda values, kind: f"?plan={values['plan_id'][kind]}&format=xlsx",
    "/api/documents/followup": lambda values, kind: f"?document={values['followup_symbol'][kind]}&format=pdf",
}


def _url(path: str, values: dict, kind: str) -> str | None:
    names = re.findall(r"{(\w+)}", path)
    missing = [name for name in names if name not in values]
    assert not missing, f"{path}: add values for {missing} to path_values() in this test"
    chosen = {name: values[name][kind] for name in names}
    if any(value is None for value in chosen.values()):
        return None
    query = QUERIES[path](values, kind) if path in QUERIES else ""
    return re.sub(r"{(\w+)}", lambda m: str(chosen[m.group(1)]), path) + query


def test_every_endpoint_answers_with_and_without_a_token(client, world, user, auth, settings):
    world.follow.round.invited.add(user)  # so that the token's user sees the round
    settings.API_ANONYMOUS_RATE = ""  # every endpoint, anonymously: more than an address's minute
    schema = client.get("/api/openapi.json").json()
    values = path_values(world)
    seen_by_token = b""
    called = 0
    reads = [path for path, operations in schema["paths"].items() if "get" in operations]
    for path in reads:
        has_parameters = "{" in path
        public = _url(path, values, "public")
        called += 1
        if public:
            anonymous, with_token = client.get(public), client.get(public, **auth)
            assert anonymous.status_code == 200, (path, body(anonymous))
            assert with_token.status_code == 200, (path, body(with_token))
            # Every answer is JSON but a file download (with its own type, checked on upload)
            # and a document.
            assert (
                anonymous["Content-Type"].startswith("application/json") or path.endswith("/file") or path in DOCUMENTS
            ), path
            assert SECRET.encode() not in readable(anonymous), f"{public} shows unpublished data anonymously"
            seen_by_token += readable(with_token)
        if not has_parameters:
            continue
        missing = _url(path, values, "missing")
        assert client.get(missing).status_code == 404 and client.get(missing, **auth).status_code == 404, missing
        private = _url(path, values, "private")
        if private:
            anonymous = client.get(private)
            assert anonymous.status_code == 404 and SECRET.encode() not in body(anonymous), private
            assert client.get(private, **auth).status_code == 200, private
    assert called == len(reads) >= 20
    # The token does see the unpublished records, so the anonymous check above can fail.
    assert SECRET.encode() in seen_by_token


def test_every_write_refuses_a_caller_without_credentials(client, world):
    schema = client.get("/api/openapi.json").json()
    values = path_values(world)
    writes = [
        (path, method) for path, operations in schema["paths"].items() for method in operations if method != "get"
    ]
    assert writes and all(method == "post" for _path, method in writes), writes
    for path, method in writes:
        url = _url(path, values, "public") or _url(path, values, "private")
        response = client.generic(method.upper(), url, "{}", content_type="application/json")
        assert response.status_code == 401, (path, body(response))
        assert {} not in schema["paths"][path][method]["security"], f"{path}: a write must not list anonymous access"
