import pytest
from django.contrib.auth import get_user_model

from rightstrack.recommendations.tests.factories import RecommendationFactory, TagFactory, mechanism, state, term

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    return RecommendationFactory(
        text="Ratify the Convention on enforced disappearance", is_published=True, recommending_states=["FRA"]
    )


@pytest.fixture
def draft():
    return RecommendationFactory(text="An unpublished recommendation about prisons", is_published=False)


@pytest.fixture
def member(client):
    user = get_user_model().objects.create_user("staff", password="x-very-long-passphrase", is_staff=True)
    client.force_login(user)
    return user


def test_anonymous_visitors_see_only_published(client, published, draft):
    page = client.get("/recommendations/").content.decode()
    assert published.text in page and draft.text not in page
    assert client.get(f"/recommendations/{published.pk}/").status_code == 200
    response = client.get(f"/recommendations/{draft.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get("/recommendations/999999/").status_code == 404


def test_signed_in_users_see_everything(client, member, published, draft):
    page = client.get("/recommendations/").content.decode()
    assert published.text in page and draft.text in page
    assert client.get(f"/recommendations/{draft.pk}/").status_code == 200


def test_filters_narrow_the_list(client, member, published):
    other = RecommendationFactory(
        text="Abolish the death penalty",
        mechanism=mechanism("CCPR"),
        upr_session=None,
        document=None,
        state=state("USA"),
    )
    TagFactory(recommendation=other, term=term("sdg-goals", "16"))
    assert other.text not in client.get("/recommendations/?mechanism=UPR").content.decode()
    page = client.get("/recommendations/?sdg_goal=16&country=USA").content.decode()
    assert other.text in page and published.text not in page
    assert published.text in client.get("/recommendations/?q=ratify+enforced").content.decode()
    assert "1 recommendation" in client.get("/recommendations/?recommending_state=FRA").content.decode()


def test_htmx_requests_get_only_the_results(client, published):
    response = client.get("/recommendations/?q=ratify", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert published.text in body and "<html" not in body


def test_detail_shows_tags_with_their_origin(client, member, published):
    TagFactory(recommendation=published, term=term("uhri-themes", "A12"), origin="automatic", confidence=0.81)
    body = client.get(f"/recommendations/{published.pk}/").content.decode()
    # A classifier's unconfirmed tag is shown apart, as a suggestion with its confidence.
    assert "A12 Acceptance of international norms" in body.split('class="suggested"')[1] and "81%" in body
    assert "France" in body


def test_arabic_pages_are_right_to_left(client, published):
    client.cookies["django_language"] = "ar"
    assert 'dir="rtl"' in client.get("/").content.decode()
    client.cookies["django_language"] = "fr"
    assert 'dir="ltr"' in client.get("/").content.decode()


def test_home_counts_what_the_visitor_may_see(client, published, draft):
    assert "1 recommendation" in client.get("/").content.decode()


@pytest.mark.parametrize(
    "language, words",
    [
        ("fr", ["Vue d’ensemble", "Par mécanisme", "1 recommandation"]),
        ("es", ["Resumen", "Por mecanismo", "1 recomendación"]),
    ],
)
def test_pages_speak_french_and_spanish(client, published, language, words):
    client.cookies["django_language"] = language
    body = client.get("/").content.decode()
    assert f'lang="{language}"' in body and all(word in body for word in words)
