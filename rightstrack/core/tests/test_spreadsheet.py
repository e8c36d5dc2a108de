"""No export hands a spreadsheet a formula to run: ``rightstrack export`` (CSV, XLSX),
the dashboard's CSV files, and the matrix and plan workbooks (their own cells)."""

import csv
import io

import pytest
from openpyxl import load_workbook

from rightstrack.core.spreadsheet import CsvWriter, csv_value, looks_like_formula
from rightstrack.recommendations import exporters
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.tests.factories import RecommendationFactory

ATTACKS = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", ATTACKS)
def test_a_text_that_starts_like_a_formula_is_made_text(text):
    assert looks_like_formula(text) and csv_value(text) == f"'{text}"


def test_other_values_are_left_as_they_are():
    assert [csv_value(v) for v in ("Ratify the Convention", "", 5, -3, None, "a=b")] == [
        "Ratify the Convention",
        "",
        5,
        -3,
        None,
        "a=b",
    ]
    out = io.StringIO()
    CsvWriter(out).writerow(["=1+1", "plain", 2])
    assert out.getvalue().strip() == "'=1+1,plain,2"


@pytest.mark.django_db
def test_the_export_writes_no_live_formula(tmp_path):
    rec = RecommendationFactory(text=ATTACKS[0], subject="@SUM(A1:A2)")
    path = tmp_path / "out.xlsx"
    with open(path, "wb") as out:
        exporters.write_xlsx(exporters.export_records(Recommendation.objects.all(), tabular=True), out)
    sheet = load_workbook(path).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value in (rec.text, rec.subject)]
    assert len(cells) == 2 and all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
    text = io.StringIO()
    exporters.write_csv(exporters.export_records(Recommendation.objects.all(), tabular=True), text)
    row = next(csv.DictReader(io.StringIO(text.getvalue())))
    assert row["text"] == f"'{rec.text}" and row["subject"] == "'@SUM(A1:A2)"
