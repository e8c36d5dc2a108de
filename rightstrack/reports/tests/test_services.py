"""The documents' service: arguments checked, the matrix built for the reader and written."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser

from rightstrack.core.errors import InvalidValueError
from rightstrack.core.permissions import OPERATOR
from rightstrack.reports import services

pytestmark = pytest.mark.django_db

DOCX_HEADERS = ["Recommendation", "Position", "Full list of themes", "Assessment/comments on level of implementation"]


def docx_headers(content: bytes) -> list[str]:
    """The first row of the document's first table."""
    from docx import Document

    table = Document(io.BytesIO(content)).tables[0]
    return [cell.text.strip() for cell in table.rows[0].cells]


def xlsx_headers(content: bytes) -> list[str]:
    """The header row of the workbook's first sheet (the row that holds "Position")."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    for row in sheet.iter_rows(max_row=10, values_only=True):
        if "Position" in row:
            return [value for value in row if value]
    return []


def test_the_xlsx_is_named_for_what_it_holds_and_opens(matrix_world):
    made = services.generate(OPERATOR, fmt="xlsx", country="svn", cycle=3, today=matrix_world.today)
    assert made.filename == "matrix-SVN-cycle3-en-2026-12-07.xlsx"
    assert made.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    headers = xlsx_headers(made.content)
    assert {"Recommendation", "Position", "Assessment/comments on level of implementation"} <= set(headers)
    assert made.count == 4 and made.as_of == matrix_world.today  # 121.1, 121.2, 121.3 and 121.10


def test_the_docx_has_ohchrs_four_columns(matrix_world):
    made = services.generate(OPERATOR, fmt="docx", country="SVN", mechanism="upr", today=matrix_world.today)
    assert made.filename == "matrix-SVN-UPR-en-2026-12-07.docx"
    assert made.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert docx_headers(made.content) == DOCX_HEADERS


def test_without_filters_the_file_says_all(matrix_world):
    made = services.generate(OPERATOR, fmt="xlsx", language="fr", today=matrix_world.today)
    assert made.filename == "matrix-all-fr-2026-12-07.xlsx"


@pytest.mark.parametrize(
    "arguments, field, shown",
    [
        ({"country": "xxx"}, "country", "'XXX'"),
        ({"mechanism": "NOPE"}, "mechanism", "'NOPE'"),
        ({"language": "de"}, "language", "'de'"),
        ({"fmt": "pdf"}, "format", "'pdf'"),
        ({"cycle": 9}, "cycle", "9"),
        ({"cycle": "three"}, "cycle", "'three'"),
    ],
)
def test_a_bad_argument_is_refused_naming_the_field(matrix_world, arguments, field, shown):
    with pytest.raises(InvalidValueError) as refused:
        services.generate(OPERATOR, **{"fmt": "xlsx", **arguments})
    assert str(refused.value).startswith(f"{field}: ") and shown in str(refused.value)
    assert refused.value.field == field


def test_the_unknown_mechanism_error_lists_the_known_ones(matrix_world):
    with pytest.raises(InvalidValueError, match="known: .*CCPR.*UPR"):
        services.check(mechanism="NOPE")


def test_the_preview_is_the_first_rows_in_the_documents_order(matrix_world):
    preview = services.preview(OPERATOR, country="SVN", limit=2, today=matrix_world.today)
    assert preview.total == 5  # four UPR recommendations and one of the Human Rights Committee
    assert len(preview.rows) == 2
    # Rows without a theme come first, under no Theme row (121.10 and the unpublished 121.3).
    assert [row.theme for row in preview.rows] == ["", ""]
    assert {row.paragraph for row in preview.rows} == {"121.10", "121.3"}
    assert preview.as_of == matrix_world.today and preview.language == "en"


def test_the_public_preview_holds_published_data_only(matrix_world):
    preview = services.preview(AnonymousUser(), country="SVN", today=matrix_world.today)
    assert preview.public
    assert "121.3" not in {row.paragraph for row in preview.rows}
    assessments = "\n".join(row.assessment for row in preview.rows)
    assert "Public consultation on the bill held" in assessments
    assert "Bill sent to the National Assembly" not in assessments  # validated, not published
    assert "DRAFT" not in assessments


def test_staff_see_validated_progress_never_drafts(matrix_world):
    preview = services.preview(matrix_world.staff, country="SVN", today=matrix_world.today)
    assessments = "\n".join(row.assessment for row in preview.rows)
    assert "Bill sent to the National Assembly" in assessments
    assert "DRAFT" not in assessments


def test_the_arabic_matrix_is_right_to_left(matrix_world):
    from openpyxl import load_workbook

    made = services.generate(OPERATOR, fmt="xlsx", language="ar", country="SVN", today=matrix_world.today)
    assert made.filename.endswith("-ar-2026-12-07.xlsx")
    assert load_workbook(io.BytesIO(made.content)).worksheets[0].sheet_view.rightToLeft


def test_a_document_made_online_holds_a_bounded_number_of_recommendations(matrix_world):
    with pytest.raises(InvalidValueError, match=r"^selection: 4 recommendations: choose a State") as raised:
        services.generate(OPERATOR, fmt="docx", country="SVN", cycle=3, max_rows=3, today=matrix_world.today)
    assert raised.value.field == "selection"
    with pytest.raises(InvalidValueError, match="at most 3"):
        services.preview(OPERATOR, country="SVN", cycle=3, max_rows=3, today=matrix_world.today)
    assert services.generate(OPERATOR, fmt="docx", country="SVN", cycle=3, max_rows=4).count == 4
