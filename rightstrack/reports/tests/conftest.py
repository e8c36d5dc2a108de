"""Shared fixtures of the reports tests: a small world the matrix is built from.

``matrix_world`` (a namespace) holds, for Slovenia:

- ``upr``: UPR recommendations of A/HRC/43/15 (session 34): ``r1`` (121.1, supported,
  by France and Lithuania, position from A/HRC/43/15/Add.1, themes "Acceptance of
  international norms" and "Equality & non-discrimination", SDG 16, affected persons
  "General"; French and Arabic translations; lead Ministry of Justice, supporting
  Ministry of Education; an action with an indicator; status In progress; progress
  reports: one draft, one validated, one published with a link), ``r2`` (121.2, noted,
  theme "Violence against women", plus a classifier's *pending suggestion* of the theme
  "Acceptance of international norms"), ``r10`` (121.10, no theme: comes first, under
  no Theme row), ``hidden`` (121.3, not published);
- ``tb``: a Human Rights Committee recommendation ``ccpr`` (CCPR/C/SVN/CO/4, para 15,
  theme "Prohibition of torture…");
- ``staff`` (NMRF staff, no profile: staff role), ``moj`` and ``moe`` (entities),
  ``draft``, ``validated``, ``published`` (the progress reports of ``r1``),
  ``suggestion`` (the pending tag), ``today`` (the "as of" date the tests use).

``midterm_world`` adds what the mid-term report reads: a cluster, a cluster-wide action
asking for the UPR Voluntary Fund, numeric indicators, a status history, a change of
position, a consultation round on the report, an NHRI's assessments.

The tests of the Word and Excel matrices use the same world: keep the names stable.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

TODAY = dt.date(2026, 12, 7)
SUGGESTED_THEME = "acceptance-of-international-norms"


def _tag(rec, slug: str, code: str, origin: str = "imported", **extra):
    from rightstrack.recommendations.models import TagAssignment
    from rightstrack.recommendations.tests.factories import term

    return TagAssignment.objects.create(recommendation=rec, term=term(slug, code), origin=origin, **extra)


@pytest.fixture
def matrix_world(db):
    """The small world described in the module docstring."""
    from django.contrib.auth import get_user_model

    from rightstrack.accounts.models import Entity
    from rightstrack.planning.models import Action, Indicator, Plan, Responsibility
    from rightstrack.progress.models import Evidence, ProgressReport, Tracking
    from rightstrack.recommendations.models import Document, Translation
    from rightstrack.recommendations.tests.factories import RecommendationFactory, mechanism, session, state

    staff = get_user_model().objects.create_user("matrix-staff", password="x-very-long-passphrase", is_staff=True)
    moj = Entity.objects.create(name="Ministry of Justice", short_name="MoJ")
    moe = Entity.objects.create(name="Ministry of Education", short_name="MoE")

    report = Document.objects.create(symbol="A/HRC/43/15", mechanism=mechanism("UPR"), upr_session=session(34))
    report.states.set([state("SVN")])
    source = "A/HRC/43/15/Add.1"
    r1 = RecommendationFactory(
        document=report,
        paragraph="121.1",
        position="supported",
        position_source=source,
        text="Ratify the International Convention for the Protection of All Persons from Enforced Disappearance",
        recommending_states=["FRA", "LTU"],
    )
    r2 = RecommendationFactory(
        document=report,
        paragraph="121.2",
        position="noted",
        position_source=source,
        text="Adopt a comprehensive strategy to combat violence against women",
        recommending_states=["ESP"],
    )
    r10 = RecommendationFactory(
        document=report,
        paragraph="121.10",
        position="supported",
        position_source=source,
        text="Continue its efforts to reduce prison overcrowding",
        recommending_states=["CHL"],
    )
    hidden = RecommendationFactory(
        document=report,
        paragraph="121.3",
        position="supported",
        position_source=source,
        text="Strengthen the Ombudsman's mandate (unpublished draft)",
        recommending_states=["GHA"],
        is_published=False,
    )
    Translation.objects.create(
        recommendation=r1,
        language="fr",
        text="Ratifier la Convention internationale pour la protection de toutes les "
        "personnes contre les disparitions forcées",
    )
    Translation.objects.create(
        recommendation=r1, language="ar", text="التصديق على الاتفاقية الدولية لحماية جميع الأشخاص من الاختفاء القسري"
    )

    _tag(r1, "uhri-themes", "acceptance-of-international-norms")
    _tag(r1, "uhri-themes", "equality-non-discrimination", origin="manual")
    _tag(r1, "sdg-goals", "16")
    _tag(r1, "affected-persons", "general")
    _tag(r2, "uhri-themes", "violence-against-women")
    _tag(r2, "sdg-goals", "5")
    suggestion = _tag(r2, "uhri-themes", SUGGESTED_THEME, origin="automatic", confidence=0.9)
    _tag(r10, "sdg-goals", "16")

    co = Document.objects.create(symbol="CCPR/C/SVN/CO/4", mechanism=mechanism("CCPR"), kind="concluding_observations")
    co.states.set([state("SVN")])
    ccpr = RecommendationFactory(
        document=co,
        mechanism=mechanism("CCPR"),
        upr_session=None,
        paragraph="15",
        text="Ensure that all allegations of ill-treatment by police officers are promptly investigated",
    )
    _tag(ccpr, "uhri-themes", "prohibition-of-torture-cruel-inhuman-or-degrading-treatment")

    Responsibility.objects.create(recommendation=r1, entity=moj, lead=True)
    Responsibility.objects.create(recommendation=r1, entity=moe, lead=False)
    Responsibility.objects.create(recommendation=ccpr, entity=moj, lead=True)
    plan = Plan.objects.create(title="National plan 2025-2028", is_published=True)
    action = Action.objects.create(
        plan=plan, recommendation=r1, entity=moj, title="Draft the ratification bill", due=dt.date(2027, 6, 30)
    )
    indicator = Indicator.objects.create(action=action, name="Ratification bill adopted by the National Assembly")
    Tracking.objects.create(recommendation=r1, status="in_progress")

    def progress(text: str, state_: str, date: dt.date, entity=moj) -> ProgressReport:
        return ProgressReport.objects.create(
            recommendation=r1, entity=entity, author=staff, date=date, text=text, stage=state_
        )

    draft = progress("DRAFT: nothing agreed yet, do not print", "draft", dt.date(2026, 11, 1))
    validated = progress("Bill sent to the National Assembly", "validated", dt.date(2026, 9, 15))
    published = progress("Public consultation on the bill held", "published", dt.date(2026, 3, 2), entity=moe)
    Evidence.objects.create(report=published, link="https://www.gov.si/consultation-ced")

    return SimpleNamespace(
        staff=staff,
        moj=moj,
        moe=moe,
        plan=plan,
        action=action,
        indicator=indicator,
        r1=r1,
        r2=r2,
        r10=r10,
        hidden=hidden,
        ccpr=ccpr,
        upr=[r1, r2, r10, hidden],
        tb=[ccpr],
        draft=draft,
        validated=validated,
        published=published,
        suggestion=suggestion,
        report=report,
        co=co,
        source=source,
        today=TODAY,
    )


@pytest.fixture
def midterm_world(matrix_world):
    """``matrix_world`` plus: a cluster (r1, r2) with a cluster-wide action asking for the
    UPR Voluntary Fund, an overdue action, numeric indicators with a validated value, a
    status history, r2's position changed from noted to supported, a consultation round
    on this report with one reply, and the Ombudsman's assessments."""
    from django.contrib.auth import get_user_model

    from rightstrack.consultation.models import Assessment, Reply, Round
    from rightstrack.core.audit import record
    from rightstrack.core.models import AuditAction
    from rightstrack.planning.models import Action, Cluster, Indicator
    from rightstrack.progress.models import IndicatorValue
    from rightstrack.progress.services import set_status, tracking_for
    from rightstrack.reference.models import State

    w = matrix_world
    cluster = Cluster.objects.create(
        plan=w.plan,
        title="Justice and international norms",
        position=1,
        description="Ratifications and access to justice.",
    )
    cluster.recommendations.set([w.r1, w.r2])
    wide = Action.objects.create(
        plan=w.plan,
        cluster=cluster,
        entity=w.moe,
        title="Train judges on the Convention",
        due=dt.date(2026, 1, 31),
        funding_source="upr_vf",
        technical_assistance="OHCHR training of trainers",
        budget=12000,
        currency="EUR",
    )
    schools = Indicator.objects.create(
        action=wide, name="Judges trained", baseline="10", target="200", unit="judges", data_source="Judicial Academy"
    )
    IndicatorValue.objects.create(report=w.validated, indicator=schools, value="85", date=dt.date(2026, 9, 15))
    IndicatorValue.objects.create(report=w.draft, indicator=schools, value="999", date=dt.date(2026, 11, 1))
    Action.objects.create(
        plan=w.plan, recommendation=w.r10, entity=w.moj, title="Build a new prison wing", due=dt.date(2028, 1, 1)
    )
    tracking = tracking_for(w.r2)
    set_status(w.staff, w.r2, tracking.version, status="in_progress")
    before = w.r2.position
    w.r2.position = "supported"
    w.r2.save()
    record(w.staff, w.r2, AuditAction.CHANGED, {"position": before}, {"position": "supported"})
    ombudsman = get_user_model().objects.create_user("ombudsman", password="x-very-long-passphrase")
    consultation = Round.objects.create(
        title="Draft mid-term report",
        deadline=dt.date(2026, 11, 20),
        opened_by=w.staff,
        subject="midterm",
        country=State.objects.get(iso3="SVN"),
        cycle=w.r1.cycle,
    )
    consultation.invited.set([ombudsman, w.staff])
    Reply.objects.create(round=consultation, author=ombudsman, text="Add the prison figures.")
    Round.objects.create(
        title="Another State's report",
        deadline=dt.date(2026, 11, 20),
        opened_by=w.staff,
        subject="midterm",
        country=State.objects.get(iso3="FRA"),
        cycle=w.r1.cycle,
    )
    Assessment.objects.create(
        author=ombudsman,
        organisation="Human Rights Ombudsman",
        recommendation=w.r1,
        status="not_implemented",
        text="The bill is stalled in committee.",
        date=dt.date(2026, 10, 1),
        is_public=True,
    )
    w.cluster, w.wide, w.round = cluster, wide, consultation
    return w
