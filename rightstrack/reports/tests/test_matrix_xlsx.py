"""The matrix as an Excel workbook (reports.matrix_xlsx): what it holds, how it prints,
and reading it back after a ministry filled in (or re-sorted) it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from rightstrack.reports import matrix_xlsx
from rightstrack.reports.matrix import Matrix, Row
from rightstrack.reports.matrix_return import added_text

AS_OF = dt.date(2026, 12, 7)
HEADINGS = [
    "Id",
    "Paragraph",
    "Document",
    "Mechanism",
    "State under review",
    "Recommendation",
    "Recommending States",
    "Position",
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
]
FIRST = matrix_xlsx.HEADER_ROW + 1  # the first data row


def make_row(id_: int, paragraph: str, **fields) -> Row:
    values = dict(
        id=id_,
        paragraph=paragraph,
        document="A/HRC/43/15",
        mechanism="UPR",
        country="Slovenia",
        text=f"Recommendation {paragraph}",
        states=["France"],
        position="Supported",
        position_source="A/HRC/43/15/Add.1",
        themes=[],
        sdgs=[],
        affected=[],
        status="Not started",
        lead=[],
        supporting=[],
        actions=[],
        indicators=[],
        updates=[],
        last_update=None,
        assessment="Status: Not started",
        theme="",
    )
    values.update(fields)
    return Row(**values)


def make_matrix(rows: list[Row], language: str = "en") -> Matrix:
    return Matrix(
        title="Slovenia: UPR recommendations and their implementation",
        language=language,
        as_of=AS_OF,
        public=False,
        filters={"country": "SVN"},
        rows=rows,
    )


@pytest.fixture
def rows() -> list[Row]:
    full = make_row(
        11,
        "121.1",
        text="Ratify the Convention on Enforced Disappearance",
        states=["France", "Lithuania"],
        themes=["Acceptance of international norms", "Equality & non-discrimination"],
        sdgs=["16 - Peace, justice and strong institutions"],
        affected=["General"],
        status="In progress",
        lead=["Ministry of Justice"],
        supporting=["Ministry of Education"],
        actions=["Draft the ratification bill"],
        indicators=["Ratification bill adopted"],
        last_update=dt.date(2026, 9, 15),
        assessment="Status: In progress\nLead: Ministry of Justice\n2026-09-15, Ministry of Justice: Bill sent",
        theme="Acceptance of international norms",
    )
    return [
        full,
        make_row(12, "121.2", theme="Women's rights", assessment="Status: Not started\nLead: Ministry of Health"),
        make_row(10, "121.10"),
    ]


@pytest.fixture
def written(tmp_path, rows) -> Path:
    path = tmp_path / "matrix.xlsx"
    matrix_xlsx.write(make_matrix(rows), path)
    return path


def table(path: Path):
    return load_workbook(path)["Matrix"]


def data_rows(sheet) -> list[list]:
    return [list(values) for values in sheet.iter_rows(min_row=FIRST, values_only=True)]


# --- what the workbook holds -----------------------------------------------------------


def test_headings_and_one_row_per_recommendation_with_every_field(written):
    sheet = table(written)
    assert sheet["A1"].value == "Slovenia: UPR recommendations and their implementation"
    assert sheet["A2"].value == "As of 7 December 2026 · 3 recommendations"
    assert sheet["A3"].value.startswith("Assessment: implementation status")
    assert [cell.value for cell in sheet[matrix_xlsx.HEADER_ROW]] == HEADINGS
    assert all(cell.font.b for cell in sheet[matrix_xlsx.HEADER_ROW])
    values = data_rows(sheet)
    # The unthemed row first (as in the Word matrix), then by theme group.
    assert [row[0] for row in values] == [10, 11, 12]
    full = dict(zip(HEADINGS, values[1], strict=False))
    assert full["Paragraph"] == "121.1" and full["Document"] == "A/HRC/43/15" and full["Mechanism"] == "UPR"
    assert full["State under review"] == "Slovenia"
    assert full["Recommendation"] == "Ratify the Convention on Enforced Disappearance"
    assert full["Recommending States"] == "France\nLithuania"  # one value per line
    assert full["Position"] == "Supported" and full["Source of position"] == "A/HRC/43/15/Add.1"
    assert full["Themes"] == "Acceptance of international norms\nEquality & non-discrimination"
    assert full["SDGs"] == "16 - Peace, justice and strong institutions" and full["Affected persons"] == "General"
    assert full["Implementation status"] == "In progress"
    assert full["Lead entity"] == "Ministry of Justice" and full["Supporting entities"] == "Ministry of Education"
    assert full["Actions"] == "Draft the ratification bill" and full["Indicators"] == "Ratification bill adopted"
    assert full["Last validated update"] == dt.datetime(2026, 9, 15)  # a real date cell
    assert sheet.cell(FIRST + 1, 18).is_date
    assert full["Assessment/comments on level of implementation"].startswith("Status: In progress\nLead:")
    assert dict(zip(HEADINGS, values[0], strict=False))["Last validated update"] is None
    assert sheet.cell(FIRST, 6).alignment.wrap_text


def test_filters_frozen_header_widths_and_print_settings(written):
    sheet = table(written)
    assert sheet.auto_filter.ref == f"A{matrix_xlsx.HEADER_ROW}:S{FIRST + 2}"
    assert sheet.freeze_panes == f"C{FIRST}"
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["A"].width
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${matrix_xlsx.HEADER_ROW}:${matrix_xlsx.HEADER_ROW}"
    assert not sheet.sheet_view.rightToLeft


def test_arabic_reads_right_to_left(tmp_path, rows):
    path = tmp_path / "ar.xlsx"
    matrix_xlsx.write(make_matrix(rows, language="ar"), path)
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    assert sheet.sheet_view.rightToLeft
    assert sheet.cell(FIRST, 6).alignment.readingOrder == 2
    assert matrix_xlsx.is_matrix(path)
    assert [cell.id for cell in matrix_xlsx.read(path)] == [10, 11, 12]


def test_a_text_starting_like_a_formula_stays_text(tmp_path):
    risky = make_row(
        13,
        "121.3",
        text='=HYPERLINK("http://evil.example","click")',
        states=["+1", "@SUM(A1)"],
        assessment="-2+3 done",
        actions=["=1+1"],
    )
    path = tmp_path / "formula.xlsx"
    matrix_xlsx.write(make_matrix([risky]), path)
    sheet = table(path)
    for column in (6, 7, 16, 19):
        cell = sheet.cell(FIRST, column)
        assert cell.data_type == "s" and isinstance(cell.value, str), (column, cell.value)
    assert sheet.cell(FIRST, 6).value.startswith("=HYPERLINK")
    assert sheet.cell(FIRST, 6).quotePrefix  # Excel keeps it text when the cell is edited
    with zipfile.ZipFile(path) as archive:
        xml = b"".join(archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/"))
    assert b"<f>" not in xml and b"<f " not in xml  # no formula anywhere, the record sheet included
    assert [(cell.text, cell.written) for cell in matrix_xlsx.read(path)] == [("-2+3 done", "-2+3 done")]


def test_a_long_assessment_is_cut_with_a_note_and_comes_back_unchanged(tmp_path):
    long_text = "Measure taken. " * 3000  # 45,000 characters: more than an Excel cell holds
    path = tmp_path / "long.xlsx"
    matrix_xlsx.write(make_matrix([make_row(14, "121.4", assessment=long_text, text="x" * 40_000)]), path)
    sheet = table(path)
    cell = sheet.cell(FIRST, 19).value
    assert len(cell) <= matrix_xlsx.ASSESSMENT_MAX < matrix_xlsx.EXCEL_CELL_MAX  # room left to add to it
    assert cell.startswith("Measure taken. ") and "more characters: the full text is in rightstrack" in cell
    assert len(sheet.cell(FIRST, 6).value) <= matrix_xlsx.EXCEL_CELL_MAX
    [returned] = matrix_xlsx.read(path)
    assert returned.written == returned.text and added_text(returned) == ""
    # A ministry appends a line: only that line is new.
    workbook = load_workbook(path)
    workbook["Matrix"].cell(FIRST, 19).value = cell + "\nLaw adopted in 2027."
    workbook.save(path)
    [returned] = matrix_xlsx.read(path)
    assert added_text(returned) == "Law adopted in 2027."


def test_fit_counts_what_excel_counts():
    assert matrix_xlsx.fit("short") == "short"
    cut = matrix_xlsx.fit("😀" * 20_000)  # two UTF-16 units each
    assert len(cut.encode("utf-16-le")) // 2 <= matrix_xlsx.EXCEL_CELL_MAX
    assert "more characters" in cut


def test_control_characters_are_dropped_not_fatal(tmp_path):
    path = tmp_path / "control.xlsx"
    matrix_xlsx.write(make_matrix([make_row(15, "121.5", text="bell\x07 text", assessment="tab\tkept\x0b")]), path)
    assert table(path).cell(FIRST, 6).value == "bell text"
    [returned] = matrix_xlsx.read(path)
    assert returned.text == returned.written == "tab\tkept"


# --- the record and reading back ------------------------------------------------------


def test_the_record_is_a_very_hidden_sheet(written):
    workbook = load_workbook(written)
    assert workbook.sheetnames == ["Matrix", "rightstrack"]
    assert workbook["rightstrack"].sheet_state == "veryHidden"
    assert workbook.active.title == "Matrix"
    record = workbook["rightstrack"]
    assert record["A1"].value == "rightstrack matrix" and record["B1"].value == matrix_xlsx.VERSION
    assert [cell.value for cell in record[4]][:4] == [FIRST, 10, "121.10", "A/HRC/43/15"]


def test_read_untouched(written):
    cells = matrix_xlsx.read(written)
    assert [(cell.id, cell.paragraph, cell.document) for cell in cells] == [
        (10, "121.10", "A/HRC/43/15"),
        (11, "121.1", "A/HRC/43/15"),
        (12, "121.2", "A/HRC/43/15"),
    ]
    assert all(cell.text == cell.written and added_text(cell) == "" for cell in cells)
    assert cells[0].location == f"sheet 'Matrix' row {FIRST}"


def test_read_after_re_sorting_and_editing(written):
    workbook = load_workbook(written)
    sheet = workbook["Matrix"]
    values = data_rows(sheet)
    values.sort(key=lambda row: row[0], reverse=True)  # by id, descending: 12, 11, 10
    for offset, row in enumerate(values):
        for column, value in enumerate(row, start=1):
            sheet.cell(FIRST + offset, column).value = value
    sheet.cell(FIRST + 2, 19).value = "Status: Not started\nA working group was set up in 2026."  # id 10
    workbook.save(written)
    cells = {cell.id: cell for cell in matrix_xlsx.read(written)}
    assert [cell.id for cell in matrix_xlsx.read(written)] == [12, 11, 10]
    assert cells[10].written == "Status: Not started" and cells[10].location == f"sheet 'Matrix' row {FIRST + 2}"
    assert added_text(cells[10]) == "A working group was set up in 2026."
    assert added_text(cells[11]) == "" and added_text(cells[12]) == ""
    assert cells[12].written == "Status: Not started\nLead: Ministry of Health"


def test_read_finds_the_table_after_rows_and_columns_were_inserted(written):
    workbook = load_workbook(written)
    sheet = workbook["Matrix"]
    sheet.insert_rows(1, 2)
    sheet.insert_cols(1)
    sheet.cell(1, 1).value = "Ministry of Justice, comments of 3 March"
    workbook.save(written)
    cells = matrix_xlsx.read(written)
    assert [cell.id for cell in cells] == [10, 11, 12]
    assert all(added_text(cell) == "" for cell in cells)
    assert cells[0].location == f"sheet 'Matrix' row {FIRST + 2}"


def test_a_cleared_id_is_found_by_paragraph_and_a_bad_one_is_an_error(written):
    from rightstrack.ingest.formats.base import ParseError

    workbook = load_workbook(written)
    workbook["Matrix"].cell(FIRST + 1, 1).value = None
    workbook.save(written)
    cell = matrix_xlsx.read(written)[1]
    assert (cell.id, cell.paragraph, cell.written) == (11, "121.1", cell.text)
    workbook["Matrix"].cell(FIRST + 1, 1).value = "eleven"
    workbook.save(written)
    with pytest.raises(ParseError, match=rf"matrix.xlsx: sheet 'Matrix' row {FIRST + 1}: column 'Id': 'eleven'"):
        matrix_xlsx.read(written)


def test_a_row_with_an_id_the_record_does_not_know_keeps_its_whole_text(written):
    workbook = load_workbook(written)
    sheet = workbook["Matrix"]
    sheet.cell(FIRST + 3, 1).value = 99
    sheet.cell(FIRST + 3, 2).value = "121.99"
    sheet.cell(FIRST + 3, 19).value = "Added by the ministry"
    sheet.cell(FIRST + 6, 5).value = "a note beside the table"  # no id, no assessment: not a row
    workbook.save(written)
    cells = matrix_xlsx.read(written)
    assert len(cells) == 4
    assert (cells[3].id, cells[3].written, added_text(cells[3])) == (99, None, "Added by the ministry")


def test_is_matrix_is_false_for_other_workbooks(tmp_path, written):
    from rightstrack.ingest.formats import uhri

    uhri_file = tmp_path / "uhri.xlsx"
    workbook = Workbook()
    workbook.active.append(list(uhri.HEADERS))
    workbook.active.append(["x"] * len(uhri.HEADERS))
    workbook.save(uhri_file)
    assert uhri.detect(uhri_file)  # a UHRI export indeed
    other = tmp_path / "other.xlsx"
    workbook = Workbook()
    workbook.active.append(["rightstrack matrix", 1])  # the marker on a visible sheet is not the record
    workbook.create_sheet("notes")
    workbook.save(other)
    fake_record = tmp_path / "fake.xlsx"
    workbook = Workbook()
    workbook.create_sheet("rightstrack").append(["something else"])
    workbook.save(fake_record)
    text = tmp_path / "matrix.txt"
    text.write_text("rightstrack matrix")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(written.read_bytes()[:500])
    for path in (uhri_file, other, fake_record, text, broken, tmp_path / "missing.xlsx"):
        assert not matrix_xlsx.is_matrix(path), path.name
    assert matrix_xlsx.is_matrix(written)
    assert not uhri.detect(written)


def test_read_refuses_a_workbook_without_the_record(tmp_path):
    from rightstrack.ingest.formats.base import ParseError

    path = tmp_path / "plain.xlsx"
    Workbook().save(path)
    with pytest.raises(ParseError, match="plain.xlsx: not a matrix written by rightstrack"):
        matrix_xlsx.read(path)


def test_auto_detection_picks_the_matrix_format(written):
    from rightstrack.ingest.registry import detect_format

    assert detect_format(written).name == "rightstrack-matrix"


# --- LibreOffice ----------------------------------------------------------------------


def soffice_convert(path: Path, out: Path, fmt: str) -> Path:
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    out.mkdir(exist_ok=True)
    profile = out / "profile"  # its own profile: parallel runs do not share a lock
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{path.stem}.{fmt.split(':')[0]}"


def test_libreoffice_round_trip_keeps_the_record(written, tmp_path):
    again = soffice_convert(written, tmp_path / "lo", "xlsx")
    workbook = load_workbook(again)
    assert workbook["rightstrack"].sheet_state in ("hidden", "veryHidden")
    assert workbook["Matrix"].sheet_view.rightToLeft in (None, False)
    assert matrix_xlsx.is_matrix(again)
    before = [(c.id, c.paragraph, c.document, c.written) for c in matrix_xlsx.read(written)]
    cells = matrix_xlsx.read(again)
    assert [(c.id, c.paragraph, c.document, c.written) for c in cells] == before
    assert all(added_text(cell) == "" for cell in cells)


# --- built from the database, and brought back through the importer ------------------


@pytest.fixture
def built(matrix_world, tmp_path):
    """The Slovenia matrix of ``matrix_world`` as staff see it, written to an .xlsx."""
    from rightstrack.reports.matrix import build

    matrix = build(matrix_world.staff, country="SVN", today=matrix_world.today)
    path = tmp_path / "slovenia-matrix.xlsx"
    matrix_xlsx.write(matrix, path)
    return matrix, path


def test_a_built_matrix_holds_its_rows_and_data_only(matrix_world, built):
    matrix, path = built
    world = matrix_world
    sheet = table(path)
    values = {row[0]: dict(zip(HEADINGS, row, strict=False)) for row in data_rows(sheet)}
    assert list(values) == [row.id for _theme, group in matrix.groups() for row in group]
    assert {world.r1.pk, world.r2.pk, world.r10.pk, world.ccpr.pk} <= set(values)
    r1, r2 = values[world.r1.pk], values[world.r2.pk]
    assert r1["Paragraph"] == "121.1" and r1["Document"] == "A/HRC/43/15"
    assert r1["Source of position"] == world.source
    assert r1["Lead entity"] == "Ministry of Justice" and r1["Supporting entities"] == "Ministry of Education"
    assert r1["Last validated update"] == dt.datetime(2026, 9, 15)
    assessment = r1["Assessment/comments on level of implementation"]
    assert assessment == next(row.assessment for row in matrix.rows if row.id == world.r1.pk)
    assert "Bill sent to the National Assembly" in assessment and "DRAFT" not in assessment
    # The classifier's pending suggestion never enters the matrix: only r2's data tag does.
    assert r2["Themes"] == "\n".join(next(row.themes for row in matrix.rows if row.id == world.r2.pk))
    assert len(r2["Themes"].split("\n")) == 1
    assert values[world.ccpr.pk]["Mechanism"] == "CCPR" and values[world.ccpr.pk]["Document"] == "CCPR/C/SVN/CO/4"


def test_the_public_matrix_leaves_out_unpublished_rows(matrix_world, tmp_path):
    from django.contrib.auth.models import AnonymousUser

    from rightstrack.reports.matrix import build

    path = tmp_path / "public.xlsx"
    matrix_xlsx.write(build(AnonymousUser(), country="SVN", today=matrix_world.today), path)
    ids = [row[0] for row in data_rows(table(path))]
    assert matrix_world.r1.pk in ids and matrix_world.hidden.pk not in ids
    r1 = next(row for row in data_rows(table(path)) if row[0] == matrix_world.r1.pk)
    assert "Bill sent to the National Assembly" not in r1[18]  # validated, not published


def import_matrix(path, user, entity="Ministry of Justice"):
    from rightstrack.ingest.registry import ImportOptions
    from rightstrack.ingest.services import import_file

    return import_file(path, user=user, options=ImportOptions(entity=entity))


def test_an_untouched_matrix_imports_as_nothing(matrix_world, built):
    from rightstrack.ingest.formats import uhri
    from rightstrack.ingest.registry import detect_format
    from rightstrack.progress.models import ProgressReport
    from rightstrack.recommendations.models import Recommendation

    _matrix, path = built
    assert detect_format(path).name == "rightstrack-matrix" and not uhri.detect(path)
    reports, recommendations = ProgressReport.objects.count(), Recommendation.objects.count()
    fmt, summary, _skipped = import_matrix(path, matrix_world.staff)
    assert fmt == "rightstrack-matrix"
    assert (summary.new, summary.updated, summary.errors) == (0, 0, [])
    assert ProgressReport.objects.count() == reports and Recommendation.objects.count() == recommendations


def test_two_filled_in_cells_become_two_draft_reports(matrix_world, built, tmp_path):
    from rightstrack.progress.models import ProgressReport, Tracking

    world = matrix_world
    _matrix, path = built
    filled = tmp_path / "filled.xlsx"
    workbook = load_workbook(path)
    sheet = workbook["Matrix"]
    rows = {sheet.cell(number, 1).value: number for number in range(FIRST, sheet.max_row + 1)}
    r2_cell = sheet.cell(rows[world.r2.pk], 19)
    r2_cell.value = f"{r2_cell.value}\nA strategy was drafted in 2026."  # added below rightstrack's text
    sheet.cell(rows[world.ccpr.pk], 19).value = "Two police officers were charged."  # replaced whole
    workbook.save(filled)
    before = set(ProgressReport.objects.values_list("pk", flat=True))
    status = Tracking.objects.get(recommendation=world.r1).status

    fmt, summary, _skipped = import_matrix(filled, world.staff)

    assert fmt == "rightstrack-matrix" and summary.errors == []
    assert (summary.new, summary.updated) == (0, 0)
    new = ProgressReport.objects.exclude(pk__in=before)
    assert sorted((report.recommendation_id, report.text) for report in new) == sorted(
        [(world.r2.pk, "A strategy was drafted in 2026."), (world.ccpr.pk, "Two police officers were charged.")]
    )
    assert {(report.stage, report.author_id, report.entity_id) for report in new} == {
        ("draft", world.staff.pk, world.moj.pk)
    }
    assert Tracking.objects.get(recommendation=world.r1).status == status
    assert not Tracking.objects.filter(recommendation=world.r2).exists()


def test_a_re_sorted_filled_in_matrix_drafts_on_the_right_rows(matrix_world, built, tmp_path):
    from rightstrack.progress.models import ProgressReport

    world = matrix_world
    _matrix, path = built
    workbook = load_workbook(path)
    sheet = workbook["Matrix"]
    values = sorted(data_rows(sheet), key=lambda row: str(row[5]))  # by recommendation text
    for offset, row in enumerate(values):
        for column, value in enumerate(row, start=1):
            sheet.cell(FIRST + offset, column).value = value
    number = next(n for n in range(FIRST, sheet.max_row + 1) if sheet.cell(n, 1).value == world.r10.pk)
    sheet.cell(number, 19).value = f"{sheet.cell(number, 19).value}\nA new prison wing opened."
    workbook.save(path)
    before = set(ProgressReport.objects.values_list("pk", flat=True))

    _fmt, summary, _skipped = import_matrix(path, world.staff, entity="MoE")

    assert summary.errors == []
    [report] = ProgressReport.objects.exclude(pk__in=before)
    assert (report.recommendation_id, report.text, report.entity_id) == (
        world.r10.pk,
        "A new prison wing opened.",
        world.moe.pk,
    )


def test_a_filled_in_matrix_after_libreoffice_drafts_one_report(matrix_world, built, tmp_path):
    from rightstrack.progress.models import ProgressReport

    world = matrix_world
    _matrix, path = built
    workbook = load_workbook(path)
    sheet = workbook["Matrix"]
    number = next(n for n in range(FIRST, sheet.max_row + 1) if sheet.cell(n, 1).value == world.r1.pk)
    sheet.cell(number, 19).value = f"{sheet.cell(number, 19).value}\nThe bill was adopted."
    workbook.save(path)
    again = soffice_convert(path, tmp_path / "lo", "xlsx")
    before = set(ProgressReport.objects.values_list("pk", flat=True))

    fmt, summary, _skipped = import_matrix(again, world.staff)

    assert fmt == "rightstrack-matrix" and summary.errors == []
    [report] = ProgressReport.objects.exclude(pk__in=before)
    assert (report.recommendation_id, report.text, report.stage) == (world.r1.pk, "The bill was adopted.", "draft")


# --- the real Slovenia list and the demo ------------------------------------------------


@pytest.mark.django_db
def test_the_slovenia_list_makes_a_workbook_that_comes_back_unchanged(shared_data, tmp_path, staff):
    from rightstrack.ingest.formats import ohchr_docx
    from rightstrack.ingest.registry import ImportOptions
    from rightstrack.ingest.services import import_file
    from rightstrack.progress.models import ProgressReport
    from rightstrack.recommendations.models import Recommendation
    from rightstrack.reports.matrix import build

    source = shared_data / "ohchr-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
    original = {record.paragraph: record for record in ohchr_docx.parse(source)}
    import_file(source, user=staff)
    path = tmp_path / "svn.xlsx"
    matrix_xlsx.write(build(staff, country="SVN", cycle=3), path)
    sheet = table(path)
    assert [cell.value for cell in sheet[matrix_xlsx.HEADER_ROW]] == HEADINGS
    rows = data_rows(sheet)
    assert len(rows) == len(original) == 215
    by_id = {rec.pk: rec for rec in Recommendation.objects.all()}
    for values in rows:
        record = dict(zip(HEADINGS, values, strict=False))
        rec = by_id[record["Id"]]
        source_record = original[record["Paragraph"]]
        assert rec.paragraph == record["Paragraph"] and record["Document"] == "A/HRC/43/15"
        assert record["Recommendation"] == " ".join(source_record.text.split())
        assert record["Position"] == {"supported": "Supported", "noted": "Noted"}[source_record.position]
        assert record["Source of position"] == source_record.position_source
        assert record["Assessment/comments on level of implementation"] == "Status: Not started"
    assert sheet.auto_filter.ref == f"A{matrix_xlsx.HEADER_ROW}:S{matrix_xlsx.HEADER_ROW + 215}"
    assert sheet.freeze_panes == f"C{matrix_xlsx.HEADER_ROW + 1}"
    fmt, summary, _skipped = import_file(path, user=staff, options=ImportOptions())
    assert (fmt, summary.new, summary.updated, summary.errors) == ("rightstrack-matrix", 0, 0, [])
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
def test_the_demo_makes_a_workbook(tmp_path):
    from django.contrib.auth import get_user_model

    from rightstrack.recommendations.models import Recommendation
    from rightstrack.reports.matrix import build
    from rightstrack.site import demo

    demo.load_demo_data()
    demo.ensure_demo_user("demo")
    demo.load_demo_plan()
    matrix = build(get_user_model().objects.get(username="demo"))
    path = tmp_path / "demo.xlsx"
    matrix_xlsx.write(matrix, path)
    sheet = table(path)
    assert [cell.value for cell in sheet[matrix_xlsx.HEADER_ROW]] == HEADINGS
    rows = [dict(zip(HEADINGS, values, strict=False)) for values in data_rows(sheet)]
    assert len(rows) == Recommendation.objects.count() > 600
    assessments = [row["Assessment/comments on level of implementation"] for row in rows]
    assert any("Teaching assistants recruited for 38 schools" in text for text in assessments)  # published
    assert not any("Recruitment continues" in text for text in assessments)  # returned, never validated
    assert {"UPR", "CCPR"} <= {row["Mechanism"] for row in rows}
    assert len(matrix_xlsx.read(path)) == len(rows)
