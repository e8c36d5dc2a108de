"""A request is refused by its declared size before anything reads its body (Django's
CSRF check reads a form's whole body, and writes its files to disk, even for a request
it then refuses): somebody not signed in may send 1 MB, a signed-in form or API call
128 MB, the import page 512 MB."""

import pytest
from django.contrib.auth import get_user_model

from rightstrack.core import limits

pytestmark = pytest.mark.django_db
BIG = {"CONTENT_LENGTH": str(limits.MAX_ANONYMOUS_REQUEST_BYTES + 1)}


def _post(client, path, **extra):
    # The declared length alone decides: the body sent may be short.
    return client.generic("POST", path, b"x=1", content_type="application/x-www-form-urlencoded", **extra)


def test_anonymous_bodies_over_a_megabyte_are_a_413_page(client):
    response = _post(client, "/accounts/login/", **BIG)
    assert response.status_code == 413 and b"too large" in response.content
    assert _post(client, "/accounts/login/").status_code == 200  # the sign-in form, again


def test_an_api_body_over_the_limit_is_a_413_in_json(client):
    response = _post(
        client, "/api/classify", CONTENT_LENGTH=str(limits.MAX_REQUEST_BYTES + 1), HTTP_AUTHORIZATION="Bearer whatever"
    )
    assert response.status_code == 413 and "at most 128 MB" in response.json()["detail"]


def test_signed_in_people_may_send_more_and_the_import_page_most(client):
    client.force_login(get_user_model().objects.create_user("nmrf", is_staff=True))
    assert _post(client, "/progress/", **BIG).status_code != 413
    over = str(limits.MAX_REQUEST_BYTES + 1)
    assert _post(client, "/progress/", CONTENT_LENGTH=over).status_code == 413
    assert _post(client, "/import/", CONTENT_LENGTH=over).status_code != 413
    assert _post(client, "/import/", CONTENT_LENGTH=str(limits.MAX_IMPORT_UPLOAD_BYTES + 1)).status_code == 413
