"""GET /api/documents/matrix: the matrix as a file, for what the caller may see."""

from __future__ import annotations

import io
import re

import pytest

from rightstrack.planning.tests.factories import api_headers
from rightstrack.reports.tests.test_services import DOCX_HEADERS, docx_headers

pytestmark = pytest.mark.django_db
URL = "/api/documents/matrix"


def cells(content: bytes) -> str:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return " ".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row if value)


def test_the_docx_by_default_as_an_attachment(client, matrix_world):
    response = client.get(URL, {"country": "SVN"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert re.fullmatch(r'attachment; filename="matrix-SVN-en-\d{4}-\d\d-\d\d\.docx"', response["Content-Disposition"])
    assert docx_headers(response.content) == DOCX_HEADERS


def test_anonymous_callers_get_the_public_version(client, matrix_world):
    response = client.get(URL, {"country": "SVN", "format": "xlsx"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    text = cells(response.content)
    assert "Public consultation on the bill held" in text
    assert "(unpublished draft)" not in text and "Bill sent to the National Assembly" not in text
    assert "DRAFT: nothing agreed" not in text


def test_a_token_gets_what_its_user_sees(client, matrix_world):
    response = client.get(
        URL, {"country": "SVN", "format": "xlsx", "cycle": 3, "mechanism": "upr"}, **api_headers(matrix_world.staff)
    )
    assert response.status_code == 200
    assert re.search(r'filename="matrix-SVN-cycle3-UPR-en-[\d-]+\.xlsx"', response["Content-Disposition"])
    text = cells(response.content)
    assert "(unpublished draft)" in text and "Bill sent to the National Assembly" in text
    assert "DRAFT: nothing agreed" not in text  # drafts never enter a matrix


def test_arabic(client, matrix_world):
    from openpyxl import load_workbook

    response = client.get(URL, {"country": "SVN", "format": "xlsx", "language": "ar"})
    assert response.status_code == 200 and "-ar-" in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content)).worksheets[0].sheet_view.rightToLeft


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({"country": "XXX"}, "country"),
        ({"mechanism": "NOPE"}, "mechanism"),
        ({"cycle": 9}, "cycle"),
        ({"cycle": "three"}, "cycle"),
        ({"language": "de"}, "language"),
        ({"format": "pdf"}, "format"),
        ({"contry": "SVN"}, "contry"),  # a misspelt parameter is not ignored
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, matrix_world, query, parameter):
    response = client.get(URL, query)
    assert response.status_code == 400, response.content
    answer = response.json()
    assert answer["detail"] == f"Invalid parameter: {parameter}"
    assert [problem["parameter"] for problem in answer["errors"]] == [parameter]


def test_the_schema_documents_the_endpoint(client):
    operation = client.get("/api/openapi.json").json()["paths"][URL]["get"]
    assert operation["summary"].startswith("Download the OHCHR matrix")
    assert "Assessment/comments on level of implementation" in operation["description"]
    assert {p["name"]: bool(p.get("description")) for p in operation["parameters"]} == {
        "country": True,
        "cycle": True,
        "mechanism": True,
        "language": True,
        "format": True,
    }
    files = operation["responses"]["200"]["content"]
    assert set(files) == {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    assert operation["tags"] == ["documents"] and {} in operation["security"]


def test_too_large_a_selection_is_a_400(client, matrix_world, monkeypatch):
    monkeypatch.setattr("rightstrack.reports.api.MAX_DOCUMENT_ROWS_ONLINE", 1)
    response = client.get(URL, {"country": "SVN"})
    assert response.status_code == 400 and "choose a State, a cycle or a mechanism" in response.content.decode()
