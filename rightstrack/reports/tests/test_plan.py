"""The national action plan: what it holds (``plan.build``) and its blocks (``plan.document``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rightstrack.core.errors import InvalidValueError
from rightstrack.reports import plan
from rightstrack.reports.document import Band, Heading, Paragraph, Table
from rightstrack.reports.tests.plan_world import FORMULA, plan_world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def by_title(data) -> dict:
    return {activity.title: activity for activity in data.activities}


def test_goals_follow_the_clusters_positions_and_archived_items_stay_out(plan_world):
    data = plan.build(plan_world.staff, plan_world.plan.pk, today=plan_world.today)
    assert [(goal.number, goal.title) for goal in data.goals] == [
        (1, "Access to justice"),
        (2, "Violence against women"),
        (None, "Other measures"),
    ]
    assert [goal.heading for goal in data.goals] == [
        "Goal 1: Access to justice",
        "Goal 2: Violence against women",
        "Other measures",
    ]
    # Cluster-wide first, then by recommendation (121.1 before 121.3).
    assert [item.title for item in data.goals[0].activities] == [
        "Train judges and prosecutors",
        "Draft the ratification bill",
        "Prepare the Ombudsman act amendment",
    ]
    assert [item.title for item in data.goals[2].activities] == ["Monitor prison capacity"]
    titles = set(by_title(data))
    assert "Withdrawn measure" not in titles and "Dropped cluster-wide action" not in titles
    assert "Unpublished work" not in titles  # another plan's action
    assert [line.name for line in by_title(data)["Draft the ratification bill"].indicators] == [
        "Ratification bill adopted"
    ]  # the archived indicator is left out
    assert (data.title, data.period, data.as_of) == (
        "National human rights action plan 2025-2028",
        "1 January 2025 – 31 December 2028",
        plan_world.today,
    )
    assert data.entities == ["Human Rights Ombudsman", "Ministry of Education", "Ministry of Justice"]
    assert not data.public and not data.rtl


def test_an_activity_carries_every_field_of_the_plan(plan_world):
    ratify = by_title(plan.build(plan_world.staff, plan_world.plan.pk, today=plan_world.today))[
        "Draft the ratification bill"
    ]
    assert (ratify.objective_paragraph, ratify.objective_document) == ("121.1", "A/HRC/43/15")
    assert ratify.objective_text.endswith("as an autonomous offence in the Criminal Code (France)")
    first, second = ratify.objective.split("\n")
    # The objective cell shortens the text, never the paragraph, the States or the document.
    assert first.startswith("121.1 Ratify the International Convention") and first.endswith("… (France)")
    assert 250 < len(first) < 330 and "Criminal Code" not in first
    assert second == "A/HRC/43/15"
    assert (ratify.goal, ratify.entity, ratify.description) == (
        "Access to justice",
        "Ministry of Justice",
        "Consult the NHRI and civil society on the draft.",
    )
    assert (ratify.start, ratify.due, ratify.completion) == (dt.date(2026, 1, 1), dt.date(2027, 6, 30), "30 June 2027")
    assert (ratify.status, ratify.status_code) == ("In progress", "in_progress")
    assert (ratify.budget, ratify.currency, ratify.budget_text) == (Decimal("12000"), "EUR", "12,000.00 EUR")
    assert ratify.funding == "12,000.00 EUR — State budget" and not ratify.un_fund
    assert ratify.affected_groups == ["Girls", "Women"]
    assert ratify.gender_note == "Women are most of the relatives searching for the disappeared."
    [bill] = ratify.indicators
    assert (bill.kind, bill.baseline, bill.target, bill.unit, bill.data_source, bill.sdg_indicator) == (
        "Process",
        "0",
        "1",
        "law",
        "Official Gazette",
        "16.3.1",
    )
    assert bill.text == (
        "Ratification bill adopted: baseline 0 → target 1 (law); source: Official Gazette; "
        "SDG indicator 16.3.1; latest value 1 (1 October 2026)"
    )


def test_a_cluster_wide_activity_serves_all_recommendations_of_its_goal(plan_world):
    train = by_title(plan.build(plan_world.staff, plan_world.plan.pk, today=plan_world.today))[
        "Train judges and prosecutors"
    ]
    assert train.objective_paragraph == "All recommendations of this goal (3)"
    assert train.objective == (
        "All recommendations of this goal (3)\nCourts and remedies open to everyone, without delay."
    )
    assert train.objective_document == ""
    assert train.funding == "50,000.00 USD — UPR Voluntary Fund for Financial and Technical Assistance"
    assert train.un_fund and train.technical_assistance == "A training curriculum and trainers from OHCHR"


def test_indicator_values_come_from_settled_reports_only(plan_world):
    staff = by_title(plan.build(plan_world.staff, plan_world.plan.pk, today=plan_world.today))
    [bill] = staff["Draft the ratification bill"].indicators
    assert (bill.latest_value, bill.latest_date) == ("1", dt.date(2026, 10, 1))  # validated; the draft's 99 never
    public = by_title(plan.build(AnonymousUser(), plan_world.plan.pk, today=plan_world.today))
    [bill] = public["Draft the ratification bill"].indicators
    assert (bill.latest_value, bill.latest_date) == ("0", dt.date(2026, 3, 2))  # published only


def test_the_public_sees_published_plans_and_recommendations_only(plan_world):
    with pytest.raises(plan.PlanNotFound) as raised:
        plan.build(AnonymousUser(), plan_world.draft_plan.pk)
    assert isinstance(raised.value, InvalidValueError) and raised.value.field == "plan"
    assert str(raised.value).startswith("plan: ")
    for missing in (999_999, "nonsense", None):
        with pytest.raises(plan.PlanNotFound):
            plan.build(plan_world.staff, missing)
    assert [item.title for item in plan.build(plan_world.staff, plan_world.draft_plan.pk).activities] == [
        "Unpublished work"
    ]

    data = plan.build(AnonymousUser(), plan_world.plan.pk, today=plan_world.today)
    assert data.public
    justice = data.goals[0]
    assert justice.recommendations == 2  # 121.3 is not published
    secret = by_title(data)["Prepare the Ombudsman act amendment"]
    assert secret.objective == "A recommendation not published yet"
    assert "Ombudsman's mandate" not in secret.objective_text


def test_labels_dates_and_numbers_are_in_the_plan_language(plan_world):
    data = plan.build(plan_world.staff, plan_world.plan.pk, language="fr", today=plan_world.today)
    assert data.period == "1 janvier 2025 – 31 décembre 2028"
    ratify = by_title(data)["Draft the ratification bill"]
    assert ratify.completion == "30 juin 2027"
    assert ratify.budget_text == "12\xa0000,00 EUR"  # French grouping and decimal comma
    assert ratify.status != "In progress" and ratify.indicators[0].kind != "Process"  # through gettext
    assert ratify.objective.startswith("121.1 Ratifier la Convention internationale")  # the stored translation
    assert "(1 octobre 2026)" in ratify.indicators[0].text
    arabic = plan.build(plan_world.staff, plan_world.plan.pk, language="ar", today=plan_world.today)
    assert arabic.rtl and plan.document(arabic).rtl and plan.document(arabic).language == "ar"


def test_a_fixed_number_of_queries(plan_world):
    from rightstrack.planning.models import Action, Indicator
    from rightstrack.progress.models import IndicatorValue, ProgressReport
    from rightstrack.recommendations.tests.factories import RecommendationFactory, term

    def queries() -> int:
        user = type(plan_world.staff).objects.get(pk=plan_world.staff.pk)  # its role not looked up yet
        with CaptureQueriesContext(connection) as captured:
            plan.build(user, plan_world.plan.pk, today=plan_world.today)
        return len(captured.captured_queries)

    before = queries()
    for number in range(5):
        rec = RecommendationFactory(document=plan_world.report, paragraph=f"122.{number}", recommending_states=["ITA"])
        plan_world.women.recommendations.add(rec)
        action = Action.objects.create(
            plan=plan_world.plan,
            cluster=plan_world.women,
            recommendation=rec,
            entity=plan_world.moe,
            title=f"Extra {number}",
        )
        action.affected_groups.set([term("affected-persons", "children")])
        indicator = Indicator.objects.create(
            action=action, name=f"Extra indicator {number}", sdg_indicator=term("sdg-indicators", "5.2.1")
        )
        report = ProgressReport.objects.create(
            action=action,
            entity=plan_world.moe,
            author=plan_world.staff,
            date=plan_world.today,
            text="x",
            stage="validated",
        )
        IndicatorValue.objects.create(report=report, indicator=indicator, value="3", date=plan_world.today)
    assert queries() == before <= 12


def test_the_document_follows_the_handbook_layout(plan_world):
    doc = plan.document(plan.build(plan_world.staff, plan_world.plan.pk, today=plan_world.today))
    assert doc.landscape and doc.language == "en" and doc.title == "National human rights action plan 2025-2028"
    assert doc.cover.subtitle == "National action plan"
    assert doc.cover.facts == [
        ("Period", "1 January 2025 – 31 December 2028"),
        ("As of", "7 December 2026"),
        ("Goals", "3"),
        ("Activities", "5"),
        ("Responsible entities", "3"),
    ]
    headings = [block.text for block in doc.blocks if isinstance(block, Heading)]
    assert headings == ["Introduction", "Summary", "Plan of action", "Technical assistance and funding needs"]
    paragraphs = [block.text for block in doc.blocks if isinstance(block, Paragraph) and not block.note]
    assert paragraphs == [
        "The Government adopted this plan on 12 December 2024.",
        "It answers the recommendations of the third UPR cycle.",
    ]

    summary, main, needs = [block for block in doc.blocks if isinstance(block, Table)]
    assert summary.columns[:4] == ["Goal", "Activities", "Not started", "In progress"]
    assert summary.rows == [
        ["Goal 1: Access to justice", "3", "1", "1", "0", "1", "0", "0"],
        ["Goal 2: Violence against women", "1", "1", "0", "0", "0", "0", "0"],
        ["Other measures", "1", "1", "0", "0", "0", "0", "0"],
        ["Total", "5", "3", "1", "0", "1", "0", "0"],
    ]

    assert main.columns == [
        "Objective",
        "Activity",
        "Responsible agency",
        "Completion",
        "Indicators",
        "Budget and funding",
        "Affected groups and gender",
    ]
    assert len(main.widths) == len(main.columns) and abs(sum(main.widths) - 1) < 1e-9
    bands = [row.text for row in main.rows if isinstance(row, Band)]
    assert bands == ["Goal 1: Access to justice", "Goal 2: Violence against women", "Other measures"]
    assert isinstance(main.rows[0], Band) and main.rows[1][1] == "Train judges and prosecutors"
    ratify = next(row for row in main.rows if not isinstance(row, Band) and row[1].startswith("Draft the"))
    assert ratify[1:4] == [
        "Draft the ratification bill\nConsult the NHRI and civil society on the draft.",
        "Ministry of Justice",
        "30 June 2027\nStart: 1 January 2026\nStatus: In progress",
    ]
    assert ratify[4].startswith("Ratification bill adopted: baseline 0 → target 1 (law)")
    assert ratify[5] == "12,000.00 EUR — State budget"
    assert ratify[6] == (
        "Affected groups: Girls; Women\n"
        "Gender perspective: Women are most of the relatives searching for the disappeared."
    )
    undated = next(row for row in main.rows if not isinstance(row, Band) and row[1].startswith("Adopt the"))
    assert undated[3] == "No date set\nStatus: Not started"
    prisons = main.rows[-1]
    assert prisons[0] == "121.10 Continue its efforts to reduce prison overcrowding (Chile)\nA/HRC/43/15"
    assert prisons[1] == f"Monitor prison capacity\n{FORMULA}"

    assert needs.columns == [
        "Activity",
        "Goal",
        "Responsible agency",
        "Technical assistance needed",
        "Budget and funding",
    ]
    assert needs.rows == [
        [
            "Train judges and prosecutors",
            "Access to justice",
            "Ministry of Education",
            "A training curriculum and trainers from OHCHR",
            "50,000.00 USD — UPR Voluntary Fund for Financial and Technical Assistance",
        ],
        [
            "Monitor prison capacity",
            "Other measures",
            "Human Rights Ombudsman",
            "",
            "Human Rights Mainstreaming Trust Fund",
        ],
    ]


def test_an_empty_goal_and_a_plan_without_needs(plan_world):
    from rightstrack.planning.models import Action, Cluster

    Cluster.objects.create(plan=plan_world.plan, title="Rights of older persons", position=3)
    Action.objects.filter(pk__in=[plan_world.train.pk, plan_world.prisons.pk]).update(
        technical_assistance="", funding_source="state_budget"
    )
    data = plan.build(plan_world.staff, plan_world.plan.pk, today=plan_world.today)
    assert [goal.title for goal in data.goals][-2:] == ["Rights of older persons", "Other measures"]
    doc = plan.document(data)
    main = [block for block in doc.blocks if isinstance(block, Table)][1]
    place = main.rows.index(next(row for row in main.rows if isinstance(row, Band) and "older" in row.text))
    assert main.rows[place + 1] == ["No activity planned yet.", "", "", "", "", "", ""]
    assert len([block for block in doc.blocks if isinstance(block, Table)]) == 2  # no needs table
    assert doc.blocks[-1] == Paragraph(
        "No activity of the plan asks for technical assistance or for a United Nations fund."
    )
