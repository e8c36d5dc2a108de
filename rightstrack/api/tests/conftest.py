"""Fixtures of the API tests: a small world of published and unpublished records, and
a user with a token."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from rightstrack.api.services import create_token
from rightstrack.api.tests.helpers import SECRET
from rightstrack.recommendations.tests.factories import (
    DocumentFactory, RecommendationFactory, TagFactory, mechanism, session, state, term,
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
class World:
    published: object
    draft: object
    public_document: object
    draft_document: object
    others: list


@pytest.fixture
def world(db) -> World:
    """Published recommendations of several kinds, and unpublished ones: one in a
    document that also has published ones, one alone in its own document."""
    public_document = DocumentFactory(symbol="A/HRC/43/15")
    published = RecommendationFactory(
        document=public_document, paragraph="121.1", text="Ratify the Convention on enforced disappearance",
        position="supported", recommending_states=["FRA", "LTU"],
    )
    TagFactory(recommendation=published, term=term("uhri-themes", "acceptance-of-international-norms"))
    TagFactory(recommendation=published, term=term("sdg-targets", "16.2"))
    TagFactory(recommendation=published, term=term("sdg-goals", "16"), origin="automatic", confidence=0.75,
               confirmed=True)
    others = [
        RecommendationFactory(document=public_document, paragraph="121.2", text="Adopt a national action plan on prisons",
                              position="noted", recommending_states=["USA"]),
        RecommendationFactory(document=None, mechanism=mechanism("CCPR"), upr_session=None, state=state("USA"),
                              paragraph="12", text="Abolish the death penalty", type="concern", follow_up=True),
        RecommendationFactory(document=DocumentFactory(symbol="A/HRC/28/15", upr_session=session(20)),
                              upr_session=session(20), paragraph="115.4", text="Strengthen the ombudsman institution",
                              position="partially_supported", recommending_states=["FRA"]),
        RecommendationFactory(document=None, mechanism=mechanism("CRC"), upr_session=None, state=state("FRA"),
                              paragraph="", text="Raise the minimum age of criminal responsibility"),
    ]
    TagFactory(recommendation=others[0], term=term("affected-persons", "children"), origin="manual")
    TagFactory(recommendation=others[1], term=term("sdg-goals", "5"))
    draft = RecommendationFactory(document=public_document, paragraph="121.3", is_published=False,
                                  text=f"An unpublished recommendation about prisons {SECRET}")
    draft_document = DocumentFactory(symbol=f"A/HRC/99/{SECRET}")
    RecommendationFactory(document=draft_document, paragraph="1.1", is_published=False,
                          text=f"Another unpublished one {SECRET}")
    return World(published, draft, public_document, draft_document, others)
