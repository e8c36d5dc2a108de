"""``rightstrack import FILE --format ccpr-followup``: the Committee's follow-up
procedures, parts and grades by round, all or nothing, idempotent, and a changed grade
replaced with the earlier one kept in the audit trail."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rightstrack.core.models import AuditAction, AuditEvent
from rightstrack.core.permissions import OPERATOR
from rightstrack.ingest.formats.base import ParseError
from rightstrack.ingest.registry import detect_format
from rightstrack.ingest.services import ImportFailed
from rightstrack.progress.models import CommitteeAssessment, FollowUp, FollowUpParagraph, PartGrade
from rightstrack.progress.selectors import followup_of
from rightstrack.progress.tests.followup_sample import PART_B, import_sample, sample, write
from rightstrack.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


def _grades(view, paragraph: str, round_: int = -1) -> list[tuple[str, str, list[str]]]:
    p = next(p for p in view.paragraphs if p.paragraph.paragraph == paragraph)
    return [(g.label, g.grade, [x.label for x in g.parts.all()]) for g in p.rounds[round_].grades]


def test_the_procedure_arrives_with_parts_and_grades(tmp_path):
    summary = import_sample(tmp_path)
    assert summary.new == 2  # paragraphs 8 and 20; 16's text was lost by the source
    assert "2 follow-up procedures, 5 paragraphs, 7 grades of the Committee (4 in the latest assessments)" in " ".join(
        summary.also
    )
    view = followup_of(OPERATOR, "ccpr/c/svn/co/3")
    follow_up = view.follow_up
    assert (follow_up.document.date, follow_up.due_date) == (dt.date(2016, 3, 24), dt.date(2017, 3, 24))
    assert (follow_up.reply_symbol, follow_up.reply_date) == ("CCPR/C/SVN/FCO/3", dt.date(2017, 6, 1))
    assert [(r.number, r.assessment.symbol, r.assessment.session, r.assessment.date) for r in view.rounds] == [
        (1, "CCPR/C/128/3/Add.2", 128, dt.date(2020, 3, 27))
    ]
    assert _grades(view, "8") == [("(a)", "A", ["(a)"]), ("(b), (c) and (d)", "C", ["(b)", "(c)", "(d)"])]
    eight = view.paragraphs[0]
    assert [(part.label, grade.grade) for part, grade in eight.parts] == [
        ("(a)", "A"),
        ("(b)", "C"),
        ("(c)", "C"),
        ("(d)", "C"),
    ]
    assert eight.parts[1][0].text == PART_B
    assert eight.recommendation.follow_up and "Adopted by the Committee" not in eight.recommendation.text
    assert eight.paragraph.title == "Racism and xenophobia, including hate speech"
    # Paragraph 16: no text, so no recommendation and no parts; its grade keeps its label.
    sixteen = FollowUpParagraph.objects.get(follow_up=follow_up, paragraph="16")
    assert sixteen.recommendation is None and _grades(view, "16") == [("(a)–(c)", "B", [])]
    assert _grades(view, "20") == [("", "C", [])]
    # The earlier concluding observations: a procedure of their own, one round listed twice
    # by the source with different paragraphs, kept once with both.
    earlier = followup_of(OPERATOR, "CCPR/C/SVN/CO/2")
    assert [r.assessment.session for r in earlier.rounds] == [100]
    assert _grades(earlier, "7") == [("", "B", []), ("", "C", [])] and _grades(earlier, "9") == [("", "D", [])]


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    import_sample(tmp_path)
    counts = (FollowUp.objects.count(), PartGrade.objects.count(), CommitteeAssessment.objects.count())
    again = import_sample(tmp_path)
    assert (again.new, again.updated) == (0, 0)
    assert "0 grades changed since the last import" in " ".join(again.also)
    assert (FollowUp.objects.count(), PartGrade.objects.count(), CommitteeAssessment.objects.count()) == counts


def test_a_changed_grade_replaces_the_rounds_grade_and_the_earlier_one_is_kept_in_the_history(tmp_path):
    import_sample(tmp_path)
    data = sample()
    data["SVN"]["paragraphs"][0]["limbs"][0]["grade"] = "B"
    summary = import_sample(tmp_path, data)
    assert "2 grades changed since the last import" in " ".join(summary.also)
    assert _grades(followup_of(OPERATOR, "CCPR/C/SVN/CO/3"), "8")[0] == ("(a)", "B", ["(a)"])
    event = AuditEvent.objects.get(action=AuditAction.IMPORTED, object_repr="CCPR/C/SVN/CO/3 8")
    assert event.changes["grades"] == ["(a) A; (b), (c) and (d) C", "(a) B; (b), (c) and (d) C"]


def test_a_grade_off_the_committees_scale_refuses_the_whole_file(tmp_path):
    data = sample()
    data["SVN"]["paragraphs"][2]["limbs"][0]["grade"] = "F"
    with pytest.raises(ImportFailed) as failed:
        import_sample(tmp_path, data)
    assert (
        "hrc.json: hrc.json: SVN paragraph 20: grade 'F' is not on the CCPR scale (A, B, B1, B2, C, C1, C2, D, "
        "D1, D2, E)" in str(failed.value.summary.errors)
    )
    assert not FollowUp.objects.exists() and not Recommendation.objects.exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"co_symbol": ""}, "hrc.json: SVN: missing field 'co_symbol'"),
        ({"co_symbol": "CRC/C/SVN/CO/3"}, "hrc.json: SVN: field 'co_symbol': 'CRC/C/SVN/CO/3' is not a CCPR document"),
        ({"paragraphs": [{"num": "", "limbs": []}]}, "hrc.json: SVN: a paragraph without its number"),
        (
            {"paragraphs": [{"num": "8", "limbs": [{"label": "(a)", "grade": ""}]}]},
            "SVN paragraph 8: a part without its grade",
        ),
    ],
)
def test_bad_input_names_the_state_and_the_field(tmp_path, change, message):
    with pytest.raises(ParseError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_sample(tmp_path, sample(**change))
    assert not FollowUp.objects.exists()


def test_not_json_or_not_keyed_by_state_is_refused(tmp_path):
    (tmp_path / "hrc.json").write_text("{not json", encoding="utf-8")
    from rightstrack.ingest.services import import_file

    with pytest.raises(ParseError, match="hrc.json: not readable JSON"):
        import_file(tmp_path / "hrc.json", "ccpr-followup")
    with pytest.raises(ParseError, match="expected an object keyed by State"):
        import_sample(tmp_path, [1, 2])


def test_the_format_is_recognised_from_the_content(tmp_path):
    assert detect_format(write(tmp_path / "anything.json")).name == "ccpr-followup"
    other = tmp_path / "other.json"  # an object, but not keyed by State with concluding observations
    other.write_text(json.dumps({"recommendations": [{"text": "Ratify", "paragraphs": []}]}), encoding="utf-8")
    with pytest.raises(ParseError, match="other.json: not a format rightstrack recognises"):
        detect_format(other)


def test_a_round_listed_twice_with_different_grades_keeps_the_first_and_says_so(tmp_path):
    data = sample()
    data["SVN"]["history"][1]["header_grades"] = {"7": ["A", "C"]}
    summary = import_sample(tmp_path, data)
    assert any(
        "session 100 is listed twice with different grades for paragraph 7 (7: B, C kept; 7: A, C not)" in line
        for line in summary.also
    )
    assert _grades(followup_of(OPERATOR, "CCPR/C/SVN/CO/2"), "7") == [("", "B", []), ("", "C", [])]


def test_a_later_assessment_becomes_round_two(tmp_path):
    import_sample(tmp_path)
    data = sample(
        assessment_symbol="CCPR/C/134/3/Add.1",
        assessment_session=134,
        assessment_date="28 February–25 March 2022",
        assessment_year=2022,
    )
    data["SVN"]["paragraphs"][0]["limbs"] = [{"label": "(a), (b), (c) and (d)", "grade": "B", "eval": "Progress."}]
    import_sample(tmp_path, data)
    view = followup_of(OPERATOR, "CCPR/C/SVN/CO/3")
    assert [(r.number, r.assessment.symbol) for r in view.rounds] == [
        (1, "CCPR/C/128/3/Add.2"),
        (2, "CCPR/C/134/3/Add.1"),
    ]
    assert _grades(view, "8", 0)[0][:2] == ("(a)", "A")  # round 1 kept as it was
    assert [(part.label, grade.grade) for part, grade in view.paragraphs[0].parts] == [
        ("(a)", "B"),
        ("(b)", "B"),
        ("(c)", "B"),
        ("(d)", "B"),
    ]


def test_the_public_sees_a_procedure_once_its_recommendations_are_published(tmp_path):
    from django.contrib.auth.models import AnonymousUser

    import_sample(tmp_path, publish=False)
    assert followup_of(AnonymousUser(), "CCPR/C/SVN/CO/3") is None
    assert followup_of(OPERATOR, "CCPR/C/SVN/CO/3") is not None
    Recommendation.objects.update(is_published=True)
    assert followup_of(AnonymousUser(), "CCPR/C/SVN/CO/3") is not None


def test_json_nested_far_too_deep_is_refused_not_a_crash(tmp_path):
    (tmp_path / "hrc.json").write_text(
        '{"SVN": {"co_symbol": "CCPR/C/SVN/CO/3", "paragraphs": ' + "[" * 100_000 + "]" * 100_000 + "}}",
        encoding="utf-8",
    )
    from rightstrack.ingest.services import import_file

    with pytest.raises(ParseError, match="hrc.json: refused: lists or objects nested more than 32 levels deep"):
        import_file(tmp_path / "hrc.json")  # recognised as ccpr-followup from its start
