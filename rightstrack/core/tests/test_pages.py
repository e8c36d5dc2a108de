import pytest
from django.contrib.auth import get_user_model

from rightstrack.recommendations.tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def test_login_page_and_sign_in(client):
    get_user_model().objects.create_user("focal", password="x-very-long-passphrase")
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"username": "focal", "password": "x-very-long-passphrase"})
    assert response.status_code == 302 and client.get("/").context["user"].is_authenticated


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/recommendations/recommendation/",
        "/admin/recommendations/recommendation/{pk}/change/",
        "/admin/recommendations/document/",
        "/admin/reference/state/",
        "/admin/reference/state/1/change/",
        "/admin/reference/taxonomy/",
        "/admin/reference/term/",
        "/admin/reference/uprsession/",
    ],
)
def test_admin_pages_open(admin_client, url):
    rec = RecommendationFactory()
    response = admin_client.get(url.format(pk=rec.pk))
    assert response.status_code == 200


def test_an_admin_edit_is_remembered_and_survives_import(admin_client):
    rec = RecommendationFactory(text="Original text", position="supported")
    data = {
        "text": "Corrected text",
        "mechanism": rec.mechanism_id,
        "state": rec.state_id,
        "paragraph": rec.paragraph,
        "language": "en",
        "type": "recommendation",
        "upr_session": rec.upr_session_id,
        "position": "supported",
        "document": rec.document_id,
        "external_ids": "{}",
        "is_published": "on",
        "translations-TOTAL_FORMS": 0,
        "translations-INITIAL_FORMS": 0,
        "tags-TOTAL_FORMS": 0,
        "tags-INITIAL_FORMS": 0,
    }
    response = admin_client.post(f"/admin/recommendations/recommendation/{rec.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    rec.refresh_from_db()
    assert rec.text == "Corrected text" and rec.edited_fields == ["text"]
