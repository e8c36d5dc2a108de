"""Fixtures of the API tests: a small world of published and unpublished records, and
a user with a token."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from rightstrack.accounts.choices import Role
from rightstrack.api.services import create_token
from rightstrack.api.tests.helpers import SECRET
from rightstrack.consultation.models import Assessment, Comment, Round
from rightstrack.planning.choices import Status
from rightstrack.planning.models import Indicator, Responsibility
from rightstrack.planning.tests.factories import ActionFactory, ClusterFactory, EntityFactory, PlanFactory, person
from rightstrack.progress.choices import ReportStage
from rightstrack.progress.models import Evidence, IndicatorValue, ProgressReport, Tracking
from rightstrack.recommendations.tests.factories import (
    DocumentFactory,
    RecommendationFactory,
    TagFactory,
    mechanism,
    session,
    state,
    term,
)


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("analyst", password="x-very-long-passphrase")


@pytest.fixture
def token(user) -> str:
    return create_token(user.username, "tests")[1]


@pytest.fixture
def auth(token) -> dict:
    """Keyword arguments of the test client that send the token."""
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@dataclass
class Follow:
    """The follow-up of the world's recommendations: each kind of item once published
    (or in a published plan) and once hidden from the public (``hidden_*``). The hidden
    report is validated, so that a signed-in viewer sees it; ``draft_report`` only NMRF
    staff and the entity's focal points see. ``round`` is a consultation round only NMRF
    staff and those invited see; ``focal`` the entity's focal point."""

    entity: object
    plan: object
    hidden_plan: object
    cluster: object
    hidden_cluster: object
    action: object
    hidden_action: object
    report: object
    hidden_report: object
    draft_report: object
    indicator: object
    round: object
    focal: object
    evidence: object = None  # a file on the published report
    hidden_evidence: object = None  # a file on the hidden (validated) report


@dataclass
class World:
    published: object
    draft: object
    public_document: object
    draft_document: object
    others: list
    follow: Follow | None = None


@pytest.fixture
def world(db) -> World:
    """Published recommendations of several kinds, and unpublished ones: one in a
    document that also has published ones, one alone in its own document."""
    public_document = DocumentFactory(symbol="A/HRC/43/15")
    published = RecommendationFactory(
        document=public_document,
        paragraph="121.1",
        text="Ratify the Convention on enforced disappearance",
        position="supported",
        recommending_states=["FRA", "LTU"],
    )
    TagFactory(recommendation=published, term=term("uhri-themes", "acceptance-of-international-norms"))
    TagFactory(recommendation=published, term=term("sdg-targets", "16.2"))
    TagFactory(
        recommendation=published, term=term("sdg-goals", "16"), origin="automatic", confidence=0.75, confirmed=True
    )
    others = [
        RecommendationFactory(
            document=public_document,
            paragraph="121.2",
            text="Adopt a national action plan on prisons",
            position="noted",
            recommending_states=["USA"],
        ),
        RecommendationFactory(
            document=None,
            mechanism=mechanism("CCPR"),
            upr_session=None,
            state=state("USA"),
            paragraph="12",
            text="Abolish the death penalty",
            type="concern",
            follow_up=True,
        ),
        RecommendationFactory(
            document=DocumentFactory(symbol="A/HRC/28/15", upr_session=session(20)),
            upr_session=session(20),
            paragraph="115.4",
            text="Strengthen the ombudsman institution",
            position="partially_supported",
            recommending_states=["FRA"],
        ),
        RecommendationFactory(
            document=None,
            mechanism=mechanism("CRC"),
            upr_session=None,
            state=state("FRA"),
            paragraph="",
            text="Raise the minimum age of criminal responsibility",
        ),
    ]
    TagFactory(recommendation=others[0], term=term("affected-persons", "children"), origin="manual")
    TagFactory(recommendation=others[1], term=term("sdg-goals", "5"))
    draft = RecommendationFactory(
        document=public_document,
        paragraph="121.3",
        is_published=False,
        text=f"An unpublished recommendation about prisons {SECRET}",
    )
    draft_document = DocumentFactory(symbol=f"A/HRC/99/{SECRET}")
    RecommendationFactory(
        document=draft_document, paragraph="1.1", is_published=False, text=f"Another unpublished one {SECRET}"
    )
    return World(published, draft, public_document, draft_document, others, follow=_follow(published, draft))


def _follow(published, draft) -> Follow:
    """A published plan with a cluster, an action with an indicator and reports in
    three states, an unpublished plan, a status, two assessments, two comments and a
    consultation round."""
    justice = EntityFactory(name="Ministry of Justice", short_name="MoJ")
    EntityFactory(name="Prison service", parent=justice)
    plan = PlanFactory(title="National plan 2026-2030", is_published=True, start=dt.date(2026, 1, 1))
    hidden_plan = PlanFactory(title=f"Unpublished plan {SECRET}")
    cluster = ClusterFactory(plan=plan, title="Enforced disappearance")
    cluster.recommendations.add(published, draft)
    hidden_cluster = ClusterFactory(plan=hidden_plan, title=f"Hidden cluster {SECRET}")
    action = ActionFactory(
        plan=plan,
        cluster=cluster,
        recommendation=None,
        entity=justice,
        title="Ratify the Convention",
        due=dt.date(2027, 6, 30),
    )
    indicator = Indicator.objects.create(action=action, name="Instrument of ratification deposited", target="yes")
    hidden_action = ActionFactory(
        plan=hidden_plan, cluster=hidden_cluster, recommendation=None, entity=justice, title=f"Hidden action {SECRET}"
    )
    focal = person(Role.FOCAL_POINT, justice)

    def report(state, text):
        return ProgressReport.objects.create(
            action=action,
            entity=justice,
            author=focal,
            date=dt.date(2026, 11, 1),
            text=text,
            stage=state,
            proposed_status=Status.IN_PROGRESS,
        )

    shown = report(ReportStage.PUBLISHED, "The bill is before parliament.")
    IndicatorValue.objects.create(report=shown, indicator=indicator, value="no", date=shown.date)
    Evidence.objects.create(report=shown, link="https://www.example.org/bill", description="The bill")
    Tracking.objects.create(recommendation=published, status=Status.IN_PROGRESS, grade="B1")
    Responsibility.objects.create(recommendation=published, entity=justice, lead=True)
    for is_public, text in ((True, "Ratification is planned."), (False, f"Not yet, in our view {SECRET}")):
        Assessment.objects.create(
            author=focal,
            organisation="Ombudsman",
            recommendation=published,
            text=text,
            status=Status.NOT_STARTED,
            date=dt.date(2026, 10, 1),
            is_public=is_public,
        )
    for is_public, text in ((True, "Ratify it this year."), (False, f"A comment for the NMRF {SECRET}")):
        Comment.objects.create(
            author=focal, organisation="Ombudsman", recommendation=published, text=text, is_public=is_public
        )
        Comment.objects.create(author=focal, report=shown, text=text, is_public=is_public)
    round_ = Round.objects.create(
        title=f"Consultation on the draft {SECRET}", deadline=dt.date(2027, 1, 31), opened_by=focal
    )
    round_.invited.add(person(Role.CONTRIBUTOR))
    hidden = report(ReportStage.VALIDATED, f"A validated report {SECRET}")

    def evidence(of, name):
        return Evidence.objects.create(report=of, name=name, file=ContentFile(b"%PDF-1.4 " + name.encode(), name=name))

    return Follow(
        justice,
        plan,
        hidden_plan,
        cluster,
        hidden_cluster,
        action,
        hidden_action,
        shown,
        hidden,
        report(ReportStage.DRAFT, f"A draft report {SECRET}"),
        indicator,
        round_,
        focal,
        evidence(shown, "bill.pdf"),
        evidence(hidden, f"{SECRET}.pdf"),
    )
