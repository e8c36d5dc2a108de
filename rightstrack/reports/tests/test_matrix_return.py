"""The return trip's own rules, apart from the file formats (those are tested with
their writers): which cells become drafts, how rows are found, what is refused."""

from __future__ import annotations

import pytest

from rightstrack.accounts.choices import Role
from rightstrack.ingest.registry import BY_NAME, FORMATS, NAMES, FinishContext
from rightstrack.ingest.services import ImportSummary
from rightstrack.planning.tests.factories import EntityFactory, person
from rightstrack.progress.choices import ReportStage
from rightstrack.progress.models import ProgressReport
from rightstrack.recommendations.tests.factories import RecommendationFactory
from rightstrack.reports.matrix import ReturnedCell
from rightstrack.reports.matrix_return import FORMAT_NAME, _finish, added_text


def cell(rec=None, text="", written="Status: Not started", **kw) -> ReturnedCell:
    return ReturnedCell(
        location=kw.pop("location", "row 2"),
        id=rec.pk if rec is not None else None,
        paragraph=rec.paragraph if rec is not None else "",
        document=kw.pop("document", ""),
        text=text,
        written=written,
        **kw,
    )


def finish(cells, entity, user, dry_run=False) -> ImportSummary:
    summary = ImportSummary()
    _finish(cells, entity, FinishContext(user=user, source="matrix.docx", dry_run=dry_run, summary=summary))
    return summary


def test_the_format_is_registered_first_by_the_reports_app():
    assert FORMAT_NAME in NAMES and BY_NAME[FORMAT_NAME] is FORMATS[0]


@pytest.mark.parametrize(
    "now, written, added",
    [
        ("Status: Not started", "Status: Not started", ""),
        ("Status: Not started  \r\n\r\n", "Status: Not started", ""),  # an editor's line ends and blanks
        ("Status: Not started\nThe law was adopted on 3 May.", "Status: Not started", "The law was adopted on 3 May."),
        ("The law was adopted.", "Status: Not started", "The law was adopted."),  # rewritten: the whole cell
        ("Typed into an empty cell", "", "Typed into an empty cell"),
        ("Anything", None, "Anything"),  # the file's record lost: the whole cell
    ],
)
def test_added_text(now, written, added):
    assert added_text(ReturnedCell("row 2", None, "1", "", now, written)) == added


@pytest.mark.django_db
def test_changed_cells_become_drafts_by_the_importer_for_the_chosen_entity():
    staff = person(Role.NMRF_STAFF)
    ministry = EntityFactory(name="Ministry of Justice", short_name="MoJ")
    first, second, third = RecommendationFactory(), RecommendationFactory(), RecommendationFactory()
    cells = [
        cell(first, "Status: Not started"),
        cell(second, "Status: Not started\nA new law, 2026."),
        cell(third, "Replaced by the ministry"),
    ]
    summary = finish(cells, "moj", staff)
    assert not summary.errors and summary.counts == {"drafted": 2}
    drafts = ProgressReport.objects.order_by("pk")
    assert [(d.recommendation, d.text, d.stage, d.author, d.entity) for d in drafts] == [
        (second, "A new law, 2026.", ReportStage.DRAFT, staff, ministry),
        (third, "Replaced by the ministry", ReportStage.DRAFT, staff, ministry),
    ]
    assert "Drafted 2 progress reports for MoJ" in summary.also[0]


@pytest.mark.django_db
def test_an_untouched_matrix_needs_no_entity_and_drafts_nothing():
    rec = RecommendationFactory()
    summary = finish([cell(rec, "Status: Not started")], None, None)
    assert not summary.errors and summary.counts == {"drafted": 0}
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "entity, user, message",
    [
        (None, "staff", "name the entity they come from (--entity NAME"),
        ("Ministry of Nothing", "staff", "--entity: no responsible entity named 'Ministry of Nothing'"),
        ("Ministry of Justice", None, "say who brings them back (--user NAME)"),
    ],
)
def test_new_text_needs_a_person_and_an_entity(entity, user, message):
    EntityFactory(name="Ministry of Justice")
    staff = person(Role.NMRF_STAFF) if user else None
    summary = finish([cell(RecommendationFactory(), "New text")], entity, staff)
    assert any(message in error for error in summary.errors), summary.errors
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
def test_a_focal_point_reports_for_its_own_entity_only():
    ours, theirs = EntityFactory(name="Ours"), EntityFactory(name="Theirs")
    focal = person(Role.FOCAL_POINT, ours)
    rec = RecommendationFactory()
    rec.responsibilities.create(entity=ours, lead=True)
    summary = finish([cell(rec, "New text", location="row 7")], "Theirs", focal)
    assert summary.errors == [
        f"matrix.docx: {focal} may not report for Theirs (NMRF staff bring a matrix back "
        f"for any entity; a focal point for its own)"
    ]
    summary = finish([cell(rec, "New text")], "Ours", focal)
    assert not summary.errors and ProgressReport.objects.get().entity == ours
    del theirs


@pytest.mark.django_db
def test_rows_are_found_by_id_checked_against_their_paragraph_or_by_document_and_paragraph():
    staff = person(Role.NMRF_STAFF)
    EntityFactory(name="MoJ")
    rec = RecommendationFactory(paragraph="121.5")
    moved = ReturnedCell("row 3", rec.pk, "121.6", "", "New", "")
    summary = finish([moved], "MoJ", staff)
    assert "row 3: the row shows paragraph 121.6, but the matrix recorded recommendation" in summary.errors[0]
    gone = ReturnedCell("row 4", 999_999, "", "", "New", "")
    assert "recommendation 999999 is not in rightstrack" in finish([gone], "MoJ", staff).errors[0]
    by_symbol = ReturnedCell("row 5", None, "121.5", rec.document.symbol + "/Add.1", "New", None)
    summary = finish([by_symbol], "MoJ", staff)
    assert not summary.errors and ProgressReport.objects.get().recommendation == rec
    unknown = ReturnedCell("row 6", None, "999.1", rec.document.symbol, "New", None)
    assert "row 6: no recommendation" in finish([unknown], "MoJ", staff).errors[0]


@pytest.mark.django_db
def test_a_dry_run_says_what_it_would_draft():
    staff = person(Role.NMRF_STAFF)
    EntityFactory(name="MoJ")
    summary = finish([cell(RecommendationFactory(), "New")], "MoJ", staff, dry_run=True)
    assert summary.also[0].startswith("Would draft 1 progress report for MoJ")


@pytest.mark.django_db
def test_bringing_the_same_file_back_twice_drafts_nothing_twice():
    staff = person(Role.NMRF_STAFF)
    EntityFactory(name="MoJ")
    first, second = RecommendationFactory(), RecommendationFactory()
    cells = [cell(first, "Status: Not started\nA new law, 2026."), cell(second, "Status: Not started")]
    assert finish(cells, "MoJ", staff).counts == {"drafted": 1}
    again = finish(cells, "MoJ", staff)
    assert not again.errors and again.counts == {"drafted": 0} and ProgressReport.objects.count() == 1
    assert again.also == ["1 assessment cell was brought back before: its progress report is there already."]
    cells[1].text = "Status: Not started\nSomething new"
    assert finish(cells, "MoJ", staff).counts == {"drafted": 1} and ProgressReport.objects.count() == 2
