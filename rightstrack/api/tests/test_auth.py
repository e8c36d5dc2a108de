"""Token authentication."""

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from rightstrack.api.models import APIToken
from rightstrack.api.services import create_token, revoke_token
from rightstrack.core.errors import RightstrackError

pytestmark = pytest.mark.django_db


def test_only_the_hash_and_a_prefix_of_the_key_are_stored(user):
    token, key = create_token(user.username, "nightly report")
    stored = APIToken.objects.filter(pk=token.pk).values().get()
    assert stored["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert key.startswith(stored["prefix"]) and len(stored["prefix"]) < len(key) // 3
    assert not any(key in str(value) for value in stored.values())


def test_a_token_sees_unpublished_records_and_notes_its_use(client, world, user):
    token, key = create_token(user.username)
    url = f"/api/recommendations/{world.draft.pk}"
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None and timezone.now() - token.last_used_at < dt.timedelta(minutes=1)


@pytest.mark.parametrize("header", ["Bearer revoked", "Bearer rt_no-such-token", "Bearer ", "bearer inactive"])
def test_revoked_unknown_or_inactive_tokens_are_refused(client, world, user, header):
    token, key = create_token(user.username)
    if header == "Bearer revoked":
        revoke_token(token.prefix)
        header = f"Bearer {key}"
    if header == "bearer inactive":
        user.is_active = False
        user.save()
        header = f"bearer {key}"
    for url in ("/api/recommendations", f"/api/recommendations/{world.published.pk}", "/api/states"):
        response = client.get(url, HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, (header, url)
        assert response.json()["detail"] == "Invalid or revoked API token."


def test_a_revoked_token_does_not_fall_back_to_the_browser_session(client, world, user):
    token, key = create_token(user.username)
    revoke_token(token.prefix)
    client.force_login(user)
    assert client.get("/api/recommendations", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_revoking_needs_one_whole_prefix(user):
    token, key = create_token(user.username)
    with pytest.raises(RightstrackError, match="whole prefix"):
        revoke_token(token.prefix[:5])
    with pytest.raises(RightstrackError, match="no token"):
        revoke_token("rt_AAAAAAAA")
    assert revoke_token(key).pk == token.pk  # the whole key works too
    token.refresh_from_db()
    assert token.revoked


def test_tokens_are_only_for_known_active_users(user):
    with pytest.raises(RightstrackError, match="no user named 'nobody'"):
        create_token("nobody")
    user.is_active = False
    user.save()
    with pytest.raises(RightstrackError, match="inactive"):
        create_token(user.username)
