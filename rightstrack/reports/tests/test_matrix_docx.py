"""The matrix as a Word document: OHCHR's layout, right to left in Arabic, read back by
rightstrack's OHCHR-list importer, and the return trip of a filled-in copy."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from django.contrib.auth.models import AnonymousUser
from docx.oxml.ns import qn

from rightstrack.ingest.formats import ohchr_docx
from rightstrack.ingest.registry import ImportOptions
from rightstrack.ingest.services import import_file
from rightstrack.progress.models import ProgressReport, Tracking
from rightstrack.reports import matrix_docx
from rightstrack.reports.matrix import ReturnedCell, build

pytestmark = pytest.mark.django_db

HEADINGS = ["Recommendation", "Position", "Full list of themes", "Assessment/comments on level of implementation"]
CYCLE3 = "ohchr-lists/UPR34_Slovenia_Thematic_list_of_Recommendations.docx"


def written(user, path: Path, **filters) -> Path:
    matrix_docx.write(build(user, **filters), path)
    return path


def data_rows(table) -> list[list[str]]:
    """Texts of the recommendation rows (not the header, not Theme rows)."""
    return [[cell.text for cell in row.cells] for row in table.rows[1:] if len(row._tr.tc_lst) == 4]


def theme_rows(table) -> list[str]:
    return [row.cells[0].text for row in table.rows if len(row._tr.tc_lst) == 1]


def row_of(table, paragraph: str) -> list[str]:
    return next(cells for cells in data_rows(table) if cells[0].startswith(f"{paragraph} "))


def libreoffice(source: Path, fmt: str, out: Path, tmp_path: Path) -> Path:
    """``soffice --headless --convert-to`` with a profile of the test's own (a running
    LibreOffice, or another test's, would otherwise take the job and drop it)."""
    exe = shutil.which("soffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    converted = out / f"{source.stem}.{fmt}"
    assert converted.is_file(), f"LibreOffice wrote no {converted.name}"
    return converted


# ---- the document ---------------------------------------------------------------------------


def test_the_document_has_ohchrs_layout(matrix_world, tmp_path):
    path = written(matrix_world.staff, tmp_path / "matrix.docx", country="SVN", today=matrix_world.today)
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.page_width > section.page_height and round(section.page_width.mm) == 297
    assert document.paragraphs[0].text.startswith("Recommendations of the human rights mechanisms to Slovenia")
    assert document.core_properties.title == document.paragraphs[0].text
    assert document.core_properties.subject and document.core_properties.created
    assert len(document.tables) == 1
    table = document.tables[0]
    header = table.rows[0]
    assert [cell.text for cell in header.cells] == HEADINGS
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    widths = [column.width for column in table.columns]
    assert [round(100 * width / sum(widths)) for width in widths] == [40, 12, 22, 26]
    assert theme_rows(table) == [
        "Theme: Acceptance of international norms",
        "Theme: Prohibition of torture & cruel, inhuman or degrading treatment",
        "Theme: Violence against women",
    ]
    theme = next(row for row in table.rows if len(row._tr.tc_lst) == 1)
    assert theme._tr.tc_lst[0].tcPr.find(qn("w:shd")).get(qn("w:fill"))  # shaded
    rows = data_rows(table)
    assert (
        rows[0][0] == "121.3 Strengthen the Ombudsman's mandate (unpublished draft) (Ghana)\n"
        "Source of position: A/HRC/43/15/Add.1"
    )
    assert [cells[0].split(" ", 1)[0] for cells in rows] == ["121.3", "121.10", "121.1", "15", "121.2"]
    r1 = row_of(table, "121.1")
    assert r1[0] == (
        "121.1 Ratify the International Convention for the Protection of All Persons from Enforced "
        "Disappearance (France) (Lithuania)\nSource of position: A/HRC/43/15/Add.1"
    )
    assert r1[1] == "Supported"
    assert r1[2] == (
        "- Acceptance of international norms\n- Equality & non-discrimination\nSDGs:\n"
        "- 16 - Peace, justice and strong institutions\nAffected persons:\n- General"
    )
    assert "15 September 2026, Ministry of Justice: Bill sent to the National Assembly" in r1[3]
    assert r1[3].startswith("Status: In progress\nLead: Ministry of Justice\nSupporting: Ministry of Education")
    assert "DRAFT" not in r1[3]
    assert row_of(table, "121.2")[2] == "- Violence against women\nSDGs:\n- 5 - Gender equality"  # no suggestion
    assert row_of(table, "15")[0].endswith("\nSource: CCPR/C/SVN/CO/4 (CCPR)")


def test_the_public_matrix_holds_published_data_only(matrix_world, tmp_path):
    path = written(AnonymousUser(), tmp_path / "public.docx", country="SVN", today=matrix_world.today)
    table = docx.Document(str(path)).tables[0]
    assert sorted(cells[0].split(" ", 1)[0] for cells in data_rows(table)) == ["121.1", "121.10", "121.2", "15"]
    r1 = row_of(table, "121.1")[3]
    assert "Public consultation on the bill held" in r1 and "Bill sent" not in r1 and "DRAFT" not in r1
    assert "published by the national mechanism" in docx.Document(str(path)).paragraphs[1].text


def test_an_arabic_matrix_reads_right_to_left(matrix_world, tmp_path):
    path = written(matrix_world.staff, tmp_path / "ar.docx", country="SVN", language="ar", today=matrix_world.today)
    document = docx.Document(str(path))
    table = document.tables[0]
    assert table._tbl.tblPr.find(qn("w:bidiVisual")) is not None
    paragraphs = [*document.paragraphs, *(p for row in table.rows for cell in row.cells for p in cell.paragraphs)]

    def bidi(paragraph) -> bool:
        return paragraph._p.pPr is not None and paragraph._p.pPr.find(qn("w:bidi")) is not None

    # Each paragraph reads in the direction of its first letter: Arabic text (and the
    # translated labels) right to left, a recommendation stored in English only left to right.
    assert all(bidi(p) for p in paragraphs if "التصديق" in p.text)
    english_only = [p for p in paragraphs if re.match(r"121\.\d+ [A-Za-z]", p.text)]
    assert english_only and not any(bidi(p) for p in english_only)
    arabic = [run for p in paragraphs for run in p.runs if "التصديق" in run.text]
    assert arabic and all(run._r.rPr.find(qn("w:rtl")) is not None for run in arabic)
    fonts = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "Arial"  # a complex-script font with Arabic glyphs
    english = written(matrix_world.staff, tmp_path / "en.docx", country="SVN", today=matrix_world.today)
    assert docx.Document(str(english)).tables[0]._tbl.tblPr.find(qn("w:bidiVisual")) is None


def test_a_chinese_matrix_hints_the_east_asian_font(matrix_world, tmp_path):
    path = written(
        matrix_world.staff, tmp_path / "zh.docx", country="SVN", language="zh-hans", today=matrix_world.today
    )
    document = docx.Document(str(path))
    fonts = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "SimSun"
    runs = [run for row in document.tables[0].rows for cell in row.cells for p in cell.paragraphs for run in p.runs]
    assert runs and all(run._r.rPr.find(qn("w:rFonts")).get(qn("w:hint")) == "eastAsia" for run in runs)


def test_the_ohchr_list_importer_reads_a_generated_upr_matrix_back(matrix_world, tmp_path):
    path = written(matrix_world.staff, tmp_path / "upr.docx", country="SVN", mechanism="UPR", today=matrix_world.today)
    records = {record.paragraph: record for record in ohchr_docx.parse(path)}
    rows = {row.paragraph: row for row in build(matrix_world.staff, country="SVN", mechanism="UPR").rows}
    assert set(records) == set(rows) == {"121.1", "121.2", "121.3", "121.10"}
    for paragraph, row in rows.items():
        record = records[paragraph]
        assert (record.country, record.mechanism) == ("Slovenia", "UPR")
        assert record.text == row.text
        assert record.recommending_states == row.states
        assert record.position == matrix_world.report.recommendations.get(paragraph=paragraph).position
        assert record.position_source == row.position_source
        assert record.document_symbol == row.document
        assert record.tags.get("uhri-themes", []) == row.themes
        assert record.tags.get("sdg-goals", []) == [sdg.split(" ")[0] for sdg in row.sdgs]
        assert record.tags.get("affected-persons", []) == row.affected
    assert records["121.1"].tags["uhri-themes"] == [
        "Acceptance of international norms",
        "Equality & non-discrimination",
    ]


# ---- the record and the return trip ---------------------------------------------------------


def test_read_returns_each_assessment_as_written(matrix_world, tmp_path):
    matrix = build(matrix_world.staff, country="SVN", today=matrix_world.today)
    path = tmp_path / "matrix.docx"
    matrix_docx.write(matrix, path)
    assert matrix_docx.is_matrix(path)
    expected = [
        ReturnedCell(cell.location, row.id, row.paragraph, row.document, row.assessment, row.assessment)
        for cell, row in zip(
            matrix_docx.read(path), [row for _t, rows in matrix.groups() for row in rows], strict=False
        )
    ]
    assert matrix_docx.read(path) == expected
    assert [cell.paragraph for cell in expected] == ["121.3", "121.10", "121.1", "15", "121.2"]
    assert [cell.location for cell in expected] == ["row 2", "row 3", "row 5", "row 7", "row 9"]


def test_is_matrix_needs_the_record(matrix_world, tmp_path):
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    other = tmp_path / "notes.docx"
    other.write_bytes(b"not a zip file")
    assert not matrix_docx.is_matrix(plain) and not matrix_docx.is_matrix(other)
    assert not matrix_docx.is_matrix(tmp_path / "missing.docx")
    with pytest.raises(ValueError, match="plain.docx: not a matrix written by rightstrack"):
        matrix_docx.read(plain)


def test_an_untouched_matrix_imports_as_nothing_new(matrix_world, tmp_path):
    path = written(matrix_world.staff, tmp_path / "matrix.docx", country="SVN", today=matrix_world.today)
    reports = ProgressReport.objects.count()
    fmt, summary, _skipped = import_file(
        path, user=matrix_world.staff, options=ImportOptions(entity="Ministry of Justice")
    )
    assert fmt == "rightstrack-matrix"
    assert (summary.new, summary.updated, summary.errors) == (0, 0, [])
    assert ProgressReport.objects.count() == reports


def test_text_typed_into_two_assessment_cells_becomes_two_draft_reports(matrix_world, tmp_path):
    path = written(matrix_world.staff, tmp_path / "matrix.docx", country="SVN", today=matrix_world.today)
    document = docx.Document(str(path))
    table = document.tables[0]
    typed = {"121.1": "The bill was adopted on 3 December 2026.", "15": "Two police officers were convicted."}
    for row in table.rows:
        cells = row.cells
        paragraph = cells[0].text.split(" ", 1)[0]
        if paragraph in typed and len(row._tr.tc_lst) == 4:
            cells[3].add_paragraph(typed[paragraph])
    filled = tmp_path / "filled.docx"
    document.save(str(filled))
    before = set(ProgressReport.objects.values_list("pk", flat=True))
    statuses = dict(Tracking.objects.values_list("recommendation_id", "status"))
    fmt, summary, _skipped = import_file(
        filled, user=matrix_world.staff, options=ImportOptions(entity="Ministry of Justice")
    )
    assert fmt == "rightstrack-matrix" and (summary.new, summary.updated) == (0, 0)
    new = ProgressReport.objects.exclude(pk__in=before)
    assert {(report.recommendation_id, report.text) for report in new} == {
        (matrix_world.r1.pk, typed["121.1"]),
        (matrix_world.ccpr.pk, typed["15"]),
    }
    assert {(report.stage, report.author_id, report.entity_id) for report in new} == {
        ("draft", matrix_world.staff.pk, matrix_world.moj.pk)
    }
    assert dict(Tracking.objects.values_list("recommendation_id", "status")) == statuses


def test_the_record_survives_libreoffice(matrix_world, tmp_path):
    path = written(matrix_world.staff, tmp_path / "matrix.docx", country="SVN", today=matrix_world.today)
    saved = libreoffice(path, "docx", tmp_path / "lo", tmp_path)
    assert matrix_docx.is_matrix(saved)
    assert matrix_docx.read(saved) == matrix_docx.read(path)
    table = docx.Document(str(saved)).tables[0]
    assert [cell.text for cell in table.rows[0].cells] == HEADINGS
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(theme_rows(table)) == 3
    fmt, summary, _skipped = import_file(saved, user=matrix_world.staff, options=ImportOptions(entity="MoJ"))
    assert (fmt, summary.new, summary.updated) == ("rightstrack-matrix", 0, 0)
    assert not ProgressReport.objects.filter(stage="draft").exclude(pk=matrix_world.draft.pk).exists()


# ---- real data --------------------------------------------------------------------------------


def iso3(names: list[str]) -> set[str]:
    from rightstrack.reference.directory import lookup_builtin_state

    return {lookup_builtin_state(name) for name in names}


def folded(values: list[str]) -> set[str]:
    from rightstrack.reference.names import normalize_name

    return {normalize_name(value) for value in values}


def test_the_slovenia_list_makes_a_matrix_that_comes_back_unchanged(shared_data, tmp_path, staff):
    source = shared_data / CYCLE3
    original = {record.paragraph: record for record in ohchr_docx.parse(source)}
    _fmt, imported, _skipped = import_file(source, user=staff)
    assert imported.new == len(original) == 215
    matrix = build(staff, country="SVN", cycle=3)
    assert len(matrix.rows) == 215
    path = tmp_path / "svn.docx"
    matrix_docx.write(matrix, path)
    table = docx.Document(str(path)).tables[0]
    assert [cell.text for cell in table.rows[0].cells] == HEADINGS
    groups = [theme for theme, _rows in matrix.groups() if theme]
    assert theme_rows(table) == [f"Theme: {theme}" for theme in groups] and len(groups) > 5
    assert len(data_rows(table)) == 215 and len(table.rows) == 1 + len(groups) + 215
    # OHCHR's importer reads the generated matrix as it read OHCHR's list.
    again = {record.paragraph: record for record in ohchr_docx.parse(path)}
    assert set(again) == set(original)
    for paragraph, record in original.items():
        back = again[paragraph]
        assert (back.text, back.position, back.position_source, back.country) == (
            " ".join(record.text.split()),
            record.position,
            record.position_source,
            record.country,
        ), paragraph
        # The same States, named as rightstrack stores them ("Türkiye" for the list's "Turkey").
        assert iso3(back.recommending_states) == iso3(record.recommending_states), paragraph
        for slug in ("uhri-themes", "sdg-goals", "affected-persons"):
            # The same terms, labelled as the taxonomy labels them (the list's spelling may differ).
            assert folded(back.tags.get(slug, [])) == folded(record.tags.get(slug, [])), (paragraph, slug)
    reports = ProgressReport.objects.count()
    fmt, summary, _skipped = import_file(path, user=staff, options=ImportOptions(entity=None))
    assert (fmt, summary.new, summary.updated, summary.errors) == ("rightstrack-matrix", 0, 0, [])
    assert ProgressReport.objects.count() == reports


def test_the_demo_makes_a_matrix(tmp_path):
    from django.contrib.auth import get_user_model

    from rightstrack.recommendations.models import Recommendation
    from rightstrack.site import demo

    demo.load_demo_data()
    demo.ensure_demo_user("demo")
    demo.load_demo_plan()
    admin = get_user_model().objects.get(username="demo")
    matrix = build(admin)
    assert len(matrix.rows) == Recommendation.objects.count() > 600
    path = tmp_path / "demo.docx"
    matrix_docx.write(matrix, path)
    document = docx.Document(str(path))
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == HEADINGS
    assert len(data_rows(table)) == len(matrix.rows)
    assert len(theme_rows(table)) == len([theme for theme, _rows in matrix.groups() if theme]) > 5
    assessments = [cells[3] for cells in data_rows(table)]
    assert any("Teaching assistants recruited for 38 schools" in text for text in assessments)  # published
    assert not any("Recruitment continues" in text for text in assessments)  # returned, never validated
    assert any(line.endswith("(CCPR)") for cells in data_rows(table) for line in cells[0].split("\n"))
    assert all("\nState under review: " in cells[0] for cells in data_rows(table))  # several States
    assert len(matrix_docx.read(path)) == len(matrix.rows)


@pytest.mark.django_db
def test_rows_without_a_paragraph_number_are_known_by_their_text(tmp_path):
    """UPR Info's recommendations have no paragraph: a deleted row must not shift the
    others onto the wrong recommendation, and an edited one is refused, not guessed."""
    from rightstrack.core.permissions import OPERATOR
    from rightstrack.recommendations.tests.factories import RecommendationFactory, state

    recs = [
        RecommendationFactory(paragraph="", document=None, state=state("FRA"), text=f"Abolish practice {n}")
        for n in range(3)
    ]
    path = written(OPERATOR, tmp_path / "fra.docx", country="FRA")
    document = docx.Document(str(path))
    table = document.tables[0]
    rows = [row for row in table.rows[1:] if len(row._tr.tc_lst) == 4]
    assert [row.cells[0].text.split("\n")[0] for row in rows] == [rec.text for rec in recs]
    table._tbl.remove(rows[1]._tr)  # the ministry deletes the second row
    rows[2].cells[3].add_paragraph("Abolished in 2026.")
    document.save(str(path))
    cells = matrix_docx.read(path)
    assert [(cell.id, cell.text.endswith("Abolished in 2026.")) for cell in cells] == [
        (recs[0].pk, False),
        (recs[2].pk, True),
    ]
    rows[0].cells[0].paragraphs[0].runs[0].text = "Abolish another practice"  # the text itself edited
    rows[0].cells[3].add_paragraph("Done.")
    document.save(str(path))
    with pytest.raises(ValueError, match=r"fra\.docx: row 2: recommendation: rightstrack did not write this text"):
        matrix_docx.read(path)


def test_a_matrix_of_several_states_names_each_rows_state(matrix_world, tmp_path):
    from rightstrack.recommendations.tests.factories import RecommendationFactory, state

    RecommendationFactory(state=state("FRA"), paragraph="99.1", text="Ratify the Convention on statelessness")
    several = docx.Document(str(written(matrix_world.staff, tmp_path / "all.docx", today=matrix_world.today)))
    cells = {cells[0].split(" ", 1)[0]: cells[0] for cells in data_rows(several.tables[0])}
    assert cells["99.1"].endswith("\nState under review: France")
    assert cells["121.1"].endswith("\nState under review: Slovenia")
    one = docx.Document(str(written(matrix_world.staff, tmp_path / "svn.docx", country="SVN")))
    assert not any("State under review" in cells[0] for cells in data_rows(one.tables[0]))


def test_the_preview_of_several_states_names_them(client, matrix_world):
    from rightstrack.recommendations.tests.factories import RecommendationFactory, state

    RecommendationFactory(state=state("FRA"), paragraph="99.1", text="Ratify the Convention on statelessness")
    page = client.get("/reports/", {"language": "en", "format": "docx"}).content.decode()
    assert "State under review: France" in page and "State under review: Slovenia" in page
    page = client.get("/reports/", {"country": "SVN", "language": "en", "format": "docx"}).content.decode()
    assert "State under review: Slovenia" not in page


def test_every_page_says_its_number_and_the_count(matrix_world, tmp_path):
    footer = docx.Document(str(written(matrix_world.staff, tmp_path / "m.docx", country="SVN"))).sections[0].footer
    paragraph = footer.paragraphs[0]._p
    fields = [field.get(qn("w:instr")) for field in paragraph.iter(qn("w:fldSimple"))]
    texts = [node.text for node in paragraph.iter(qn("w:t"))]
    assert fields == ["PAGE", "NUMPAGES"] and texts == ["Page ", "1", " of ", "1"]
