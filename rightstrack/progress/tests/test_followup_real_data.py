"""The Human Rights Committee's follow-up assessments of 114 States (the shared
``ccpr-followup/hrc_all.json``), imported whole: CCPR/C/SVN/CO/3's paragraphs 8, 16 and
20 with their grades and assessment document, and every graded part."""

from __future__ import annotations

import pytest

from rightstrack.core.permissions import OPERATOR
from rightstrack.ingest.services import import_file
from rightstrack.progress.models import CommitteeAssessment, FollowUp, PartGrade
from rightstrack.progress.selectors import followup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(shared_data):
    _format, summary, _skipped = import_file(shared_data / "ccpr-followup" / "hrc_all.json")  # recognised: auto
    return summary


def test_slovenia_shows_paragraphs_8_16_and_20_with_their_grades(imported):
    view = followup_of(OPERATOR, "CCPR/C/SVN/CO/3")
    assert [p.paragraph.paragraph for p in view.paragraphs] == ["8", "16", "20"]
    assert [(r.assessment.symbol, r.assessment.session) for r in view.rounds] == [("CCPR/C/128/3/Add.2", 128)]
    eight, sixteen, twenty = view.paragraphs
    assert [(part.label, grade.grade) for part, grade in eight.parts] == [
        ("(a)", "A"),
        ("(b)", "C"),
        ("(c)", "C"),
        ("(d)", "C"),
    ]
    assert eight.parts[1][0].text.startswith("Adopting a clear strategy on the prevention and elimination")
    assert [(g.label, g.grade) for g in eight.latest] == [("(a)", "A"), ("(b), (c) and (d)", "C")]
    assert [(g.label, g.grade) for g in sixteen.latest] == [("(a), (b), (c), (d), (e) and (f)", "C")]
    assert len(sixteen.parts) == 6 and all(grade.grade == "C" for _part, grade in sixteen.parts)
    assert [(g.label, g.grade) for g in twenty.latest] == [("", "C")] and twenty.parts == []
    assert "Adopted by the Committee" not in eight.recommendation.text and "tbinternet" not in eight.recommendation.text


def test_all_517_graded_parts_arrive_and_a_second_import_changes_nothing(imported, shared_data):
    latest = []
    for follow_up in FollowUp.objects.prefetch_related("assessments"):
        assessments = list(follow_up.assessments.all())
        if assessments and assessments[-1].symbol:  # the follow-up reports the file names
            latest.append(assessments[-1].pk)
    assert PartGrade.objects.filter(assessment_id__in=latest).count() == 517
    assert FollowUp.objects.filter(assessments__symbol__gt="").distinct().count() == 114
    counts = (PartGrade.objects.count(), CommitteeAssessment.objects.count())
    _format, again, _skipped = import_file(shared_data / "ccpr-followup" / "hrc_all.json", "ccpr-followup")
    assert (again.new, again.updated) == (0, 0) and "0 grades changed" in again.also[-1]
    assert (PartGrade.objects.count(), CommitteeAssessment.objects.count()) == counts


@pytest.mark.parametrize(
    "language, heading",
    [("en", "Paragraph 16: Asylum seekers, migrants and refugees"), ("ar", "Asylum seekers, migrants and refugees")],
)
def test_slovenias_follow_up_report_reads_back_in_word_and_pdf(imported, language, heading):
    from rightstrack.reports import services
    from rightstrack.reports.tests.test_documents import _docx_text, pdf_text

    for fmt in ("docx", "pdf"):
        made = services.generate(OPERATOR, kind="followup", fmt=fmt, language=language, document="CCPR/C/SVN/CO/3")
        if fmt == "pdf":
            text = " ".join(pdf_text(made.content).split())
        else:
            _document, paragraphs, cells = _docx_text(made.content)
            text = " ".join([t for _s, t in paragraphs] + cells)
        for expected in (
            heading,
            "Adopting a clear strategy on the prevention and elimination of discrimination",
            "CCPR/C/128/3/Add.2",
            "Ensure full respect of the principle of non-refoulement",
        ):
            assert expected in text, (fmt, language, expected)
