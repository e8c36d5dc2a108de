"""The mid-term report and the action plan as files, from the one service the command,
the page and the API call: each file opened and read (python-docx, openpyxl,
``pdftotext``), in English and Arabic."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from rightstrack.reports import services
from rightstrack.reports.tests.conftest import TODAY
from rightstrack.site.management.base import Error


def _midterm(w, fmt: str, language: str = "en", user=None, **extra):
    return services.generate(
        w.staff if user is None else user,
        kind="midterm",
        fmt=fmt,
        language=language,
        country="SVN",
        cycle=w.r1.cycle,
        today=TODAY,
        **extra,
    )


def pdf_text(content: bytes) -> str:
    """What ``pdftotext`` reads in a PDF, Arabic presentation forms folded (NFKC)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return unicodedata.normalize("NFKC", done.stdout.decode())


def _docx_text(content: bytes):
    from docx import Document

    document = Document(io.BytesIO(content))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return document, paragraphs, cells


def test_midterm_pdf_in_english_reads_as_the_report(midterm_world):
    w = midterm_world
    made = _midterm(w, "pdf")
    assert made.content.startswith(b"%PDF") and made.content_type == "application/pdf"
    assert made.filename == f"midterm-SVN-cycle{w.r1.cycle}-en-2026-12-07.pdf" and made.count == 4
    text = pdf_text(made.content)
    for expected in (
        "Mid-term report of Slovenia",
        "Working Group session",
        "A/HRC/43/15/Add.1",
        "Methodology and consultation",
        "Draft mid-term report",
        "Overview",
        "Progress by theme",
        "Justice and international norms",
        "Bill sent to the National Assembly",
        "Judges trained",
        "Changes of position since the review",
        "UPR Voluntary Fund",
        "Annex: implementation of every recommendation",
        "121.10",
        "Page 1 of",
    ):
        assert expected in text, expected
    assert "DRAFT: nothing agreed yet" not in text  # a draft progress report is not data


def test_midterm_for_the_public_holds_published_data_only(midterm_world):
    w = midterm_world
    text = pdf_text(_midterm(w, "pdf", user=AnonymousUser()).content)
    assert "unpublished draft" not in text and "Bill sent to the National Assembly" not in text  # validated only
    assert "Public consultation on the bill held" in text  # published
    assert "This version holds the published information only." in text


def test_midterm_docx_in_english(midterm_world):
    w = midterm_world
    document, paragraphs, cells = _docx_text(_midterm(w, "docx").content)
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings[0] == "Methodology and consultation" and headings[-1].startswith("Annex")
    assert (
        "Title",
        "Mid-term report of Slovenia on the implementation of the recommendations of the Universal Periodic Review",
    ) in paragraphs
    assert any("Ratify the International Convention" in cell for cell in cells)
    assert any("Theme: Violence against women" in cell for cell in cells)  # the annex's bands
    assert len(document.inline_shapes) >= 4  # the charts
    assert document.core_properties.language == "en-GB" or document.core_properties.language.startswith("en")


def test_midterm_in_arabic_is_right_to_left_in_both_formats(midterm_world):
    w = midterm_world
    docx = _midterm(w, "docx", language="ar").content
    document, paragraphs, cells = _docx_text(docx)
    body = document.element.body.xml
    assert "w:bidi" in body and "w:bidiVisual" in body
    assert any("التصديق على الاتفاقية الدولية" in cell for cell in cells)  # the stored translation
    # pdftotext may put a space inside an Arabic word: compared without spaces.
    text = "".join(pdf_text(_midterm(w, "pdf", language="ar").content).split())
    for expected in ("سلوفينيا", "المنهجيةوالتشاور", "نظرةعامة", "التصديقعلىالاتفاقيةالدولية", "121.10"):
        assert expected in text, expected
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings[:2] == ["المنهجية والتشاور", "نظرة عامة"]


def test_an_organisations_midterm_assessment(midterm_world):
    w = midterm_world
    made = _midterm(w, "pdf", organisation="human rights ombudsman")  # the name as its assessments give it
    assert made.filename.startswith("midterm-SVN-") and "-assessment-" in made.filename
    text = pdf_text(made.content)
    assert "by human rights ombudsman" in text.lower() and "The bill is stalled in committee." in text
    with pytest.raises(services.InvalidChoice) as raised:
        _midterm(w, "pdf", organisation="Nobody at all")
    assert raised.value.field == "organisation" and "Human Rights Ombudsman" in raised.value.message


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"country": None}, "country"),
        ({"cycle": None}, "cycle"),
        ({"cycle": 1}, "cycle"),
        ({"fmt": "xlsx"}, "format"),
        ({"language": "de"}, "language"),
    ],
)
def test_midterm_arguments_are_checked(midterm_world, arguments, field):
    w = midterm_world
    values = {"kind": "midterm", "fmt": "pdf", "country": "SVN", "cycle": w.r1.cycle, **arguments}
    with pytest.raises(services.InvalidChoice) as raised:
        services.generate(w.staff, **values)
    assert raised.value.field == field


def test_plan_in_every_format(midterm_world):
    from openpyxl import load_workbook

    w = midterm_world
    for fmt in ("docx", "pdf", "xlsx"):
        made = services.generate(w.staff, kind="plan", fmt=fmt, plan=w.plan.pk, today=TODAY)
        assert made.filename == f"plan-{w.plan.pk}-en-2026-12-07.{fmt}" and made.count == 3
        if fmt == "pdf":
            text = pdf_text(made.content)
            assert "National plan 2025-2028" in text and "Train judges on the Convention" in text
            assert "Justice and international norms" in text
        elif fmt == "docx":
            _document, paragraphs, cells = _docx_text(made.content)
            assert any("Draft the ratification bill" in cell for cell in cells)
        else:
            sheet = load_workbook(io.BytesIO(made.content))["Plan"]
            values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
            assert "Build a new prison wing" in values
    with pytest.raises(services.InvalidChoice) as raised:
        services.generate(w.staff, kind="plan", fmt="pdf", plan="x")
    assert raised.value.field == "plan"


def test_plan_pdf_in_arabic(midterm_world):
    w = midterm_world
    made = services.generate(w.staff, kind="plan", fmt="pdf", plan=w.plan.pk, language="ar", today=TODAY)
    text = pdf_text(made.content)
    assert "Train judges on the Convention" in text  # the plan's own words stay as written


def test_the_command_writes_both_documents(midterm_world, tmp_path, capsys):
    w = midterm_world
    out = tmp_path / "midterm.pdf"
    call_command("report", "midterm", "--country", "svn", "--cycle", str(w.r1.cycle), "--format", "pdf", "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    assert f"wrote {out}: 4 recommendations" in capsys.readouterr().out
    plan = tmp_path / "plan.xlsx"
    call_command("report", "plan", "--plan", str(w.plan.pk), "--language", "ar", "--format", "xlsx", "-o", str(plan))
    assert "3 activities" in capsys.readouterr().out
    with pytest.raises(Error, match="organisation"):
        call_command(
            "report",
            "midterm",
            "--country",
            "SVN",
            "--cycle",
            str(w.r1.cycle),
            "--organisation",
            "X",
            "--format",
            "docx",
            "-o",
            str(tmp_path / "x.docx"),
        )


def test_the_api_sends_both_documents(client, midterm_world):
    w = midterm_world
    answer = client.get(f"/api/documents/midterm?country=SVN&cycle={w.r1.cycle}&format=pdf&language=ar")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert "attachment" in answer["Content-Disposition"]
    bad = client.get("/api/documents/midterm?country=SVN&cycle=1&format=pdf")
    assert bad.status_code == 400 and "cycle" in bad.content.decode()
    assert client.get(f"/api/documents/plan?plan={w.plan.pk}&format=xlsx").status_code == 200
    missing = client.get("/api/documents/plan?plan=999999&format=xlsx")
    assert missing.status_code == 400 and "National plan 2025-2028" in missing.content.decode()  # the known plans
    schema = client.get("/api/openapi.json").json()
    assert {"/api/documents/midterm", "/api/documents/plan"} <= set(schema["paths"])


def test_the_reports_page_offers_and_sends_both(client, midterm_world):
    w = midterm_world
    page = client.get("/reports/").content.decode()
    assert 'action="/reports/midterm/download/"' in page and 'action="/reports/plan/download/"' in page
    answer = client.get(
        f"/reports/midterm/download/?midterm-country=SVN&midterm-cycle={w.r1.cycle}"
        "&midterm-language=en&midterm-format=docx"
    )
    assert answer.status_code == 200 and answer["Content-Disposition"].startswith("attachment")
    plan = client.get(f"/reports/plan/download/?plan-plan={w.plan.pk}&plan-language=fr&plan-format=pdf")
    assert plan.status_code == 200 and plan.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_the_slovenia_cycle_3_midterm_report_from_the_real_list(shared_data, staff):
    """OHCHR's real third-cycle list of Slovenia (215 recommendations, no plan yet): the
    report is complete, its annex holds every recommendation, in English and Arabic."""
    from rightstrack.ingest.formats import ohchr_docx
    from rightstrack.ingest.services import import_file

    source = shared_data / "ohchr-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
    listed = [record.paragraph for record in ohchr_docx.parse(source)]
    _fmt, imported, _skipped = import_file(source, user=staff)
    assert imported.new == len(listed) == 215
    for language in ("en", "ar"):
        made = services.generate(
            staff, kind="midterm", fmt="pdf", country="SVN", cycle=3, language=language, today=TODAY
        )
        assert made.count == 215
        text = pdf_text(made.content)
        assert text.count("Supported") + text.count("Noted") >= 215 or language == "ar"
        for paragraph in (listed[0], listed[100], listed[-1]):  # supported (121.x) and noted (122.x)
            assert f"{paragraph} " in text, (language, paragraph)
    document, paragraphs, cells = _docx_text(
        services.generate(staff, kind="midterm", fmt="docx", country="SVN", cycle=3, today=TODAY).content
    )
    annex = document.tables[-1]
    assert sum(1 for row in annex.rows if row.cells[0].text.startswith(("121.", "122."))) == 215
