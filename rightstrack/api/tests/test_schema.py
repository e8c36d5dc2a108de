"""The OpenAPI schema and the interactive docs."""

import re

import pytest

from rightstrack import __version__
from rightstrack.api.tests.helpers import body
from rightstrack.ingest.formats.uhri import HEADERS
from rightstrack.recommendations.exporters import EXPORT_FIELDS
from rightstrack.recommendations.filtersets import list_filterset

pytestmark = pytest.mark.django_db

EXPECTED_PATHS = {
    "/api/recommendations",
    "/api/recommendations/{recommendation_id}",
    "/api/documents",
    "/api/documents/{document_id}",
    "/api/taxonomies",
    "/api/taxonomies/{slug}/terms",
    "/api/states",
    "/api/mechanisms",
    "/api/export/uhri.json",
    # Follow-up: planning, progress reporting and consultation.
    "/api/entities",
    "/api/plans",
    "/api/plans/{plan_id}",
    "/api/plans/{plan_id}/clusters",
    "/api/clusters/{cluster_id}",
    "/api/clusters/{cluster_id}/recommendations",
    "/api/responsibilities",
    "/api/actions",
    "/api/actions/{action_id}",
    "/api/actions/{action_id}/indicators",
    "/api/reports",
    "/api/reports/{report_id}",
    "/api/reports/{report_id}/submit",
    "/api/reports/{report_id}/return",
    "/api/reports/{report_id}/validate",
    "/api/reports/{report_id}/publish",
    "/api/recommendations/{recommendation_id}/tracking",
    "/api/recommendations/{recommendation_id}/assessments",
    "/api/comments",
    "/api/assessments",
    "/api/entities/{entity_id}",
    "/api/indicators/{indicator_id}",
    "/api/archive",
    "/api/people/{username}/role",
    "/api/reports/{report_id}/evidence",
    "/api/reports/{report_id}/evidence/file",
    "/api/recommendations/{recommendation_id}/comments",
    "/api/reports/{report_id}/comments",
    "/api/rounds",
    "/api/rounds/{round_id}",
    "/api/rounds/{round_id}/replies",
}
FOLLOW_UP_WRITES = {
    "/api/plans",
    "/api/plans/{plan_id}/clusters",
    "/api/clusters/{cluster_id}/recommendations",
    "/api/responsibilities",
    "/api/actions",
    "/api/actions/{action_id}",
    "/api/actions/{action_id}/indicators",
    "/api/reports",
    "/api/reports/{report_id}",
    "/api/reports/{report_id}/submit",
    "/api/reports/{report_id}/return",
    "/api/reports/{report_id}/validate",
    "/api/reports/{report_id}/publish",
    "/api/recommendations/{recommendation_id}/tracking",
    "/api/comments",
    "/api/assessments",
    "/api/entities",
    "/api/entities/{entity_id}",
    "/api/plans/{plan_id}",
    "/api/clusters/{cluster_id}",
    "/api/indicators/{indicator_id}",
    "/api/archive",
    "/api/people/{username}/role",
    "/api/reports/{report_id}/evidence",
    "/api/reports/{report_id}/evidence/file",
    "/api/rounds",
    "/api/rounds/{round_id}/replies",
}


@pytest.fixture
def schema(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    return response.json()


def _parameters(schema, path) -> set[str]:
    return {p["name"] for p in schema["paths"][path]["get"]["parameters"] if p["in"] == "query"}


def test_schema_is_openapi_3_and_lists_every_path(schema):
    assert re.fullmatch(r"3\.\d+\.\d+", schema["openapi"])
    assert schema["info"]["title"] == "rightstrack API" and schema["info"]["version"] == __version__
    # Other apps may add paths (the search app will); these must all be there.
    assert EXPECTED_PATHS <= set(schema["paths"])


def test_the_only_writes_are_tagging_decisions_classify_and_the_follow_up(schema):
    writes = {
        (path, method) for path, operations in schema["paths"].items() for method in operations if method != "get"
    }
    assert writes == {
        ("/api/suggestions/accept", "post"),
        ("/api/suggestions/reject", "post"),
        ("/api/classify", "post"),
        *((path, "post") for path in FOLLOW_UP_WRITES),
    }


def test_action_filters_are_exactly_the_filtersets(schema):
    from rightstrack.planning.filtersets import ActionFilterSet
    from rightstrack.progress.filtersets import ProgressReportFilterSet

    assert _parameters(schema, "/api/actions") == set(ActionFilterSet.base_filters) | {"cursor", "limit"}
    assert _parameters(schema, "/api/reports") == set(ProgressReportFilterSet.base_filters) | {"cursor", "limit"}


def test_schema_documents_token_session_and_anonymous_access(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"TokenAuth": []} in operation["security"], path
            # Reads answer anonymously too; writes need credentials.
            assert ({} in operation["security"]) == (method == "get"), (path, method)


def test_recommendation_filters_are_exactly_the_filtersets(schema):
    filters = set(list_filterset().base_filters)
    assert _parameters(schema, "/api/recommendations") == filters | {"cursor", "limit", "include"}
    assert _parameters(schema, "/api/export/uhri.json") == filters
    by_name = {p["name"]: p for p in schema["paths"]["/api/recommendations"]["get"]["parameters"]}
    # Multi-valued filters are arrays (repeatable); fixed choices are an enum.
    assert {"type": "array", "items": {"type": "string"}} in by_name["country"]["schema"]["anyOf"]
    position = next(s for s in by_name["position"]["schema"]["anyOf"] if s["type"] == "array")
    assert position["items"]["enum"] == ["supported", "noted", "partially_supported"]
    assert {"type": "boolean"} in by_name["follow_up"]["schema"]["anyOf"]
    assert by_name["limit"]["schema"]["maximum"] == 500 and by_name["limit"]["schema"]["default"] == 50


def test_recommendation_schema_has_the_export_keys_in_order(schema):
    components = schema["components"]["schemas"]
    listed = list(components["RecommendationOut"]["properties"])
    # Then ``suggestions``, only in the records of a staff caller who asks for them.
    assert listed == [key for key in EXPORT_FIELDS if key != "translations"] + ["suggestions"]
    detail = list(components["RecommendationDetail"]["properties"])
    assert detail[: len(listed)] == listed and detail[len(listed) :] == ["translations", "tags"]


def test_uhri_export_schema_uses_the_uhri_headers(schema):
    assert list(schema["components"]["schemas"]["UHRIRecord"]["properties"]) == list(HEADERS)


def test_docs_page_uses_bundled_static_files_not_a_cdn(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/ninja/swagger-ui-bundle.js" in assets and "/static/ninja/swagger-ui.css" in assets
    assert all(asset.startswith("/static/") for asset in assets), assets
    assert not re.search(r"https?://", page), "the docs page refers to another host"
    assert '"url": "/api/openapi.json"' in page
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200 and body(served), asset
