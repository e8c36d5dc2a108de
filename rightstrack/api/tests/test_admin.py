"""API tokens in the admin: listed and revocable, never created there (the key could
not be shown)."""

import pytest

from rightstrack.api.models import APIToken
from rightstrack.api.services import create_token

pytestmark = pytest.mark.django_db


def test_tokens_are_listed_and_revoked_in_the_admin(admin_client, user):
    token, key = create_token(user.username, "dashboard")
    listing = admin_client.get("/admin/api/apitoken/")
    assert listing.status_code == 200 and token.prefix in listing.content.decode()
    page = admin_client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert token.prefix in page and key not in page and token.key_hash not in page
    assert admin_client.get("/admin/api/apitoken/add/").status_code == 403
    admin_client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert APIToken.objects.get(pk=token.pk).revoked
