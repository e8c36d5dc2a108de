"""A small national action plan for the plan tests (``plan_world``, a namespace; a test
module gets it with ``from rightstrack.reports.tests.plan_world import plan_world_fixture``).

``plan`` "National human rights action plan 2025-2028" (published, 1 January 2025 to
31 December 2028, a description of two paragraphs) of Slovenia's UPR recommendations
``r1`` (121.1, by France, a long text with a French translation), ``r2`` (121.2, by
Spain) and ``r10`` (121.10, by Chile), and ``hidden`` (121.3, unpublished):

- goal 1 ``justice`` "Access to justice" (position 1, recommendations r1, r2, hidden):
  ``ratify`` on r1 (MoJ, start 1 January 2026, due 30 June 2027, in progress, 12,000 EUR
  from the State budget, affected groups Women and Girls, a gender note, indicators
  ``bill`` (process, 0 → 1 law, Official Gazette, SDG indicator 16.3.1, values 0 published
  2 March 2026, 1 validated 1 October 2026, 99 in a draft 1 November 2026) and an
  archived one), ``train`` cluster-wide (MoE, due 31 December 2026, implemented, 50,000
  USD from the UPR Voluntary Fund, technical assistance asked), ``withdrawn`` (archived),
  ``secret`` on the unpublished ``hidden`` (MoJ);
- goal 2 ``women`` "Violence against women" (position 2, created first, recommendation
  r2): ``strategy`` on r2 (MoE, no dates, not started, outcome indicator with no SDG);
- ``prisons`` on r10 with no cluster (Ombudsman, due 31 March 2027, Human Rights
  Mainstreaming Trust Fund, a description starting with "=cmd"): under "Other measures";
- ``gone`` (an archived cluster) with a cluster-wide action ``gone_action`` (left out);
- ``draft_plan`` (unpublished) with one action ``draft_action``.

``staff`` is NMRF staff; ``today`` is 7 December 2026.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

TODAY = dt.date(2026, 12, 7)
LONG_TEXT = (
    "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance "
    "and recognize the competence of the Committee on Enforced Disappearances to receive and consider "
    "communications from or on behalf of victims or other States parties, and align national legislation "
    "with its provisions, including by criminalizing enforced disappearance as an autonomous offence "
    "in the Criminal Code"
)
FORMULA = "=cmd|' /C calc'!A0"


# Named apart from the fixture: a test module imports the function, and its tests take
# ``plan_world`` as an argument without shadowing the import (ruff F811).
@pytest.fixture(name="plan_world")
def plan_world_fixture(db):
    """The plan described in the module docstring."""
    from django.contrib.auth import get_user_model

    from rightstrack.accounts.models import Entity
    from rightstrack.planning.models import Action, Cluster, Indicator, Plan
    from rightstrack.progress.models import IndicatorValue, ProgressReport
    from rightstrack.recommendations.models import Document, Translation
    from rightstrack.recommendations.tests.factories import RecommendationFactory, mechanism, session, state, term

    staff = get_user_model().objects.create_user("plan-staff", password="x-very-long-passphrase", is_staff=True)
    moj = Entity.objects.create(name="Ministry of Justice", short_name="MoJ")
    moe = Entity.objects.create(name="Ministry of Education", short_name="MoE")
    ombudsman = Entity.objects.create(name="Human Rights Ombudsman", kind="nhri")

    report = Document.objects.create(symbol="A/HRC/43/15", mechanism=mechanism("UPR"), upr_session=session(34))
    report.states.set([state("SVN")])
    r1 = RecommendationFactory(document=report, paragraph="121.1", text=LONG_TEXT, recommending_states=["FRA"])
    r2 = RecommendationFactory(
        document=report,
        paragraph="121.2",
        recommending_states=["ESP"],
        text="Adopt a comprehensive strategy to combat violence against women",
    )
    r10 = RecommendationFactory(
        document=report,
        paragraph="121.10",
        recommending_states=["CHL"],
        text="Continue its efforts to reduce prison overcrowding",
    )
    hidden = RecommendationFactory(
        document=report,
        paragraph="121.3",
        is_published=False,
        text="Strengthen the Ombudsman's mandate (unpublished draft)",
    )
    Translation.objects.create(
        recommendation=r1,
        language="fr",
        text="Ratifier la Convention internationale pour la protection de toutes les "
        "personnes contre les disparitions forcées",
    )

    plan = Plan.objects.create(
        title="National human rights action plan 2025-2028",
        is_published=True,
        start=dt.date(2025, 1, 1),
        end=dt.date(2028, 12, 31),
        description="The Government adopted this plan on 12 December 2024.\n\n"
        "It answers the recommendations of the third UPR cycle.",
    )
    # Created before "Access to justice" but placed after it: goals follow positions.
    women = Cluster.objects.create(plan=plan, title="Violence against women", position=2)
    women.recommendations.set([r2])
    justice = Cluster.objects.create(
        plan=plan,
        title="Access to justice",
        position=1,
        description="Courts and remedies open to everyone, without delay.",
    )
    justice.recommendations.set([r1, r2, hidden])
    gone = Cluster.objects.create(plan=plan, title="Dropped goal", position=0, archived=True)

    ratify = Action.objects.create(
        plan=plan,
        cluster=justice,
        recommendation=r1,
        entity=moj,
        title="Draft the ratification bill",
        description="Consult the NHRI and civil society on the draft.",
        start=dt.date(2026, 1, 1),
        due=dt.date(2027, 6, 30),
        budget=Decimal("12000"),
        currency="EUR",
        funding_source="state_budget",
        gender_note="Women are most of the relatives searching for the disappeared.",
        status="in_progress",
    )
    ratify.affected_groups.set([term("affected-persons", "women"), term("affected-persons", "girls")])
    train = Action.objects.create(
        plan=plan,
        cluster=justice,
        entity=moe,
        title="Train judges and prosecutors",
        due=dt.date(2026, 12, 31),
        budget=Decimal("50000"),
        currency="USD",
        funding_source="upr_vf",
        status="implemented",
        technical_assistance="A training curriculum and trainers from OHCHR",
    )
    withdrawn = Action.objects.create(plan=plan, cluster=justice, entity=moj, title="Withdrawn measure", archived=True)
    secret = Action.objects.create(
        plan=plan,
        cluster=justice,
        recommendation=hidden,
        entity=moj,
        title="Prepare the Ombudsman act amendment",
        due=dt.date(2028, 1, 31),
    )
    strategy = Action.objects.create(
        plan=plan,
        cluster=women,
        recommendation=r2,
        entity=moe,
        title="Adopt the strategy against violence against women",
    )
    prisons = Action.objects.create(
        plan=plan,
        recommendation=r10,
        entity=ombudsman,
        title="Monitor prison capacity",
        due=dt.date(2027, 3, 31),
        description=FORMULA,
        funding_source="hrmtf",
    )
    gone_action = Action.objects.create(plan=plan, cluster=gone, entity=moj, title="Dropped cluster-wide action")

    bill = Indicator.objects.create(
        action=ratify,
        kind="process",
        name="Ratification bill adopted",
        baseline="0",
        target="1",
        unit="law",
        data_source="Official Gazette",
        sdg_indicator=term("sdg-indicators", "16.3.1"),
    )
    archived_indicator = Indicator.objects.create(action=ratify, name="Archived indicator", archived=True)
    shelters = Indicator.objects.create(
        action=strategy, kind="outcome", name="Shelter places", baseline="120", target="200"
    )

    def value(text: str, state_: str, date: dt.date):
        report_ = ProgressReport.objects.create(
            action=ratify, entity=moj, author=staff, date=date, stage=state_, text=f"Report of {date}"
        )
        return IndicatorValue.objects.create(report=report_, indicator=bill, value=text, date=date)

    values = [
        value("0", "published", dt.date(2026, 3, 2)),
        value("1", "validated", dt.date(2026, 10, 1)),
        value("99", "draft", dt.date(2026, 11, 1)),
    ]

    draft_plan = Plan.objects.create(title="Draft plan 2029-2032", is_published=False)
    draft_action = Action.objects.create(plan=draft_plan, recommendation=r1, entity=moj, title="Unpublished work")

    return SimpleNamespace(
        staff=staff,
        moj=moj,
        moe=moe,
        ombudsman=ombudsman,
        r1=r1,
        r2=r2,
        r10=r10,
        hidden=hidden,
        plan=plan,
        justice=justice,
        women=women,
        gone=gone,
        ratify=ratify,
        train=train,
        withdrawn=withdrawn,
        secret=secret,
        strategy=strategy,
        prisons=prisons,
        gone_action=gone_action,
        bill=bill,
        archived_indicator=archived_indicator,
        shelters=shelters,
        values=values,
        draft_plan=draft_plan,
        draft_action=draft_action,
        today=TODAY,
        report=report,
    )
