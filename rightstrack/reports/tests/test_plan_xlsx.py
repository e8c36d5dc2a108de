"""The national action plan as an Excel workbook (``plan_xlsx.write``), read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from rightstrack.reports import plan, plan_xlsx
from rightstrack.reports.matrix_xlsx import HEADER_ROW
from rightstrack.reports.tests.plan_world import FORMULA, plan_world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def workbook_of(plan_world, language: str = "en") -> tuple[openpyxl.Workbook, bytes]:
    out = io.BytesIO()
    plan_xlsx.write(plan.build(plan_world.staff, plan_world.plan.pk, language=language, today=plan_world.today), out)
    return openpyxl.load_workbook(io.BytesIO(out.getvalue())), out.getvalue()


def table(sheet) -> list[dict]:
    """The data rows of a sheet, by heading."""
    headings = [cell.value for cell in sheet[HEADER_ROW]]
    return [
        dict(zip(headings, (cell.value for cell in row), strict=False))
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1)
    ]


def test_one_row_per_activity_with_every_field_in_its_own_column(plan_world):
    workbook, _content = workbook_of(plan_world)
    assert workbook.sheetnames == ["Plan", "Indicators"]
    sheet = workbook["Plan"]
    assert sheet["A1"].value == "National human rights action plan 2025-2028"
    assert sheet["A2"].value == "As of 7 December 2026 · 5 activities"
    assert sheet["A3"].value == "National action plan · 1 January 2025 – 31 December 2028"
    assert [cell.value for cell in sheet[HEADER_ROW]] == [
        "Goal",
        "Objective",
        "Document",
        "Recommendation (or the goal's description)",
        "Activity",
        "Description",
        "Responsible agency",
        "Start",
        "Completion",
        "Status",
        "Indicators",
        "Budget",
        "Currency",
        "Funding source",
        "Technical assistance needed",
        "Affected groups",
        "Gender perspective",
    ]
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert sheet.auto_filter.ref == f"A{HEADER_ROW}:Q{HEADER_ROW + 5}"
    assert not sheet.sheet_view.rightToLeft

    rows = table(sheet)
    assert [row["Activity"] for row in rows] == [
        "Train judges and prosecutors",
        "Draft the ratification bill",
        "Prepare the Ombudsman act amendment",
        "Adopt the strategy against violence against women",
        "Monitor prison capacity",
    ]
    train, ratify, _secret, strategy, prisons = rows
    assert ratify["Goal"] == "Access to justice"
    assert (ratify["Objective"], ratify["Document"]) == ("121.1", "A/HRC/43/15")
    assert ratify["Recommendation (or the goal's description)"].endswith("in the Criminal Code (France)")
    assert ratify["Responsible agency"] == "Ministry of Justice" and ratify["Status"] == "In progress"
    # Real dates and a real number, to sort and to total.
    assert ratify["Start"] == dt.datetime(2026, 1, 1) and ratify["Completion"] == dt.datetime(2027, 6, 30)
    assert (ratify["Budget"], ratify["Currency"], ratify["Funding source"]) == (12000, "EUR", "State budget")
    assert sheet.cell(HEADER_ROW + 2, 12).number_format == "#,##0.00"
    assert ratify["Indicators"].startswith("Ratification bill adopted: baseline 0 → target 1 (law)")
    assert ratify["Affected groups"] == "Girls\nWomen"
    assert ratify["Gender perspective"] == "Women are most of the relatives searching for the disappeared."
    assert train["Objective"] == "All recommendations of this goal (3)"
    assert train["Recommendation (or the goal's description)"] == "Courts and remedies open to everyone, without delay."
    assert train["Technical assistance needed"] == "A training curriculum and trainers from OHCHR"
    assert train["Funding source"] == "UPR Voluntary Fund for Financial and Technical Assistance"
    assert strategy["Completion"] is None and strategy["Budget"] is None  # empty, not a text "None"
    assert prisons["Goal"] == "Other measures"


def test_text_never_becomes_a_formula(plan_world):
    workbook, content = workbook_of(plan_world)
    sheet = workbook["Plan"]
    cell = next(row[5] for row in sheet.iter_rows(min_row=HEADER_ROW + 1) if row[4].value == "Monitor prison capacity")
    assert cell.value == FORMULA and cell.data_type == "s" and cell.quotePrefix
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_one_row_per_indicator_with_its_latest_settled_value(plan_world):
    workbook, _content = workbook_of(plan_world)
    sheet = workbook["Indicators"]
    assert sheet["A2"].value == "As of 7 December 2026 · 2 indicators"
    assert [cell.value for cell in sheet[HEADER_ROW]] == [
        "Goal",
        "Activity",
        "Kind",
        "Indicator",
        "Baseline",
        "Target",
        "Unit",
        "Data source",
        "SDG indicator",
        "Latest value",
        "Date of the latest value",
    ]
    bill, shelters = table(sheet)
    assert bill == {
        "Goal": "Access to justice",
        "Activity": "Draft the ratification bill",
        "Kind": "Process",
        "Indicator": "Ratification bill adopted",
        "Baseline": "0",
        "Target": "1",
        "Unit": "law",
        "Data source": "Official Gazette",
        "SDG indicator": "16.3.1",
        "Latest value": "1",
        "Date of the latest value": dt.datetime(2026, 10, 1),
    }
    assert (shelters["Kind"], shelters["Baseline"], shelters["Target"]) == ("Outcome", "120", "200")
    assert shelters["Latest value"] is None and shelters["Date of the latest value"] is None
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"


def test_arabic_sheets_run_right_to_left_and_labels_follow_the_language(plan_world):
    workbook, _content = workbook_of(plan_world, "ar")
    assert all(sheet.sheet_view.rightToLeft for sheet in workbook.worksheets)
    assert workbook.active.cell(HEADER_ROW + 1, 1).alignment.readingOrder == 2
    workbook, _content = workbook_of(plan_world, "fr")
    assert not workbook.worksheets[0].sheet_view.rightToLeft
    assert "7 décembre 2026" in workbook.worksheets[0]["A2"].value
    assert "31 décembre 2028" in workbook.worksheets[0]["A3"].value
