"""``rightstrack report matrix`` and the return trip through ``rightstrack import``."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rightstrack.ingest.tests.test_import_command import run_import
from rightstrack.progress.choices import ReportStage
from rightstrack.progress.models import ProgressReport
from rightstrack.reports.tests.test_services import DOCX_HEADERS, docx_headers, xlsx_headers

pytestmark = pytest.mark.django_db


def report(*args) -> str:
    out = io.StringIO()
    call_command("report", "matrix", *map(str, args), stdout=out)
    return out.getvalue()


def test_writes_a_docx_with_ohchrs_columns(matrix_world, tmp_path):
    path = tmp_path / "slovenia.docx"
    out = report("--country", "SVN", "--cycle", "3", "--format", "docx", "-o", path)
    # The command line sees everything (NMRF staff's view): the unpublished 121.3 too.
    assert out.startswith(f"wrote {path}: 4 recommendations, as of ")
    assert docx_headers(path.read_bytes()) == DOCX_HEADERS


def test_writes_an_xlsx_with_every_field(matrix_world, tmp_path):
    path = tmp_path / "slovenia.xlsx"
    out = report("--country", "svn", "--format", "xlsx", "-o", path)
    assert out.startswith(f"wrote {path}: 5 recommendations, as of ")
    headers = xlsx_headers(path.read_bytes())
    for heading in (
        "Recommendation",
        "Position",
        "Recommending States",
        "Source of position",
        "Themes",
        "SDGs",
        "Affected persons",
        "Implementation status",
        "Lead entity",
        "Supporting entities",
        "Actions",
        "Indicators",
        "Last validated update",
        "Assessment/comments on level of implementation",
    ):
        assert heading in headers


def test_language_ar_gives_the_arabic_right_to_left_document(matrix_world, tmp_path):
    from docx import Document

    path = tmp_path / "slovenia-ar.docx"
    report("--country", "SVN", "--language", "ar", "--format", "docx", "-o", path)
    document = Document(path)
    xml = document.element.xml
    assert "w:bidiVisual" in xml and "<w:rtl/>" in xml.replace('w:rtl w:val="1"', "w:rtl")
    # The Arabic translation of 121.1 stands in the table.
    assert "التصديق على الاتفاقية الدولية" in "\n".join(cell.text for cell in document.tables[0]._cells)


def test_an_unknown_state_is_a_clear_error(matrix_world, tmp_path):
    with pytest.raises(CommandError, match="country: no State has the ISO3 code 'XXX'"):
        report("--country", "XXX", "--format", "docx", "-o", tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_an_unknown_state_exits_with_an_error_status(tmp_path):
    from rightstrack.site.tests.test_cli import run_cli

    env = {"RIGHTSTRACK_HOME": str(tmp_path)}
    assert run_cli("init", "--no-static", env=env).returncode == 0
    result = run_cli(
        "report", "matrix", "--country", "XXX", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx"), env=env
    )
    assert result.returncode == 1
    assert "Error: country: no State has the ISO3 code 'XXX'" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_the_format_and_the_file_are_required(matrix_world):
    with pytest.raises(CommandError, match="--format"):
        report("--country", "SVN", "-o", "x.docx")
    with pytest.raises(CommandError, match="-o/--output"):
        report("--country", "SVN", "--format", "docx")


# --- the return trip -----------------------------------------------------------------


def fill_xlsx(path, recommendation_id: int, added: str) -> None:
    """What a ministry does: a line added under the assessment of one recommendation."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    header = next(row for row in sheet.iter_rows(max_row=10) if any(c.value == "Position" for c in row))
    columns = {cell.value: cell.column for cell in header}
    for row in sheet.iter_rows(min_row=header[0].row + 1):
        if row[columns["Id"] - 1].value == recommendation_id:
            cell = row[columns["Assessment/comments on level of implementation"] - 1]
            cell.value = f"{cell.value}\n{added}"
    workbook.save(path)


def fill_docx(path, paragraph: str, added: str) -> None:
    from docx import Document

    document = Document(path)
    for row in document.tables[0].rows:
        cells = row.cells
        if len({id(c._tc) for c in cells}) == 4 and cells[0].text.startswith(f"{paragraph} "):
            cells[3].add_paragraph(added)
    document.save(path)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_an_untouched_matrix_imports_as_nothing(matrix_world, tmp_path, fmt):
    path = tmp_path / f"matrix.{fmt}"
    report("--country", "SVN", "--format", fmt, "-o", path)
    code, out, err = run_import(path)
    assert code == 0, err
    assert out == "imported 0 new, 0 updated, 0 unchanged, 0 errors\n"
    assert "rightstrack-matrix" in err and re.search(r"no progress report drafted", err, re.IGNORECASE), err
    assert ProgressReport.objects.count() == 3


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_filled_matrix_comes_back_as_drafts_by_the_user_for_the_entity(matrix_world, tmp_path, fmt):
    path = tmp_path / f"matrix.{fmt}"
    report("--country", "SVN", "--format", fmt, "-o", path)
    added = "The National Assembly adopted the ratification act on 3 December 2026."
    if fmt == "xlsx":
        fill_xlsx(path, matrix_world.r1.pk, added)
    else:
        fill_docx(path, "121.1", added)
    code, out, err = run_import(path, "--user", matrix_world.staff.username, "--entity", "Ministry of Justice")
    assert code == 0, err
    assert out == "imported 0 new, 0 updated, 0 unchanged, 0 errors\n"
    assert re.search(r"drafted 1 progress reports? for MoJ", err, re.IGNORECASE), err
    draft = ProgressReport.objects.get(text=added)
    assert (draft.recommendation, draft.stage, draft.author, draft.entity) == (
        matrix_world.r1,
        ReportStage.DRAFT,
        matrix_world.staff,
        matrix_world.moj,
    )


def test_a_filled_matrix_without_user_is_refused(matrix_world, tmp_path):
    path = tmp_path / "matrix.xlsx"
    report("--country", "SVN", "--format", "xlsx", "-o", path)
    fill_xlsx(path, matrix_world.r1.pk, "New text")
    code, _out, err = run_import(path, "--entity", "MoJ")
    assert code == 1 and "--user NAME" in err
    assert ProgressReport.objects.count() == 3


def test_import_refuses_an_unknown_user_or_entity(matrix_world, tmp_path):
    with pytest.raises(CommandError, match="--user: no active account is named 'nobody'"):
        run_import(tmp_path / "matrix.xlsx", "--user", "nobody")
    with pytest.raises(CommandError, match="--entity: no responsible entity is named 'Ministry of Nothing'"):
        run_import(tmp_path / "matrix.xlsx", "--user", matrix_world.staff.username, "--entity", "Ministry of Nothing")
