"""What the matrix holds (``reports.matrix.build``), on the small world of conftest.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from rightstrack.reports.matrix import build

pytestmark = pytest.mark.django_db


def rows_by_paragraph(matrix) -> dict:
    return {row.paragraph: row for row in matrix.rows}


def test_rows_stand_under_their_first_theme_in_ohchr_order(matrix_world):
    matrix = build(matrix_world.staff, country="svn", mechanism="UPR", today=matrix_world.today)
    # Unthemed rows first (paragraph order: 121.3 before 121.10), then the groups in the
    # order of the UHRI themes taxonomy, whatever the order the tags were added in.
    assert [row.paragraph for row in matrix.rows] == ["121.3", "121.10", "121.1", "121.2"]
    assert [theme for theme, _rows in matrix.groups()] == [
        "",
        "Acceptance of international norms",
        "Violence against women",
    ]
    r1 = rows_by_paragraph(matrix)["121.1"]
    assert r1.themes == ["Acceptance of international norms", "Equality & non-discrimination"]
    assert r1.theme == "Acceptance of international norms"
    assert r1.sdgs == ["16 - Peace, justice and strong institutions"] and r1.affected == ["General"]
    assert r1.states == ["France", "Lithuania"] and r1.position == "Supported"
    assert (r1.document, r1.position_source, r1.mechanism, r1.country) == (
        "A/HRC/43/15",
        "A/HRC/43/15/Add.1",
        "UPR",
        "Slovenia",
    )
    assert matrix.title == (
        "Universal Periodic Review of Slovenia – recommendations and their implementation, as of 7 December 2026"
    )
    assert matrix.as_of == matrix_world.today and not matrix.public


def test_a_pending_suggestion_never_enters_the_matrix(matrix_world):
    row = rows_by_paragraph(build(matrix_world.staff, country="SVN", today=matrix_world.today))["121.2"]
    assert row.themes == ["Violence against women"]
    assert row.theme == "Violence against women"  # the suggested theme would come first in OHCHR's order
    matrix_world.suggestion.confirmed = True
    matrix_world.suggestion.save()
    row = rows_by_paragraph(build(matrix_world.staff, country="SVN", today=matrix_world.today))["121.2"]
    assert row.theme == "Acceptance of international norms"  # once a person confirmed it, it is data


def test_the_assessment_cites_validated_progress_never_a_draft(matrix_world):
    r1 = rows_by_paragraph(build(matrix_world.staff, country="SVN", today=matrix_world.today))["121.1"]
    assert r1.status == "In progress"
    assert (r1.lead, r1.supporting) == (["Ministry of Justice"], ["Ministry of Education"])
    assert [update.text for update in r1.updates] == [
        "Public consultation on the bill held",
        "Bill sent to the National Assembly",
    ]
    assert r1.updates[0].evidence == ["https://www.gov.si/consultation-ced"]
    assert r1.last_update == dt.date(2026, 9, 15)
    assert r1.actions == ["Draft the ratification bill (Ministry of Justice, due 30 June 2027)"]
    assert r1.indicators == ["Ratification bill adopted by the National Assembly"]
    assert r1.assessment.split("\n") == [
        "Status: In progress",
        "Lead: Ministry of Justice",
        "Supporting: Ministry of Education",
        "2 March 2026, Ministry of Education: Public consultation on the bill held",
        "Evidence: https://www.gov.si/consultation-ced",
        "15 September 2026, Ministry of Justice: Bill sent to the National Assembly",
    ]
    assert "DRAFT" not in r1.assessment


def test_without_tracking_or_anyone_responsible_the_assessment_is_just_the_status(matrix_world):
    rows = rows_by_paragraph(build(matrix_world.staff, country="SVN", today=matrix_world.today))
    assert rows["121.2"].status == "Not started"
    assert rows["121.2"].assessment == "Status: Not started"
    assert rows["121.2"].last_update is None and rows["121.2"].updates == []
    assert rows["15"].assessment == "Status: Not started\nLead: Ministry of Justice"


def test_the_public_sees_published_recommendations_and_published_progress_only(matrix_world):
    matrix = build(AnonymousUser(), country="SVN", today=matrix_world.today)
    assert matrix.public
    rows = rows_by_paragraph(matrix)
    assert "121.3" not in rows  # not published
    assert set(rows) == {"121.1", "121.2", "121.10", "15"}
    r1 = rows["121.1"]
    assert [update.text for update in r1.updates] == ["Public consultation on the bill held"]
    assert "Bill sent to the National Assembly" not in r1.assessment
    assert r1.last_update == dt.date(2026, 3, 2)
    # A validated report is not public: a signed-in reader sees it.
    assert "Bill sent" in rows_by_paragraph(build(matrix_world.staff, today=matrix_world.today))["121.1"].assessment


def test_progress_on_a_cluster_action_reaches_every_recommendation_of_the_cluster(matrix_world):
    from rightstrack.planning.models import Action, Cluster
    from rightstrack.progress.models import ProgressReport

    cluster = Cluster.objects.create(plan=matrix_world.plan, title="Violence and ill-treatment")
    cluster.recommendations.set([matrix_world.r2, matrix_world.ccpr])
    action = Action.objects.create(
        plan=matrix_world.plan,
        cluster=cluster,
        entity=matrix_world.moe,
        title="Train police officers",
        due=dt.date(2027, 1, 31),
    )
    ProgressReport.objects.create(
        action=action,
        entity=matrix_world.moe,
        author=matrix_world.staff,
        date=dt.date(2026, 10, 1),
        text="300 officers trained",
        stage="validated",
    )
    rows = rows_by_paragraph(build(matrix_world.staff, country="SVN", today=matrix_world.today))
    for paragraph in ("121.2", "15"):
        assert rows[paragraph].actions == ["Train police officers (Ministry of Education, due 31 January 2027)"]
        assert "1 October 2026, Ministry of Education: 300 officers trained" in rows[paragraph].assessment
    assert "300 officers" not in rows["121.1"].assessment


def test_filters_and_titles(matrix_world):
    staff, today = matrix_world.staff, matrix_world.today
    ccpr = build(staff, country="SVN", mechanism="ccpr", today=today)
    assert [row.paragraph for row in ccpr.rows] == ["15"]
    assert (
        ccpr.title == "Human Rights Committee – recommendations to Slovenia and their implementation, as of "
        "7 December 2026"
    )
    assert ccpr.filters == {"country": "SVN", "cycle": None, "mechanism": "CCPR"}
    assert {row.paragraph for row in build(staff, cycle=3, today=today).rows} == {"121.1", "121.2", "121.3", "121.10"}
    assert build(staff, cycle=2, today=today).rows == []
    assert build(staff, country="HRV", today=today).rows == []
    both = build(staff, country="SVN", today=today)
    assert both.title == (
        "Recommendations of the human rights mechanisms to Slovenia and their implementation, as of 7 December 2026"
    )
    assert build(staff, country="HRV", mechanism="UPR", today=today).title.startswith(
        "Universal Periodic Review of Croatia – recommendations"
    )  # no rows: the State asked for
    from rightstrack.recommendations.tests.factories import RecommendationFactory, state

    RecommendationFactory(state=state("HRV"), paragraph="99.1")
    assert build(staff, mechanism="UPR", today=today).title.startswith("Universal Periodic Review – recommendations")


def test_text_and_labels_in_the_chosen_language(matrix_world):
    from rightstrack.planning.choices import Status

    french = rows_by_paragraph(build(matrix_world.staff, country="SVN", language="fr", today=matrix_world.today))
    assert french["121.1"].text.startswith("Ratifier la Convention internationale")
    assert french["121.2"].text.startswith("Adopt a comprehensive strategy")  # no translation stored: as stored
    arabic = build(matrix_world.staff, country="SVN", language="ar", today=matrix_world.today)
    assert arabic.rtl and arabic.language == "ar"
    rows = rows_by_paragraph(arabic)
    assert rows["121.1"].text.startswith("التصديق على الاتفاقية")
    with translation.override("ar"):
        assert rows["121.2"].status == str(Status.NOT_STARTED.label)
    assert translation.get_language() == "en"  # build leaves the active language as it was


def test_queries_stay_bounded_whatever_the_number_of_rows(matrix_world, monkeypatch):
    from rightstrack.planning.models import Responsibility
    from rightstrack.progress.models import ProgressReport
    from rightstrack.recommendations.tests.factories import RecommendationFactory, TagFactory, term

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            build(matrix_world.staff, country="SVN", today=matrix_world.today)
        return len(queries.captured_queries)

    count()  # once for what Django loads on first use
    before = count()
    for number in range(12):
        rec = RecommendationFactory(
            document=matrix_world.report, paragraph=f"122.{number + 1}", recommending_states=["FRA", "DEU"]
        )
        TagFactory(recommendation=rec, term=term("uhri-themes", "violence-against-women"))
        Responsibility.objects.create(recommendation=rec, entity=matrix_world.moe, lead=True)
        ProgressReport.objects.create(
            recommendation=rec,
            entity=matrix_world.moe,
            author=matrix_world.staff,
            date=dt.date(2026, 5, 1),
            text=f"Done {number}",
            stage="published",
        )
    assert count() == before <= 15
    # Past a chunk, a few more queries per chunk, never one per row.
    monkeypatch.setattr("rightstrack.reports.matrix.CHUNK", 5)
    chunks = -(-len(build(matrix_world.staff, country="SVN").rows) // 5)
    assert chunks >= 3 and count() <= before + 5 * (chunks - 1)
