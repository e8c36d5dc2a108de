"""The treaty-body follow-up report (``rightstrack report followup``, the Reports page,
``GET /api/documents/followup``): each file opened and read back (python-docx,
``pdftotext``) in English and Arabic."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from rightstrack.progress.tests.followup_sample import LEAD, PART_A, PART_B, world
from rightstrack.reports import services
from rightstrack.reports.tests.test_documents import _docx_text, pdf_text
from rightstrack.site.management.base import Error

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 7)


@pytest.fixture
def w(tmp_path):
    return world(tmp_path)


def _report(user, fmt: str, language: str = "en", document: str = "CCPR/C/SVN/CO/3"):
    return services.generate(user, kind="followup", fmt=fmt, language=language, document=document, today=TODAY)


def _after(text: str, start: str, end: str) -> str:
    """The text between ``start`` and ``end`` (both must be there)."""
    begin = text.index(start)
    return text[begin : text.index(end, begin + len(start))]


def test_the_pdf_answers_each_part_with_its_grade_and_measures(w):
    made = _report(w.staff, "pdf")
    assert made.filename == "followup-CCPR-C-SVN-CO-3-en-2026-12-07.pdf" and made.count == 3
    text = " ".join(pdf_text(made.content).split())
    for expected in (
        "Information received from Slovenia on follow-up to the concluding observations",
        "Human Rights Committee",
        "Paragraphs selected for follow-up 8, 16, 20",
        "24 March 2017 (1 year after adoption)",
        "CCPR/C/128/3/Add.2 (2–27 March 2020)",
        "The State's previous reply CCPR/C/SVN/FCO/3",
        "Paragraph 8: Racism and xenophobia",
        LEAD,
        PART_A,
        "The Committee's last grade: A – Largely satisfactory",
        "The Committee regrets that no information was provided.",
        "Page 1 of",
    ):
        assert expected in text, expected
    # Part (b): the action naming it and its validated report, with the indicator's value.
    part_b = _after(text, "8 (b) Adopting", "8 (c)")
    assert "National strategy against discrimination, part (b)" in part_b and "Ministry of Labour" in part_b
    assert "due 30 June 2027" in part_b and "Strategy drafted with 14 organisations." in part_b
    assert "Organisations consulted: 14" in part_b and "(1 November 2026)" in part_b  # the indicator's value
    assert "Hate-speech guidelines" not in part_b  # names no part: under the paragraph as a whole
    whole = _after(text, "Measures on the paragraph as a whole", "The Committee's last assessment")
    assert "Hate-speech guidelines for prosecutors issued." in whole
    assert "To be completed." in _after(text, "8 (c) Ensuring", "8 (d)")
    assert "UNVALIDATED-DRAFT-MARKER" not in text  # a draft report is not a measure
    assert "The text of this paragraph is not recorded" in _after(text, "Paragraph 16", "Paragraph 20")


def test_the_word_file_has_the_same_structure(w):
    made = _report(w.staff, "docx")
    assert made.content_type.endswith("wordprocessingml.document")
    _document, paragraphs, cells = _docx_text(made.content)
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    assert headings[:4] == [
        "Introduction",
        "Summary",
        "Paragraph 8: Racism and xenophobia, including hate speech",
        "8 (a)",
    ]
    assert "Paragraph 20: Persons in vulnerable situations in the migration flow" in headings
    assert any(text == PART_B for _style, text in paragraphs)
    assert "National strategy against discrimination, part (b) — " not in " ".join(cells)  # no description: no dash
    assert any(cell.startswith("National strategy against discrimination, part (b)") for cell in cells)
    assert "(b), (c) and (d)" in cells and "C – Not satisfactory" in cells


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_in_arabic_the_labels_are_arabic_and_the_document_right_to_left(w, fmt):
    made = _report(w.staff, fmt, language="ar")
    if fmt == "pdf":
        text = " ".join(pdf_text(made.content).split())
    else:
        document, paragraphs, cells = _docx_text(made.content)
        text = " ".join(t for _s, t in paragraphs) + " ".join(cells)
        assert document.sections[0]._sectPr.xpath("./w:bidi")
    # pdftotext reads an English line of an Arabic page with its final ";" first: compare without it.
    for expected in ("سلوفينيا", "اللجنة المعنية بحقوق الإنسان", "CCPR/C/SVN/CO/3", PART_A.rstrip(";")):
        assert expected in text, expected
    assert "Information received from" not in text and "Reply due" not in text


def test_the_public_gets_published_progress_only(w):
    from rightstrack.progress import services as progress

    text = pdf_text(_report(AnonymousUser(), "pdf").content)
    assert "Strategy drafted with 14" not in text  # validated, not published
    progress.publish(w.staff, w.report, w.report.version)
    assert "Strategy drafted with 14" in pdf_text(_report(AnonymousUser(), "pdf").content)


def test_an_unknown_document_names_the_ones_known(w):
    with pytest.raises(services.InvalidChoice) as refused:
        _report(w.staff, "pdf", document="CCPR/C/SVN/CO/2x")
    assert refused.value.field == "document" and "CCPR/C/SVN/CO/3" in refused.value.message
    with pytest.raises(services.InvalidChoice, match="document: give the symbol"):
        _report(w.staff, "pdf", document=" ")
    with pytest.raises(services.InvalidChoice, match="format: 'xlsx' is not one of docx, pdf"):
        _report(w.staff, "xlsx")


def test_the_command_writes_the_file(w, tmp_path, capsys):
    out = tmp_path / "followup.docx"
    call_command("report", "followup", "--document", "CCPR/C/SVN/CO/3", "--format", "docx", "-o", str(out))
    assert out.read_bytes().startswith(b"PK") and f"wrote {out}: 3 paragraphs" in capsys.readouterr().out
    with pytest.raises(Error, match="document: no follow-up procedure on 'CCPR/C/FRA/CO/5'"):
        call_command("report", "followup", "--document", "CCPR/C/FRA/CO/5", "--format", "pdf", "-o", str(out))


def test_the_page_and_the_api_send_the_same_document(client, w):
    page = client.get("/reports/")
    assert (
        "Treaty-body follow-up report" in page.content.decode()
        and "Slovenia – CCPR/C/SVN/CO/3" in page.content.decode()
    )
    got = client.get(
        "/reports/followup/download/",
        {"followup-document": "CCPR/C/SVN/CO/3", "followup-language": "en", "followup-format": "pdf"},
    )
    assert got.status_code == 200 and got["Content-Disposition"].startswith("attachment")
    assert "Paragraph 8" in pdf_text(got.content)
    api = client.get("/api/documents/followup", {"document": "CCPR/C/SVN/CO/3", "format": "docx", "language": "ar"})
    assert api.status_code == 200 and api["Content-Disposition"].endswith(
        f'followup-CCPR-C-SVN-CO-3-ar-{dt.date.today()}.docx"'
    )
    bad = client.get("/api/documents/followup", {"document": "CCPR/C/XXX/CO/1"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["parameter"] == "document"
